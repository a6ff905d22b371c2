package io.jdask.distributed.worker.store;

/** How a worker's process memory stands against its {@link MemoryThresholds}, from best to worst. */
public enum MemoryLevel {
    /** At or below the spill threshold: nothing to do. */
    OK,
    /** Above the spill threshold: spill values until the process is back at the target. */
    SPILL,
    /** Above the pause threshold: spill, and start no new task or fetch. */
    PAUSE,
    /** Above the terminate threshold: the nanny restarts the worker. */
    TERMINATE
}
