package io.jdask.distributed.worker.store;

/**
 * What a {@link MemoryMonitor} concluded from one reading.
 *
 * @param level where the process stands
 * @param previous the level of the reading before (the first reading's previous level is {@link MemoryLevel#OK})
 * @param bytesToSpill how many bytes of the store's values to spill to bring the process back to the
 *     target (0 when at or below the spill threshold, never more than the store holds in memory)
 * @param processBytes the process memory that was read
 * @param managedBytes the store's in-memory bytes that were read
 */
public record MemoryAssessment(MemoryLevel level, MemoryLevel previous, long bytesToSpill, long processBytes, long managedBytes) {
    /** @return whether the worker must pause now and was not paused before (pause or terminate level) */
    public boolean pauseStarted() {
        return paused(level) && !paused(previous);
    }

    /** @return whether the worker was paused and may run again */
    public boolean pauseEnded() {
        return !paused(level) && paused(previous);
    }

    /** @return whether the nanny must restart the worker (first reading above the terminate threshold) */
    public boolean terminate() {
        return level == MemoryLevel.TERMINATE && previous != MemoryLevel.TERMINATE;
    }

    private static boolean paused(MemoryLevel l) {
        return l == MemoryLevel.PAUSE || l == MemoryLevel.TERMINATE;
    }
}
