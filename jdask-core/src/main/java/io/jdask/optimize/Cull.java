package io.jdask.optimize;

import io.jdask.graph.GraphException;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes the nodes that the requested keys do not need, like Dask's {@code cull}.
 *
 * <p>Walks dependencies from the outputs with an explicit stack, so the cost is linear in the
 * size of what is kept plus one pass over the graph to keep its order, and any depth of graph
 * works.
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
        Set<Key> needed = reachable(graph, outputs);
        if (needed.size() == graph.size()) {
            return graph;
        }
        Map<Key, Node> kept = new LinkedHashMap<>(Math.max(16, needed.size() * 4 / 3 + 1));
        for (Map.Entry<Key, Node> e : graph.nodes().entrySet()) {
            if (needed.contains(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        return TaskGraph.of(kept);
    }

    /**
     * @param graph the graph
     * @param outputs where to start
     * @return the keys of the nodes reachable from {@code outputs}, outputs included
     */
    static Set<Key> reachable(TaskGraph graph, Collection<Key> outputs) {
        Set<Key> seen = new HashSet<>(Math.max(16, graph.size() * 4 / 3 + 1));
        ArrayDeque<Node> stack = new ArrayDeque<>();
        for (Key k : outputs) {
            Node n = graph.get(k);
            if (n == null) {
                throw new GraphException("the graph has no task for the requested key " + k, List.of(k));
            }
            if (seen.add(k)) {
                stack.push(n);
            }
        }
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            for (Key d : n.dependencies()) {
                Node dn = graph.get(d);
                if (dn != null && seen.add(d)) {
                    stack.push(dn);
                }
            }
        }
        return seen;
    }
}
