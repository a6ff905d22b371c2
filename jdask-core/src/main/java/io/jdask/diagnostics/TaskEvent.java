package io.jdask.diagnostics;

import io.jdask.graph.Key;

/**
 * A task that ran.
 *
 * @param key the task's key
 * @param thread the name of the thread that ran it
 * @param startNanos {@link System#nanoTime()} at start
 * @param endNanos {@link System#nanoTime()} at the end
 * @param error what the task threw, or {@code null} if it succeeded
 */
public record TaskEvent(Key key, String thread, long startNanos, long endNanos, Throwable error) {
    /** @return how long the task ran, in nanoseconds */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    /** @return whether the task failed */
    public boolean failed() {
        return error != null;
    }
}
