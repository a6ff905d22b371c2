package io.jdask.distributed.worker.state;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.util.SmallSet;
import io.jdask.graph.Key;
import java.util.Map;
import java.util.Set;

/** A key as one worker tracks it. */
final class WTask {
    final Key key;
    WorkerTaskState state = WorkerTaskState.RELEASED;
    /** Set when the scheduler asked this worker to compute it. */
    Payload payload;
    Priority priority;
    Map<String, Double> resources = Map.of();
    /** The scheduler wants it here: computing it, or it holds the value and the scheduler knows. */
    boolean schedulerWants;
    /** Asked to compute again while cancelled or in flight. */
    boolean computeAgain;
    /** The scheduler asked for a copy (a retiring worker's data moving here). */
    boolean acquire;
    /** The compute request that arrived while the key was in flight: run it if the fetch fails. */
    io.jdask.distributed.protocol.SchedulerToWorker.ComputeTask pendingCompute;
    final Set<WTask> dependencies = new SmallSet<>();
    final SmallSet<WTask> dependents = new SmallSet<>();
    final Set<WTask> waitingOn = new SmallSet<>();
    /** Peers holding it (for dependencies to fetch). */
    final Set<String> whoHas = new SmallSet<>();
    String fetchPeer;
    /** While in FETCH: how urgent the fetch is (the best priority of its dependents here), its place in {@link FetchQueues}. */
    Priority fetchRank = FetchQueues.LAST;
    long nbytes;
    String typeName = "";

    WTask(Key key) {
        this.key = key;
    }

    boolean toCompute() {
        return payload != null;
    }

    /** Whether a local task still needs this value. */
    boolean neededLocally() {
        return !dependents.isEmpty() && dependents.anyMatch(WTask::runsHere);
    }

    /** Whether this task is to run or runs here. */
    private static boolean runsHere(WTask t) {
        return t.state == WorkerTaskState.WAITING || t.state == WorkerTaskState.READY || t.state == WorkerTaskState.EXECUTING;
    }

    @Override
    public String toString() {
        return key + "(" + state + ")";
    }
}
