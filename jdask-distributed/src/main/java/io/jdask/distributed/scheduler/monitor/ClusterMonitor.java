package io.jdask.distributed.scheduler.monitor;

import io.jdask.distributed.scheduler.SchedulerPlugin;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link SchedulerPlugin} that keeps what a scheduler is doing in bounded buffers and publishes
 * it as a {@link ClusterSnapshot} at a bounded rate, for other threads (the dashboard, metrics):
 *
 * <pre>{@code
 * ClusterMonitor monitor = ClusterMonitor.builder().build();
 * try (SchedulerServer s = SchedulerServer.builder().plugin(monitor).start()) {
 *     ClusterSnapshot now = monitor.snapshot();
 * }
 * }</pre>
 *
 * <p>On the scheduler's loop it only counts and appends to ring buffers; a snapshot is built on
 * the loop at most once per {@link Builder#publishInterval(Duration) publish interval}, and its
 * size is bounded by the buffers' capacities (plus one entry per worker and per key prefix).
 */
public interface ClusterMonitor extends SchedulerPlugin {
    /** @return the latest published snapshot (an empty one before the scheduler started) */
    ClusterSnapshot snapshot();

    /**
     * Asks the loop to include the task graph in the snapshots it publishes during the next
     * {@link Builder#graphLease(Duration) lease}, rebuilt at most once per {@link
     * Builder#graphInterval(Duration) graph interval}: walking the graph costs time on the loop, so
     * it is done only while someone looks at it.
     */
    void wantGraph();

    /**
     * Asks the loop to include a worker's tasks ({@link WorkerTasks}: what it processes and holds,
     * the first {@link Builder#workerTasksMax(int)} of each) in the snapshots it publishes during
     * the next {@link Builder#graphLease(Duration) lease}. Listing keys costs time on the loop, so
     * it is done only for the workers someone looks at.
     *
     * @param address the worker's address
     */
    void wantWorkerTasks(String address);

    /** @return a builder with the defaults */
    static Builder builder() {
        return new Builder();
    }

    /** Settings of a monitor. */
    final class Builder {
        Duration publishInterval = Duration.ofMillis(100);
        int taskStreamCapacity = 10_000;
        int eventCapacity = 500;
        int graphMaxTasks = 2_000;
        Duration graphInterval = Duration.ofSeconds(1);
        Duration graphLease = Duration.ofSeconds(5);
        int workerTasksMax = 100;

        Builder() {}

        /** @param interval the least time between two snapshots (default 100 ms) @return this builder */
        public Builder publishInterval(Duration interval) {
            this.publishInterval = positive(interval, "publish interval");
            return this;
        }

        /** @param capacity the task-stream entries kept (default 10,000) @return this builder */
        public Builder taskStreamCapacity(int capacity) {
            this.taskStreamCapacity = atLeastOne(capacity, "task stream capacity");
            return this;
        }

        /** @param capacity the scheduler events kept (default 500) @return this builder */
        public Builder eventCapacity(int capacity) {
            this.eventCapacity = atLeastOne(capacity, "event capacity");
            return this;
        }

        /** @param maxTasks beyond this many tasks the graph is grouped by prefix (default 2,000) @return this builder */
        public Builder graphMaxTasks(int maxTasks) {
            this.graphMaxTasks = atLeastOne(maxTasks, "graph max tasks");
            return this;
        }

        /** @param interval the least time between two walks of the graph (default 1 s) @return this builder */
        public Builder graphInterval(Duration interval) {
            this.graphInterval = positive(interval, "graph interval");
            return this;
        }

        /** @param lease how long one {@link ClusterMonitor#wantGraph()} keeps the graph coming (default 5 s) @return this builder */
        public Builder graphLease(Duration lease) {
            this.graphLease = positive(lease, "graph lease");
            return this;
        }

        /** @param max the most keys of each list of a worker's tasks (default 100) @return this builder */
        public Builder workerTasksMax(int max) {
            this.workerTasksMax = atLeastOne(max, "worker tasks max");
            return this;
        }

        /** @return the monitor, to register on a scheduler's builder */
        public ClusterMonitor build() {
            return new Monitor(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, got " + d);
            }
            return d;
        }

        private static int atLeastOne(int n, String what) {
            if (n < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + n);
            }
            return n;
        }
    }
}
