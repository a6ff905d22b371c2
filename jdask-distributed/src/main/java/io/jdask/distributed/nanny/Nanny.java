package io.jdask.distributed.nanny;

import io.jdask.distributed.comm.Security;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Supervises one worker process: starts it (a JVM running {@link
 * io.jdask.distributed.worker.WorkerMain} with this JVM's {@code java}, class path and module
 * flags), forwards its output lines, and starts it again when it dies — it exits with an error,
 * is killed (SIGKILL), or exits because its memory passed the terminate fraction ({@code
 * distributed.worker.memory.terminate}, default 95%) of its limit. A worker that closes normally
 * (told by the scheduler, its lifetime reached) or cannot start (its scheduler unreachable for the
 * death timeout, refused) is not restarted: the nanny closes too. When a client restarts the
 * cluster ({@code Client.restart()}), a worker whose nanny restarts it closes and exits with
 * {@link io.jdask.distributed.worker.WorkerMain#EXIT_RESTART}, and the nanny starts a fresh
 * process at once (no back-off; it counts in {@link #restarts()}).
 *
 * <p>The nanny is a supervisor thread set in the process that starts it ({@code jdask worker}, a
 * {@link io.jdask.distributed.cluster.LocalCluster}), not a process of its own. The worker process
 * watches its standard input, a pipe from this process: when this process dies or the nanny
 * closes, the pipe closes and the worker exits, so no worker outlives its nanny.
 *
 * <pre>{@code
 * try (Nanny n = Nanny.builder().scheduler("tcp://10.0.0.1:8786").name("w0").memoryLimit(4L << 30).start()) {
 *     n.awaitRunning(Duration.ofSeconds(60));
 *     System.out.println(n.summary());
 *     n.awaitClosed();
 * }
 * }</pre>
 */
public interface Nanny extends AutoCloseable {
    /** @return the worker's name */
    String name();

    /** @return one line: what it is, its worker's process, its scheduler and when it restarts the worker */
    String summary();

    /** @return the worker process running now, if any */
    Optional<ProcessHandle> process();

    /** @return the address the current worker registered with, or null before it printed its summary */
    String workerAddress();

    /** @return how many times the worker was started again */
    int restarts();

    /**
     * Waits until the current worker process printed its summary line (it registered with its
     * scheduler).
     *
     * @param timeout how long to wait
     * @throws IOException when the worker could not start (the message says why, with its last
     *     error line) or did not register in time
     * @throws InterruptedException if interrupted
     */
    void awaitRunning(Duration timeout) throws IOException, InterruptedException;

    /**
     * Waits until the nanny closed: by {@link #close()}, or its worker closed normally or could not start.
     *
     * @throws InterruptedException if interrupted
     */
    void awaitClosed() throws InterruptedException;

    /** @return why it closed, or null while it runs */
    String closeReason();

    /** Stops the worker (closing its standard input, killing it after 5 s) and stops supervising. */
    @Override
    void close();

    /** @return a builder: one thread, no memory limit, 60 s death timeout, restarts on */
    static Builder builder() {
        return new Builder();
    }

    /** Settings of a nanny and its worker. */
    final class Builder {
        String scheduler;
        Path schedulerFile;
        String name;
        String host = "127.0.0.1";
        int nthreads = 1;
        long memoryLimit;
        Map<String, Double> resources = Map.of();
        Path localDirectory;
        Duration lifetime = Duration.ZERO;
        Duration deathTimeout = Duration.ofSeconds(60);
        Security security = Security.none();
        List<String> jvmOptions = List.of();
        boolean restart = true;
        Consumer<String> output = line -> { };
        Consumer<String> log = System.err::println;

        Builder() {}

        /** @param address the scheduler's address @return this builder */
        public Builder scheduler(String address) {
            this.scheduler = Objects.requireNonNull(address, "address");
            return this;
        }

        /** @param file the scheduler file the worker reads its scheduler's address from @return this builder */
        public Builder schedulerFile(Path file) {
            this.schedulerFile = Objects.requireNonNull(file, "file");
            return this;
        }

        /** @param name the worker's name (default: its address) @return this builder */
        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** @param host the interface the worker listens on (default 127.0.0.1) @return this builder */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
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

        /**
         * @param bytes the worker's memory limit, 0 for none; unless {@link #jvmOptions} set
         *     {@code -Xmx}, the worker's heap is the limit plus 256 MiB, so that its memory monitor
         *     acts before the JVM runs out of heap
         * @return this builder
         */
        public Builder memoryLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory limit must be >= 0, got " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /** @param resources abstract resources the worker offers @return this builder */
        public Builder resources(Map<String, Double> resources) {
            this.resources = Map.copyOf(resources);
            return this;
        }

        /** @param dir the shared local directory of the worker @return this builder */
        public Builder localDirectory(Path dir) {
            this.localDirectory = dir;
            return this;
        }

        /** @param lifetime the worker closes after this long (zero: never) @return this builder */
        public Builder lifetime(Duration lifetime) {
            this.lifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** @param timeout the worker gives up when its scheduler is unreachable for this long @return this builder */
        public Builder deathTimeout(Duration timeout) {
            this.deathTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param security token (passed in the environment) and TLS files @return this builder */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** @param options extra JVM options of the worker process, e.g. {@code -Xmx2g} @return this builder */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** @param restart whether to start the worker again when it dies (default true) @return this builder */
        public Builder restart(boolean restart) {
            this.restart = restart;
            return this;
        }

        /** @param output receives each line the worker prints on stdout (its summary first) @return this builder */
        public Builder output(Consumer<String> output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /** @param log receives the worker's stderr lines and the nanny's own status lines (default stderr) @return this builder */
        public Builder log(Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * Starts the worker process and returns at once; {@link Nanny#awaitRunning} waits for it to register.
         *
         * @return the nanny
         * @throws IOException when the process cannot be started
         */
        public Nanny start() throws IOException {
            if ((scheduler == null) == (schedulerFile == null)) {
                throw new IllegalArgumentException("a nanny needs a scheduler address or a scheduler file (one of them)");
            }
            return NannyImpl.start(this);
        }
    }
}
