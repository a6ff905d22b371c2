package io.jdask.diagnostics;

import io.jdask.graph.Key;

/**
 * One task as a {@link Profiler} recorded it. Times are relative to the start of its run.
 *
 * @param runId the run's {@link RunInfo#id()}
 * @param key the task's key
 * @param prefix the key's {@link Key#prefix()}
 * @param thread the name of the thread that ran it
 * @param startNanos when it started, in nanoseconds after the run started
 * @param endNanos when it ended, in nanoseconds after the run started
 * @param failed whether it threw
 */
public record TaskRecord(long runId, Key key, String prefix, String thread, long startNanos, long endNanos,
        boolean failed) {
    /** @return how long the task ran, in nanoseconds */
    public long durationNanos() {
        return endNanos - startNanos;
    }
}
