package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.graph.Key;
import java.util.LinkedHashSet;
import java.util.Set;

/** A task as the scheduler tracks it. Mutable; owned by one {@link SchedulerState}. */
final class STask {
    final Key key;
    final String prefix;
    final Payload payload;
    final Priority priority;
    final Restrictions restrictions;
    final int retries;
    TaskState state = TaskState.RELEASED;
    /** Tasks this one needs. */
    final Set<STask> dependencies = new LinkedHashSet<>();
    /** Tasks that need this one (not forgotten). */
    final Set<STask> dependents = new LinkedHashSet<>();
    /** Dependencies not yet in memory (while waiting). */
    final Set<STask> waitingOn = new LinkedHashSet<>();
    /** Dependents that are waiting, queued, no-worker or processing and need this value. */
    final Set<STask> waiters = new LinkedHashSet<>();
    /** Clients that want this key. */
    final Set<String> wantedBy = new LinkedHashSet<>();
    /** Workers holding the value (in memory). */
    final Set<SWorker> whoHas = new LinkedHashSet<>();
    SWorker processingOn;
    long expectedNanos;
    SWorker stealThief;
    int retriesLeft;
    long nbytes = -1;
    String typeName = "";
    ErrorInfo error;
    STask blamed;
    int suspicious;
    /** Scratch count of {@link Submission}'s cycle check: -1 outside it. */
    int scratch = -1;
    /** The worker asked to copy this value off a retiring worker, until it reports the copy. */
    SWorker replicaTarget;

    STask(Key key, Payload payload, Priority priority, Restrictions restrictions, int retries) {
        this.key = key;
        this.prefix = key.prefix();
        this.payload = payload;
        this.priority = priority;
        this.restrictions = restrictions;
        this.retries = retries;
        this.retriesLeft = retries;
    }

    boolean isRoot() {
        return dependencies.isEmpty();
    }

    boolean needed() {
        return !wantedBy.isEmpty() || !waiters.isEmpty();
    }

    /** A state in which the task is on its way to memory. */
    boolean active() {
        return state == TaskState.WAITING || state == TaskState.QUEUED || state == TaskState.NO_WORKER || state == TaskState.PROCESSING;
    }

    @Override
    public String toString() {
        return key + "(" + state + ")";
    }
}
