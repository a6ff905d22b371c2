package io.jdask.optimize;

import io.jdask.graph.GraphException;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Removes the nodes that the requested keys do not need, like Dask's {@code cull}.
 *
 * <p>Walks dependencies from the outputs over the graph's {@link TaskGraph#index() index} with an
 * explicit stack: linear time, any depth of graph. When everything is needed, the graph is
 * returned as it is, and the index it computed is reused by the passes and the scheduler that
 * follow.
 */
public final class Cull {
    private Cull() {}

    /**
     * Keeps exactly the nodes reachable from {@code outputs} through dependencies.
     *
     * <p>A dependency the graph does not hold is not an error here: the node that refers to it is
     * kept, so {@link TaskGraph#validate} still reports it.
     *
     * @param graph the graph
     * @param outputs the keys that will be asked for
     * @return a graph of the needed nodes, in {@code graph}'s order ({@code graph} itself when
     *     every node is needed)
     * @throws GraphException if an output is not in the graph
     */
    public static TaskGraph cull(TaskGraph graph, Collection<Key> outputs) {
        IndexedGraph g = graph.index();
        int n = g.size();
        boolean[] needed = new boolean[n];
        int[] stack = new int[n];
        int top = -1;
        int count = 0;
        for (Key k : outputs) {
            int id = g.id(k);
            if (id < 0) {
                throw new GraphException("the graph has no task for the requested key " + k, List.of(k));
            }
            if (!needed[id]) {
                needed[id] = true;
                count++;
                stack[++top] = id;
            }
        }
        while (top >= 0) {
            int v = stack[top--];
            for (int d : g.dependencies(v)) {
                if (!needed[d]) {
                    needed[d] = true;
                    count++;
                    stack[++top] = d;
                }
            }
        }
        if (count == n) {
            return graph;
        }
        Map<Key, Node> kept = new LinkedHashMap<>(Math.max(16, count * 4 / 3 + 1));
        for (int v = 0; v < n; v++) {
            if (needed[v]) {
                kept.put(g.key(v), g.node(v));
            }
        }
        return TaskGraph.of(kept);
    }
}
