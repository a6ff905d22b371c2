package io.jdask.distributed.scheduler.monitor;

import io.jdask.distributed.scheduler.state.TaskGraphView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scheduler was doing at one moment: immutable, safe to read from any thread.
 *
 * @param version increases with every published snapshot
 * @param timeMillis when it was taken (epoch milliseconds)
 * @param scheduler the scheduler's address
 * @param workers the workers, by address
 * @param prefixes progress per key prefix, in order of first appearance
 * @param taskStream the latest task-stream entries, oldest first (a bounded window)
 * @param totals counters since the scheduler started
 * @param events the latest scheduler events (workers joining and leaving, failures), oldest first
 * @param graph the task graph, when one was asked for (see {@link ClusterMonitor#wantGraph()})
 * @param workerTasks the tasks of the workers someone asked about (see {@link ClusterMonitor#wantWorkerTasks(String)}), by address
 */
public record ClusterSnapshot(long version, long timeMillis, String scheduler, List<WorkerSnapshot> workers, List<PrefixProgress> prefixes,
        List<TaskStreamEntry> taskStream, Totals totals, List<String> events, Optional<TaskGraphView> graph, Map<String, WorkerTasks> workerTasks) {
    /** Copies the lists. */
    public ClusterSnapshot {
        workers = List.copyOf(workers);
        prefixes = List.copyOf(prefixes);
        taskStream = List.copyOf(taskStream);
        events = List.copyOf(events);
        workerTasks = Map.copyOf(workerTasks);
    }

    /**
     * Counters since the scheduler started.
     *
     * @param tasks the tasks the scheduler knows now
     * @param queued root tasks in its queue now
     * @param transitions task transitions so far
     * @param tasksFinished tasks reported finished
     * @param tasksErred tasks reported failed
     * @param bytesTransferred bytes of values copied between workers, as reported
     * @param workersJoined workers that registered
     * @param workersLeft workers that left or were lost
     */
    public record Totals(int tasks, int queued, long transitions, long tasksFinished, long tasksErred, long bytesTransferred, long workersJoined,
            long workersLeft) {}
}
