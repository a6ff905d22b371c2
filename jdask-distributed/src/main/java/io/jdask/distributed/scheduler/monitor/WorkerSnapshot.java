package io.jdask.distributed.scheduler.monitor;

import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import java.util.Map;

/**
 * A worker as the scheduler sees it at one moment.
 *
 * @param address where it listens
 * @param name its name
 * @param nthreads its task threads
 * @param memoryLimit its memory limit in bytes, 0 for none
 * @param resources the resources it offers
 * @param status running, paused or closing
 * @param metrics what it reported in its last heartbeat ({@link WorkerMetrics#NONE} before the first)
 * @param processing tasks the scheduler has assigned to it now
 * @param held keys whose values it holds now, as the scheduler knows
 * @param tasksFinished tasks it finished since it joined
 * @param tasksErred tasks that failed on it since it joined
 * @param sendRate bytes per second it sent to peers and clients between its last two heartbeats
 * @param receiveRate bytes per second it received from peers between its last two heartbeats
 * @param joinedMillis when it registered (epoch milliseconds)
 * @param lastHeartbeatMillis its last heartbeat (epoch milliseconds), 0 before the first
 */
public record WorkerSnapshot(String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources, WorkerStatus status,
        WorkerMetrics metrics, int processing, int held, long tasksFinished, long tasksErred, double sendRate, double receiveRate,
        long joinedMillis, long lastHeartbeatMillis) {
    /** Copies the map. */
    public WorkerSnapshot {
        resources = Map.copyOf(resources);
    }

    /** @return bytes its data store held in memory at its last heartbeat */
    public long memoryBytes() {
        return metrics.memoryBytes();
    }

    /** @return tasks it ran at its last heartbeat */
    public int executing() {
        return metrics.executing();
    }

    /** @return the in-memory sizes of the values it held on disk at its last heartbeat */
    public long spilledBytes() {
        return metrics.spilledBytes();
    }

    /** @return bytes of values it received from peers since it started, as of its last heartbeat */
    public long bytesReceived() {
        return metrics.bytesReceived();
    }

    /** @return bytes of values it sent to peers and clients since it started, as of its last heartbeat */
    public long bytesSent() {
        return metrics.bytesSent();
    }
}
