package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.util.SmallSet;
import io.jdask.graph.Key;

/** A task as the scheduler tracks it. Mutable; owned by one {@link SchedulerState}. */
final class STask {
    final Key key;
    /** Its key prefix's counts and durations. */
    final TaskPrefix prefix;
    final Payload payload;
    final Priority priority;
    final Restrictions restrictions;
    final int retries;
    TaskState state = TaskState.RELEASED;
    /** Tasks this one needs. */
    final SmallSet<STask> dependencies = new SmallSet<>();
    /** Tasks that need this one (not forgotten). */
    final SmallSet<STask> dependents = new SmallSet<>();
    /** Dependencies not yet in memory (while waiting). */
    final SmallSet<STask> waitingOn = new SmallSet<>();
    /** Dependents that are waiting, queued, no-worker or processing and need this value. */
    final SmallSet<STask> waiters = new SmallSet<>();
    /** Clients that want this key. */
    final SmallSet<String> wantedBy = new SmallSet<>();
    /** Workers holding the value (in memory). */
    final SmallSet<SWorker> whoHas = new SmallSet<>();
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
    /** Its slot in the scheduler's {@link TaskQueue} while queued, else -1. */
    int queueSlot = -1;

    STask(Key key, TaskPrefix prefix, Payload payload, Priority priority, Restrictions restrictions, int retries) {
        this.key = key;
        this.prefix = prefix;
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
