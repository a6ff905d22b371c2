package io.jdask.optimize;

import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges linear chains of nodes into single tasks, like Dask's {@code fuse_linear}.
 *
 * <p>A node {@code t} is merged into its dependent {@code d} when {@code t} is not an output,
 * {@code d} is the only node that depends on {@code t}, and {@code t} is the only dependency of
 * {@code d}. Such a merge never delays anything ({@code d} could not start before {@code t}
 * anyway) and saves a scheduling step and a stored intermediate result. Repeated, it collapses a
 * chain {@code a -> b -> c -> d} into one task keyed {@code d}: the last key keeps its name and
 * prefix, the intermediate keys disappear, and the fused task depends on what {@code a} depends
 * on. The fused task's function runs the chain's tasks in order (see {@link #fusedKeys}); a chain
 * that starts with a literal passes the literal's value as a constant, and a chain without tasks
 * collapses to a {@link io.jdask.graph.Literal} or an {@link io.jdask.graph.Alias}.
 *
 * <p>A literal whose value is a {@link java.util.concurrent.Future} (a result held elsewhere, such
 * as a block of a collection persisted on a cluster) never fuses: it stays a node, so the
 * scheduler that owns the future can resolve it by key instead of shipping the future inside a
 * task.
 *
 * <p>Linear time, iterative: chains of any length fuse without deep recursion.
 */
public final class Fuse {
    private Fuse() {}

    /**
     * Fuses the linear chains of a graph.
     *
     * @param graph the graph
     * @param outputs the keys that will be asked for; they are never fused away (an output may
     *     still be the last member of a chain, whose key it keeps)
     * @return the fused graph, in {@code graph}'s order with each chain where its last member was
     *     ({@code graph} itself when nothing fuses)
     */
    public static TaskGraph fuse(TaskGraph graph, Collection<Key> outputs) {
        IndexedGraph g = graph.index();
        int n = g.size();
        boolean[] output = new boolean[n];
        for (Key k : outputs) {
            int id = g.id(k);
            if (id >= 0) {
                output[id] = true;
            }
        }
        // below[d] = t when t fuses into d; fusesUp[t] when t has such a d
        int[] below = new int[n];
        boolean[] fusesUp = new boolean[n];
        boolean any = false;
        for (int d = 0; d < n; d++) {
            below[d] = -1;
            int[] deps = g.dependencies(d);
            if (deps.length != 1 || g.node(d).dependencies().size() != 1) {
                continue;
            }
            int t = deps[0];
            if (!output[t] && g.dependents(t).length == 1 && !heldElsewhere(g.node(t))) {
                below[d] = t;
                fusesUp[t] = true;
                any = true;
            }
        }
        if (!any) {
            return graph;
        }
        // chains are walked from their last member down; nodes on a ring of fusable edges (a cycle,
        // which validation reports) belong to no chain and are kept as they are
        Node[] replacement = new Node[n];
        boolean[] covered = new boolean[n];
        List<Node> chain = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (below[v] < 0 || fusesUp[v]) {
                continue;
            }
            chain.clear();
            for (int m = v; m >= 0; m = below[m]) {
                chain.add(g.node(m));
                covered[m] = true;
            }
            Collections.reverse(chain);
            replacement[v] = ChainBuilder.build(chain);
        }
        Map<Key, Node> out = new LinkedHashMap<>(Math.max(16, n * 4 / 3 + 1));
        for (int v = 0; v < n; v++) {
            Node node = replacement[v] != null ? replacement[v] : covered[v] ? null : g.node(v);
            if (node != null) {
                out.put(node.key(), node);
            }
        }
        return TaskGraph.of(out);
    }

    private static boolean heldElsewhere(Node n) {
        return n instanceof io.jdask.graph.Literal lit && lit.value() instanceof java.util.concurrent.Future<?>;
    }

    /**
     * The keys a fused task runs, first to last.
     *
     * @param node a node of a graph returned by {@link #fuse}
     * @return the keys of the tasks it runs, first to last, ending with its own key; just its own
     *     key when it is not a fused task
     */
    public static List<Key> fusedKeys(Node node) {
        if (node instanceof Task t && t.function() instanceof FusedFunction f) {
            List<Key> keys = f.keys();
            if (!keys.get(keys.size() - 1).equals(t.key())) {
                keys.add(t.key());
            }
            return List.copyOf(keys);
        }
        return List.of(node.key());
    }
}
