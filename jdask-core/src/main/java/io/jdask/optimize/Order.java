package io.jdask.optimize;

import io.jdask.graph.GraphException;
import io.jdask.graph.IndexedGraph;
import java.util.Arrays;

/**
 * The static ordering of a task graph, in the spirit of Dask's {@code dask.order}: a priority for
 * every node that schedulers use to break ties between runnable tasks (lower runs first).
 *
 * <p>The order runs every dependency before its dependents and keeps the number of results held in
 * memory low:
 *
 * <ul>
 *   <li><b>Small goals first.</b> The sinks (nodes nothing depends on) are taken one at a time,
 *       the one needing the least work first, and each is finished before the next is started.
 *   <li><b>Depth first, big steps first.</b> A sink's dependencies are walked depth first; among
 *       the dependencies of one node, the one whose sub-graph needs the most work goes first, so
 *       the cheap inputs (typically the roots that load data) are opened last, just before the
 *       node that consumes them can run.
 *   <li><b>Eager dependents.</b> When a node is placed, any dependent that has become runnable and
 *       whose running would release a result (it is the last user of one of its inputs) is placed
 *       at once, and so on from there.
 *   <li><b>Deterministic.</b> Ties are broken by {@link io.jdask.graph.Key} order, never by hash
 *       or insertion order, so the same graph always gets the same order.
 * </ul>
 *
 * <p>Work is estimated statically: a node's work is one plus its dependencies' works, each shared
 * dependency's work split evenly among its dependents. Linear time apart from sorting each node's
 * dependencies; iterative throughout. {@code docs/ordering.md} explains the policy with examples.
 */
public final class Order {
    private Order() {}

    /**
     * Orders a graph.
     *
     * @param graph the graph
     * @return {@code priority[id]} for every node id: a permutation of {@code 0..n-1} in which
     *     every dependency comes before its dependents
     * @throws GraphException if the graph has a cycle
     */
    public static int[] order(IndexedGraph graph) {
        return new Ordering(graph).run();
    }

    /**
     * The node ids in the order their priorities say to run them.
     *
     * @param priority a priority per node id, a permutation of {@code 0..n-1}
     * @return {@code ids} with {@code priority[ids[i]] == i}
     * @throws IllegalArgumentException if {@code priority} is not a permutation
     */
    public static int[] sequence(int[] priority) {
        int n = priority.length;
        int[] ids = new int[n];
        Arrays.fill(ids, -1);
        for (int v = 0; v < n; v++) {
            int p = priority[v];
            if (p < 0 || p >= n || ids[p] != -1) {
                throw new IllegalArgumentException("priorities are not a permutation of 0.." + (n - 1) + ": " + p);
            }
            ids[p] = v;
        }
        return ids;
    }

    /**
     * Simulates running the graph one task at a time in priority order and counts the results
     * held in memory. While a task runs, its inputs and its own result are held; a result is
     * released once every one of its dependents has run; a sink's result (an output) is held to
     * the end.
     *
     * @param graph the graph
     * @param priority a priority per node id, as {@link #order} returns
     * @return the largest number of results held at once
     * @throws IllegalArgumentException if {@code priority} is not a permutation, or runs a node
     *     before one of its dependencies
     */
    public static int peakHeld(IndexedGraph graph, int[] priority) {
        int n = graph.size();
        if (priority.length != n) {
            throw new IllegalArgumentException(n + " nodes but " + priority.length + " priorities");
        }
        int[] ids = sequence(priority);
        int[] waitingDependents = new int[n];
        for (int v = 0; v < n; v++) {
            waitingDependents[v] = graph.dependents(v).length;
        }
        int held = 0;
        int peak = 0;
        for (int v : ids) {
            for (int d : graph.dependencies(v)) {
                if (priority[d] > priority[v]) {
                    throw new IllegalArgumentException(
                            graph.key(v) + " runs before its dependency " + graph.key(d));
                }
            }
            held++;
            peak = Math.max(peak, held);
            for (int d : graph.dependencies(v)) {
                if (--waitingDependents[d] == 0) {
                    held--;
                }
            }
        }
        return peak;
    }
}
