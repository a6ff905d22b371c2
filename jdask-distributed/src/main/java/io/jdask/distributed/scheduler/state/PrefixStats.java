package io.jdask.distributed.scheduler.state;

/**
 * Duration statistics of the tasks sharing a key prefix.
 *
 * @param prefix the prefix ({@link io.jdask.graph.Key#prefix()})
 * @param count how many finished
 * @param meanNanos the moving average of their durations (each new one weighs half)
 * @param totalNanos the sum of their durations
 */
public record PrefixStats(String prefix, long count, long meanNanos, long totalNanos) {}
