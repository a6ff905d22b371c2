package io.jdask.distributed.cluster;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A scheduler and workers on this machine, bound to 127.0.0.1: the workers run as threads of this
 * process ({@code processes(false)}, quick to start, share the heap) or as separate JVMs ({@code
 * processes(true)}, launched with this JVM's {@code java} and class path). {@link #close()} stops
 * every worker and waits for every process it started to exit.
 *
 * <pre>{@code
 * try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).start();
 *      Client client = cluster.client()) {
 *     List<Integer> ys = client.gather(client.map(i -> i + 1, List.of(1, 2, 3)));
 * }
 * }</pre>
 */
public interface LocalCluster extends AutoCloseable {
    /** @return the scheduler's address */
    String schedulerAddress();

    /**
     * @return the link to the dashboard's status page, when {@link Builder#dashboardAddress(String)}
     *     asked for one and the module {@code jdask-dashboard} is on the class path
     */
    java.util.Optional<String> dashboardLink();

    /** @return the addresses of the workers registered now */
    List<String> workerAddresses();

    /** @return the worker processes alive now (empty when the workers are threads) */
    List<ProcessHandle> workerProcesses();

    /** @return the nannies of the worker processes, one per worker (empty when the workers are threads) */
    List<io.jdask.distributed.nanny.Nanny> nannies();

    /**
     * Connects a new client, which becomes the default scheduler while open.
     *
     * @return the client
     * @throws IOException when the scheduler cannot be reached
     */
    Client client() throws IOException;

    /** Stops the workers (killing processes that do not exit in time) and the scheduler. */
    @Override
    void close();

    /** @return a builder: 2 workers, 1 thread each, no memory limit, in-process */
    static Builder builder() {
        return new Builder();
    }

    /** Settings of a local cluster. */
    final class Builder {
        int workers = 2;
        int threadsPerWorker = 1;
        long memoryLimit;
        boolean processes;
        Security security = Security.none();
        Duration startTimeout = Duration.ofSeconds(60);
        List<String> jvmOptions = List.of();
        SchedulerConfig schedulerConfig = SchedulerConfig.defaults();
        String dashboardAddress;
        java.nio.file.Path localDirectory;
        boolean nanny = true;
        java.util.function.Consumer<String> log = System.err::println;

        Builder() {}

        /**
         * @param restart whether each worker process's {@link io.jdask.distributed.nanny.Nanny}
         *     starts it again when it dies or passes the terminate fraction of its memory limit
         *     (default true; only with {@code processes(true)})
         * @return this builder
         */
        public Builder nanny(boolean restart) {
            this.nanny = restart;
            return this;
        }

        /**
         * @param log receives the worker processes' stderr lines and their nannies' status lines
         *     (default: this process's stderr)
         * @return this builder
         */
        public Builder log(java.util.function.Consumer<String> log) {
            this.log = Objects.requireNonNull(log, "log");
            return this;
        }

        /**
         * @param dir the shared local directory of the workers ({@code --local-directory}): each
         *     worker with a memory limit spills into its own {@code worker-*} directory under it,
         *     deleted when the worker closes (default {@code <java.io.tmpdir>/jdask-worker-space})
         * @return this builder
         */
        public Builder localDirectory(java.nio.file.Path dir) {
            this.localDirectory = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /** @param n how many workers, at least 1 @return this builder */
        public Builder workers(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a cluster needs at least one worker, got " + n);
            }
            this.workers = n;
            return this;
        }

        /** @param n threads per worker, at least 1 @return this builder */
        public Builder threadsPerWorker(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("a worker needs at least one thread, got " + n);
            }
            this.threadsPerWorker = n;
            return this;
        }

        /** @param bytes each worker's memory limit, 0 for none @return this builder */
        public Builder memoryLimit(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("memory limit must be >= 0, got " + bytes);
            }
            this.memoryLimit = bytes;
            return this;
        }

        /** @param processes whether workers are separate JVMs (default false: threads) @return this builder */
        public Builder processes(boolean processes) {
            this.processes = processes;
            return this;
        }

        /** @param security a token (and TLS) for the whole cluster @return this builder */
        public Builder security(Security security) {
            this.security = Objects.requireNonNull(security, "security");
            return this;
        }

        /** @param timeout how long to wait for every worker to register (default 60 s) @return this builder */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** @param options extra JVM options for worker processes, e.g. {@code -Xmx2g} @return this builder */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /**
         * @param config the scheduler's policies (e.g. {@code withSaturation(Double.POSITIVE_INFINITY)}
         *     to send every ready task to the workers at once, best for very many tiny tasks)
         * @return this builder
         */
        public Builder schedulerConfig(SchedulerConfig config) {
            this.schedulerConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Serves the web dashboard beside the scheduler (needs the module {@code jdask-dashboard}
         * on the class path).
         *
         * @param address {@code host:port}, {@code :port} or {@code port}, port 0 for any free one
         *     (e.g. {@code "127.0.0.1:0"}); null (the default), blank or {@code none} for none
         * @return this builder
         */
        public Builder dashboardAddress(String address) {
            this.dashboardAddress = address;
            return this;
        }

        /**
         * Starts the scheduler and the workers and waits until every worker registered.
         *
         * @return the cluster
         * @throws IOException when something cannot start (the message says what)
         */
        public LocalCluster start() throws IOException {
            return LocalClusterImpl.start(this);
        }
    }
}
