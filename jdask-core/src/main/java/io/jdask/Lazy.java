package io.jdask;

import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import java.util.List;
import java.util.Map;

/**
 * The contract every lazy collection (Delayed, Array, DataFrame, Bag) implements, like Dask's
 * collection protocol: its graph, the keys of its output, how to assemble the computed results of
 * those keys into the collection's value, and how to rebuild it from computed results (persist).
 *
 * <p>Because every collection speaks this contract, {@link Jdask#compute(Lazy...)} can merge the
 * graphs of several collections of any kinds and compute their shared parts once.
 *
 * @param <R> the type of the computed value
 */
public interface Lazy<R> {
    /** @return the graph that computes this collection (shared layers, not copied) */
    Graph graph();

    /** @return the keys whose results make up this collection's value, in assembly order */
    List<Key> keys();

    /**
     * @param results the results of {@link #keys()}, in the same order
     * @return the collection's value
     */
    R assemble(List<Object> results);

    /**
     * @param results computed results for (at least) every key of {@link #keys()}
     * @return the same collection backed by those results instead of its graph
     */
    Lazy<R> rebuild(Map<Key, Object> results);

    /**
     * A collection-specific graph rewrite applied before the generic optimisations (cull, inline,
     * fuse). The default changes nothing.
     *
     * @param graph the merged graph of everything being computed
     * @param outputs every key being asked for
     * @return the rewritten graph
     */
    default TaskGraph optimize(TaskGraph graph, List<Key> outputs) {
        return graph;
    }

    /**
     * Identifies this collection's {@link #optimize} hook: a computation runs each distinct hook
     * once, however many of its collections it holds (like Dask grouping collections by their
     * optimisation function). Collection classes that share one hook return the same object.
     *
     * @return the hook's identity; by default this collection's class
     */
    default Object optimizationKey() {
        return getClass();
    }

    /**
     * Draws this collection's task graph (as built, before optimisation): DOT for {@code .dot}, or
     * SVG/PNG/PDF for those extensions through Graphviz's {@code dot}.
     *
     * @param path where to write
     * @throws java.io.UncheckedIOException if the file cannot be written or {@code dot} is missing
     */
    default void visualize(java.nio.file.Path path) {
        try {
            io.jdask.diagnostics.GraphDot.write(graph().materialize(), path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e.getMessage(), e);
        }
    }

    /**
     * Computes this collection with the current scheduler.
     *
     * @return its value
     */
    default R compute() {
        return Jdask.compute(this).get(this);
    }
}
