package io.jdask.scheduler;

import io.jdask.diagnostics.RunInfo;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Numbers runs and describes them in messages. */
final class RunIds {
    private static final AtomicLong NEXT = new AtomicLong(1);

    private RunIds() {}

    static RunInfo next(String scheduler, TaskGraph graph, List<Key> outputs) {
        return new RunInfo(NEXT.getAndIncrement(), scheduler, graph, List.copyOf(outputs), System.nanoTime());
    }

    static String describe(List<Key> outputs) {
        if (outputs.size() <= 3) {
            return outputs.toString();
        }
        return "[" + outputs.get(0) + ", " + outputs.get(1) + ", ... " + outputs.size() + " keys]";
    }
}
