package io.jdask.distributed.scheduler.state;

/** The states of a task on the scheduler. */
public enum TaskState {
    /** Known, not running, no value anywhere; kept as lineage while dependents exist. */
    RELEASED,
    /** Needed; waits for dependencies to be in memory. */
    WAITING,
    /** A root task ready to run, held in the scheduler's queue until a worker has a free slot. */
    QUEUED,
    /** Ready to run, but no worker may run it (none, or none that satisfies its restrictions). */
    NO_WORKER,
    /** Sent to one worker, which computes it. */
    PROCESSING,
    /** Its value is held by at least one worker. */
    MEMORY,
    /** It failed, or a dependency failed. */
    ERRED,
    /** Removed from the scheduler. */
    FORGOTTEN
}
