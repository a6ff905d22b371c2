package io.jdask.distributed.scheduler;

import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import java.util.Map;

/**
 * A worker as the scheduler knows it.
 *
 * @param address where it listens
 * @param name its name
 * @param nthreads its task threads
 * @param memoryLimit its memory limit in bytes, 0 for none
 * @param resources the resources it offers
 * @param status its status
 * @param metrics what it reported in its last heartbeat ({@link WorkerMetrics#NONE} before the first)
 */
public record WorkerInfo(String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources, WorkerStatus status,
        WorkerMetrics metrics) {
    /** Copies the map. */
    public WorkerInfo {
        resources = Map.copyOf(resources);
        java.util.Objects.requireNonNull(metrics, "metrics");
    }

    /** @return the bytes its data store held in memory at its last heartbeat */
    public long memoryBytes() {
        return metrics.memoryBytes();
    }
}
