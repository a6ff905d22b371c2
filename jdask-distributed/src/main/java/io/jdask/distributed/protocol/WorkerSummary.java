package io.jdask.distributed.protocol;

import java.util.Map;

/**
 * One worker in {@link ClientReply.SchedulerInfo}.
 *
 * @param address where it listens
 * @param name its name
 * @param nthreads its task threads
 * @param memoryLimit its memory limit in bytes, 0 for none
 * @param memoryBytes the bytes its data store held at its last heartbeat
 * @param status its status
 * @param processing the tasks assigned to it now
 * @param held the keys whose values it holds
 * @param resources the abstract resources it offers
 */
public record WorkerSummary(String address, String name, int nthreads, long memoryLimit, long memoryBytes, WorkerStatus status,
        int processing, int held, Map<String, Double> resources) {
    /** Copies the map. */
    public WorkerSummary {
        resources = Map.copyOf(resources);
    }
}
