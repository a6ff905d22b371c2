package io.jdask.scheduler;

import io.jdask.diagnostics.Callback;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import java.util.List;

/**
 * Runs task graphs. The local schedulers ({@link Schedulers#sync()}, {@link Schedulers#threaded()})
 * live in core; a distributed client plugs in by becoming the default ({@link Schedulers#setDefault}).
 */
public interface Scheduler {
    /** @return a short name: {@code "sync"}, {@code "threads"}, {@code "distributed"} */
    String name();

    /**
     * Runs the tasks needed for {@code outputs} and returns their results.
     *
     * @param graph the graph, already optimised; it must be valid ({@link TaskGraph#validate})
     * @param outputs the keys whose results are wanted
     * @param callback hooks to call (use {@link io.jdask.diagnostics.Callbacks#NONE} for none)
     * @return the result of each output key, in order
     * @throws TaskFailedException when a task throws, naming its key, with the original as cause
     * @throws ComputeCancelledException when the calling thread is interrupted while it waits
     */
    List<Object> compute(TaskGraph graph, List<Key> outputs, Callback callback);
}
