package io.jdask.diagnostics;

/**
 * The tasks of one key prefix, totalled by a {@link Profiler}.
 *
 * @param prefix the {@link io.jdask.graph.Key#prefix()} shared by the tasks
 * @param count how many tasks ran
 * @param failed how many of them failed
 * @param totalNanos their summed durations
 * @param maxNanos the longest duration
 */
public record PrefixSummary(String prefix, long count, long failed, long totalNanos, long maxNanos) {
    /** @return the mean duration in nanoseconds, 0 when no task ran */
    public long meanNanos() {
        return count == 0 ? 0 : totalNanos / count;
    }
}
