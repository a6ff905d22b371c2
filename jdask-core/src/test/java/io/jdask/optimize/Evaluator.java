package io.jdask.optimize;

import io.jdask.graph.Alias;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A test-only evaluator: runs every node of a graph in topological order on one thread. */
final class Evaluator {
    private Evaluator() {}

    /**
     * @param graph a valid graph
     * @param outputs the keys wanted
     * @return their results, in order
     */
    static List<Object> evaluate(TaskGraph graph, Collection<Key> outputs) {
        graph.validate(outputs);
        IndexedGraph g = graph.index();
        int n = g.size();
        int[] waiting = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            waiting[v] = g.dependencies(v).length;
            if (waiting[v] == 0) {
                queue[tail++] = v;
            }
        }
        Map<Key, Object> results = new HashMap<>();
        while (head < tail) {
            int v = queue[head++];
            Node node = g.node(v);
            results.put(node.key(), run(node, results));
            for (int t : g.dependents(v)) {
                if (--waiting[t] == 0) {
                    queue[tail++] = t;
                }
            }
        }
        List<Object> out = new ArrayList<>();
        for (Key k : outputs) {
            out.add(results.get(k));
        }
        return out;
    }

    private static Object run(Node node, Map<Key, Object> results) {
        try {
            return switch (node) {
                case Task t -> t.run(k -> {
                    if (!results.containsKey(k)) {
                        throw new IllegalStateException("no result yet for " + k);
                    }
                    return results.get(k);
                });
                case Literal l -> l.value();
                case Alias a -> results.get(a.target());
            };
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("task " + node.key() + " failed", e);
        }
    }
}
