package io.jdask.diagnostics;

import io.jdask.graph.Key;

/**
 * A task about to run.
 *
 * @param key the task's key
 * @param thread the name of the thread that runs it
 * @param startNanos {@link System#nanoTime()} at start
 */
public record TaskStart(Key key, String thread, long startNanos) {}
