package io.jdask.distributed.scheduler.monitor;

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
 * @param memoryBytes bytes its data store held in memory at its last heartbeat
 * @param executing tasks it ran at its last heartbeat
 * @param processing tasks the scheduler has assigned to it now
 * @param tasksFinished tasks it finished since it joined
 * @param tasksErred tasks that failed on it since it joined
 * @param bytesReceived bytes of values it copied from peers, as reported to the scheduler
 * @param joinedMillis when it registered (epoch milliseconds)
 * @param lastHeartbeatMillis its last heartbeat (epoch milliseconds), 0 before the first
 */
public record WorkerSnapshot(String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources, WorkerStatus status,
        long memoryBytes, int executing, int processing, long tasksFinished, long tasksErred, long bytesReceived, long joinedMillis,
        long lastHeartbeatMillis) {
    /** Copies the map. */
    public WorkerSnapshot {
        resources = Map.copyOf(resources);
    }
}
