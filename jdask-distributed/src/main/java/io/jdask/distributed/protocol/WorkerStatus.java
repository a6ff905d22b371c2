package io.jdask.distributed.protocol;

/** A worker's status as the scheduler sees it. */
public enum WorkerStatus {
    /** Takes new tasks. */
    RUNNING,
    /** Holds its data and finishes what runs, but takes no new tasks (memory above the pause fraction). */
    PAUSED,
    /** Leaving gracefully: takes no new tasks, and idle workers may steal those it has not started. */
    CLOSING_GRACEFULLY,
    /** Leaving now. */
    CLOSING
}
