package io.jdask.diagnostics;

import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import java.util.List;

/**
 * One computation, as callbacks see it.
 *
 * @param id a number unique within this JVM
 * @param scheduler the scheduler's name ({@code "threads"}, {@code "sync"}, ...)
 * @param graph the graph being run (after optimisation)
 * @param outputs the keys asked for
 * @param startNanos {@link System#nanoTime()} when the run started
 */
public record RunInfo(long id, String scheduler, TaskGraph graph, List<Key> outputs, long startNanos) {
    /** @return the number of tasks in the run */
    public int taskCount() {
        return graph.size();
    }
}
