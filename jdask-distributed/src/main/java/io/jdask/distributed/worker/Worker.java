package io.jdask.distributed.worker;

import io.jdask.distributed.comm.Security;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A running worker: registered with its scheduler, running tasks on its threads, serving its
 * values to peers and clients. Start one with {@link #builder()}:
 *
 * <pre>{@code
 * try (Worker w = Worker.builder().scheduler("tcp://10.0.0.1:8786").nthreads(4).start()) {
 *     System.out.println(w.summary());   // worker w1 tcp://10.0.0.3:40121 -> tcp://10.0.0.1:8786, 4 threads, no memory limit
 *     w.awaitClosed();
 * }
 * }</pre>
 */
public interface Worker extends AutoCloseable {
    /** @return where peers and clients reach it, {@code tcp://host:port} */
    String address();

    /** @return its name */
    String name();

    /** @return the scheduler it is registered with */
    String schedulerAddress();

    /** @return one line: what it is, its address, its scheduler and its resources */
    String summary();

    /**
     * Waits until the worker closed: by {@link #close()}, told by the scheduler, its lifetime
     * elapsed, or it lost its scheduler.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    void awaitClosed() throws InterruptedException;

    /** @return why it closed, or null while it runs */
    String closeReason();

    /** Stops the worker: interrupts its tasks, drops its data, closes its connections. */
    @Override
    void close();

    /** @return a builder: one thread, no memory limit, 60 s death timeout */
    static Builder builder() {
        return new Builder();
    }

    /** Settings of a worker. */
    final class Builder {
        String scheduler;
        Path schedulerFile;
        String host = "127.0.0.1";
        String advertisedHost;
        int port;
        String name;
        int nthreads = 1;
        long memoryLimit;
        Map<String, Double> resources = Map.of();
        Path localDirectory;
        Duration lifetime = Duration.ZERO;
        Duration deathTimeout = Duration.ofSeconds(60);
        Duration heartbeatInterval = Duration.ofSeconds(1);
        Security security = Security.none();
        Supplier<DataStore> store;
        TaskCodec codec = TaskCodec.standard();
        Duration codeFetchTimeout = Duration.ofMinutes(2);
        Consumer<String> log = System.err::println;
        boolean memoryMonitor = true;
        Runnable onMemoryTerminate;
        Runnable onRestart;

        Builder() {}

        /**
         * @param on whether the worker, when it has a memory limit, watches its process's memory
         *     (live heap plus direct buffers): spill above {@code distributed.worker.memory.spill},
         *     pause above {@code pause}, {@link #onMemoryTerminate} above {@code terminate}. Default
         *     true; turn it off when several workers share one JVM (their process memory is one), and
         *     they pause on their data stores' bytes instead.
         * @return this builder
         */
        public Builder memoryMonitor(boolean on) {
            this.memoryMonitor = on;
            return this;
        }

        /**
         * @param action run once when the process's memory passes the terminate fraction of the
         *     limit; a worker under a nanny exits so that the nanny restarts it. Default: only a
         *     status line.
         * @return this builder
         */
        public Builder onMemoryTerminate(Runnable action) {
            this.onMemoryTerminate = Objects.requireNonNull(action, "action");
            return this;
        }

        /**
         * @param action run once when the scheduler asks the worker to restart (a client's
         *     {@code restart()}), just before the worker closes; a worker under a nanny exits
         *     after it so that its nanny starts a fresh process. Default: none, and the worker
         *     cannot restart its process: it keeps running with its store emptied.
         * @return this builder
         */
        public Builder onRestart(Runnable action) {
            this.onRestart = Objects.requireNonNull(action, "action");
            return this;
        }

        /** @param address the scheduler's address, {@code tcp://host:port} @return this builder */
        public Builder scheduler(String address) {
            this.scheduler = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * @param file a file the scheduler wrote its address to ({@code --scheduler-file}); read
         *     (and waited for, within the death timeout) when the worker starts
         * @return this builder
         */
        public Builder schedulerFile(Path file) {
            this.schedulerFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** @param host the interface to listen on for peers and clients (default 127.0.0.1) @return this builder */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** @param host the host name others are told, when it differs from the bound one @return this builder */
        public Builder advertisedHost(String host) {
            this.advertisedHost = host;
            return this;
        }

        /** @param port the port to listen on, 0 (default) for any free one @return this builder */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** @param name a human name (default: the address) @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param n task threads, at least 1 @return this builder */
        public Builder nthreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a worker needs at least one thread, got " + n);
            }
            this.nthreads = n;
            return this;
        }

        /** @param bytes the memory limit, 0 for none @return this builder */
        public Builder memoryLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory limit must be >= 0, got " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /** @param resources abstract resources offered, e.g. {@code GPU=1} @return this builder */
        public Builder resources(Map<String, Double> resources) {
            this.resources = Map.copyOf(resources);
            return this;
        }

        /**
         * @param dir the shared local directory ({@code --local-directory}) under which the worker
         *     takes its own locked {@code worker-*} directory for spill files, deleted when it
         *     closes; default {@code <java.io.tmpdir>/jdask-worker-space}. Used for spill files only
         *     with a memory limit and the default data store; shipped code is cached in its
         *     {@code code-cache} directory, shared by the workers of the machine and kept across runs.
         * @return this builder
         */
        public Builder localDirectory(Path dir) {
            this.localDirectory = dir;
            return this;
        }

        /** @param lifetime close after this long; zero (default) never @return this builder */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /**
         * @param timeout give up (and fail to start) when the scheduler cannot be reached for this
         *     long (default 60 s)
         * @return this builder
         */
        public Builder deathTimeout(Duration timeout) {
            this.deathTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param interval how often to tell the scheduler it is alive (default 1 s) @return this builder */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /** @param security token and TLS @return this builder */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /**
         * @param store makes the data store; by default, with a memory limit, a spilling store in
         *     the local directory that spills least-recently-used values above the target fraction
         *     ({@code distributed.worker.memory.target}) of the limit, and without one, all in memory
         * @return this builder
         */
        public Builder dataStore(Supplier<DataStore> store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param codec reads tasks and values (default {@link TaskCodec#standard()}, with code
         *     shipping: payloads of clients that ship code are read with their class loaders); a
         *     custom codec turns code shipping off
         * @return this builder
         */
        public Builder taskCodec(TaskCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /**
         * @param timeout how long to wait for each answer when fetching a client's shipped code
         *     through the scheduler (default 2 minutes)
         * @return this builder
         */
        public Builder codeFetchTimeout(Duration timeout) {
            this.codeFetchTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param log where status lines go (connection retries, closing), default stderr @return this builder */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Starts the worker: listens, connects to the scheduler (retrying with back-off for up to
         * the death timeout) and registers.
         *
         * @return the running worker
         * @throws IOException when it cannot listen, or the scheduler stays unreachable for the
         *     death timeout, or refuses it (the message says why)
         */
        public Worker start() throws IOException {
            if (scheduler == null && schedulerFile == null) {
                throw new IllegalArgumentException("a worker needs a scheduler address or a scheduler file");
            }
            return WorkerProcess.start(this);
        }
    }
}
