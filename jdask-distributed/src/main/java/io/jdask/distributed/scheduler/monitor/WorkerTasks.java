package io.jdask.distributed.scheduler.monitor;

import io.jdask.graph.Key;
import java.util.List;

/**
 * The tasks of one worker, for a reader that asked for them ({@link ClusterMonitor#wantWorkerTasks(String)}):
 * the counts, and the first keys of each list (bounded).
 *
 * @param address the worker
 * @param processingCount tasks the scheduler has assigned to it
 * @param processing the first of them, in the order they were assigned
 * @param heldCount keys whose values it holds
 * @param held the first of them, in the order it got them
 */
public record WorkerTasks(String address, int processingCount, List<Key> processing, int heldCount, List<Key> held) {
    /** Copies the lists. */
    public WorkerTasks {
        processing = List.copyOf(processing);
        held = List.copyOf(held);
    }
}
