package io.jdask.distributed.worker.store;

import io.jdask.config.Config;

/**
 * A worker's memory limit and the fractions of it at which the worker acts.
 *
 * <ul>
 *   <li>{@code target}: the data store spills least-recently-used values once the bytes it holds in
 *       memory exceed {@code target * limit}, until they are at most that again;
 *   <li>{@code spill}: once the process's memory exceeds {@code spill * limit}, values are spilled
 *       until the process is estimated back at {@code target * limit};
 *   <li>{@code pause}: above {@code pause * limit} the worker starts no new task or fetch;
 *   <li>{@code terminate}: above {@code terminate * limit} the nanny restarts the worker.
 * </ul>
 *
 * <p>A limit of 0 means no limit: nothing is ever spilled, paused or terminated for memory.
 *
 * @param limit bytes, 0 for none
 * @param target fraction of the limit for the store's own bytes
 * @param spill fraction of the limit for process memory that triggers spilling
 * @param pause fraction of the limit for process memory that pauses the worker
 * @param terminate fraction of the limit for process memory that gets the worker restarted
 */
public record MemoryThresholds(long limit, double target, double spill, double pause, double terminate) {
    /** Configuration key of {@link #target}. */
    public static final String TARGET_KEY = "distributed.worker.memory.target";
    /** Configuration key of {@link #spill}. */
    public static final String SPILL_KEY = "distributed.worker.memory.spill";
    /** Configuration key of {@link #pause}. */
    public static final String PAUSE_KEY = "distributed.worker.memory.pause";
    /** Configuration key of {@link #terminate}. */
    public static final String TERMINATE_KEY = "distributed.worker.memory.terminate";

    /**
     * @throws IllegalArgumentException when the limit is negative, a fraction is not in (0, 1] or
     *     they do not increase (target &lt;= spill &lt;= pause &lt;= terminate); the message names the
     *     configuration key at fault
     */
    public MemoryThresholds {
        if (limit < 0) {
            throw new IllegalArgumentException("memory limit must be >= 0 bytes (0 for none), got " + limit);
        }
        check(TARGET_KEY, target);
        check(SPILL_KEY, spill);
        check(PAUSE_KEY, pause);
        check(TERMINATE_KEY, terminate);
        if (target > spill || spill > pause || pause > terminate) {
            throw new IllegalArgumentException("memory fractions must satisfy " + TARGET_KEY + " (" + target + ") <= "
                    + SPILL_KEY + " (" + spill + ") <= " + PAUSE_KEY + " (" + pause + ") <= "
                    + TERMINATE_KEY + " (" + terminate + ")");
        }
    }

    private static void check(String key, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException(key + " must be a fraction in (0, 1], got " + fraction);
        }
    }

    /**
     * @param limit the memory limit in bytes, 0 for none
     * @return thresholds with the fractions of the configuration keys {@code distributed.worker.memory.*}
     */
    public static MemoryThresholds fromConfig(long limit) {
        return new MemoryThresholds(limit, Config.getDouble(TARGET_KEY), Config.getDouble(SPILL_KEY),
                Config.getDouble(PAUSE_KEY), Config.getDouble(TERMINATE_KEY));
    }

    /**
     * @param limit the memory limit in bytes, 0 for none
     * @return thresholds with the default fractions 0.6, 0.7, 0.8 and 0.95
     */
    public static MemoryThresholds defaults(long limit) {
        return new MemoryThresholds(limit, 0.6, 0.7, 0.8, 0.95);
    }

    /** @return whether there is a limit */
    public boolean limited() {
        return limit > 0;
    }

    /** @return {@code target * limit} in bytes, or {@link Long#MAX_VALUE} without a limit */
    public long targetBytes() {
        return bytes(target);
    }

    /** @return {@code spill * limit} in bytes, or {@link Long#MAX_VALUE} without a limit */
    public long spillBytes() {
        return bytes(spill);
    }

    /** @return {@code pause * limit} in bytes, or {@link Long#MAX_VALUE} without a limit */
    public long pauseBytes() {
        return bytes(pause);
    }

    /** @return {@code terminate * limit} in bytes, or {@link Long#MAX_VALUE} without a limit */
    public long terminateBytes() {
        return bytes(terminate);
    }

    private long bytes(double fraction) {
        return limit > 0 ? (long) Math.floor(fraction * limit) : Long.MAX_VALUE;
    }
}
