package io.jdask.diagnostics;

import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.List;

/** Simulated runs for driving callbacks without a scheduler. */
final class Runs {
    private Runs() {}

    /**
     * @param id the run's id
     * @param tasks how many nodes its graph has
     * @param startNanos when it started
     * @return the run
     */
    static RunInfo run(long id, int tasks, long startNanos) {
        List<Node> nodes = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            nodes.add(new Literal(Key.of("x-" + id, i), i));
        }
        return new RunInfo(id, "threads", TaskGraph.of(nodes), List.of(), startNanos);
    }

    static TaskEvent event(Key key, String thread, long start, long end, Throwable error) {
        return new TaskEvent(key, thread, start, end, error);
    }

    static TaskEvent ok(int i) {
        return new TaskEvent(Key.of("x", i), "worker-1", 0, 1, null);
    }
}
