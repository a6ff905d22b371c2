package io.jdask.distributed.worker.store;

/**
 * The worker's memory policy as a pure function of readings: fed the process's memory and the
 * data store's in-memory bytes, it says whether to spill (and how much), pause, resume or have the
 * nanny restart the worker. It reads no clock or memory itself, so tests feed it numbers.
 *
 * <p>The worker calls {@link #observe} periodically (and after large results) with the process's
 * memory (e.g. {@link ProcessMemory#read()}) and {@link DataStore#memoryBytes()}, then acts on the
 * {@link MemoryAssessment}: {@link DataStore#spill(long)} the {@code bytesToSpill}; on
 * {@code pauseStarted()}/{@code pauseEnded()} tell its state machine (the same pause fraction is
 * {@code WorkerConfig.pauseFraction}); on {@code terminate()} the nanny restarts it.
 *
 * <p>Spilling from process memory: when the process is above the spill threshold, the excess over
 * the target is spilled — {@code process - target * limit} bytes, at most what the store holds in
 * memory (unmanaged memory, e.g. a task's temporaries, cannot be spilled).
 *
 * <p>Not thread-safe: one thread (the worker's event loop) owns it.
 */
public final class MemoryMonitor {
    private final MemoryThresholds thresholds;
    private MemoryLevel level = MemoryLevel.OK;

    /** @param thresholds the limit and fractions */
    public MemoryMonitor(MemoryThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** @return the thresholds */
    public MemoryThresholds thresholds() {
        return thresholds;
    }

    /** @return the level of the last reading ({@link MemoryLevel#OK} before any) */
    public MemoryLevel level() {
        return level;
    }

    /**
     * @param processBytes the process's memory in bytes
     * @param managedBytes the data store's in-memory bytes
     * @return what to do
     * @throws IllegalArgumentException when a reading is negative
     */
    public MemoryAssessment observe(long processBytes, long managedBytes) {
        if (processBytes < 0 || managedBytes < 0) {
            throw new IllegalArgumentException("memory readings must be >= 0, got process " + processBytes
                    + " and managed " + managedBytes);
        }
        MemoryLevel previous = level;
        MemoryLevel now;
        long spill = 0;
        if (!thresholds.limited()) {
            now = MemoryLevel.OK;
        } else {
            now = processBytes > thresholds.terminateBytes() ? MemoryLevel.TERMINATE
                    : processBytes > thresholds.pauseBytes() ? MemoryLevel.PAUSE
                    : processBytes > thresholds.spillBytes() ? MemoryLevel.SPILL
                    : MemoryLevel.OK;
            if (now != MemoryLevel.OK) {
                spill = Math.min(managedBytes, processBytes - thresholds.targetBytes());
            }
        }
        level = now;
        return new MemoryAssessment(now, previous, Math.max(0, spill), processBytes, managedBytes);
    }
}
