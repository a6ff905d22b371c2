package io.jdask.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A task graph with its nodes numbered {@code 0..n-1} and its edges as arrays of numbers: the form
 * schedulers and the static ordering work on. Immutable; the arrays it returns must not be
 * modified.
 */
public final class IndexedGraph {
    private final Key[] keys;
    private final Node[] nodes;
    private final Map<Key, Integer> ids;
    private final int[][] dependencies;
    private final int[][] dependents;

    private IndexedGraph(Key[] keys, Node[] nodes, Map<Key, Integer> ids, int[][] dependencies, int[][] dependents) {
        this.keys = keys;
        this.nodes = nodes;
        this.ids = ids;
        this.dependencies = dependencies;
        this.dependents = dependents;
    }

    static IndexedGraph build(TaskGraph graph) {
        int n = graph.size();
        Key[] keys = new Key[n];
        Node[] nodes = new Node[n];
        Map<Key, Integer> ids = new HashMap<>(Math.max(16, n * 4 / 3 + 1));
        int i = 0;
        for (Node node : graph.nodes().values()) {
            keys[i] = node.key();
            nodes[i] = node;
            ids.put(node.key(), i);
            i++;
        }
        int[][] deps = new int[n][];
        int[] dependentCount = new int[n];
        for (int t = 0; t < n; t++) {
            List<Key> ks = nodes[t].dependencies();
            int[] d = new int[ks.size()];
            int m = 0;
            for (Key k : ks) {
                Integer id = ids.get(k);
                if (id != null) {
                    d[m++] = id;
                    dependentCount[id]++;
                }
            }
            deps[t] = m == d.length ? d : Arrays.copyOf(d, m);
        }
        int[][] dependents = new int[n][];
        for (int t = 0; t < n; t++) {
            dependents[t] = new int[dependentCount[t]];
        }
        int[] fill = new int[n];
        for (int t = 0; t < n; t++) {
            for (int d : deps[t]) {
                dependents[d][fill[d]++] = t;
            }
        }
        return new IndexedGraph(keys, nodes, ids, deps, dependents);
    }

    /** @return the number of nodes */
    public int size() {
        return keys.length;
    }

    /**
     * @param id a node number
     * @return its key
     */
    public Key key(int id) {
        return keys[id];
    }

    /**
     * @param id a node number
     * @return its node
     */
    public Node node(int id) {
        return nodes[id];
    }

    /**
     * @param key a key
     * @return its number, or -1 if the graph does not hold it
     */
    public int id(Key key) {
        Integer id = ids.get(key);
        return id == null ? -1 : id;
    }

    /**
     * @param id a node number
     * @return the numbers of the nodes it depends on
     */
    public int[] dependencies(int id) {
        return dependencies[id];
    }

    /**
     * @param id a node number
     * @return the numbers of the nodes that depend on it
     */
    public int[] dependents(int id) {
        return dependents[id];
    }

    /** @return the keys of a cycle, each depending on the next and the last on the first; empty when there is none */
    List<Key> findCycle() {
        int n = keys.length;
        byte[] state = new byte[n]; // 0 new, 1 on stack, 2 done
        int[] stack = new int[n];
        int[] next = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            int top = 0;
            stack[0] = root;
            next[0] = 0;
            state[root] = 1;
            while (top >= 0) {
                int v = stack[top];
                if (next[top] < dependencies[v].length) {
                    int d = dependencies[v][next[top]++];
                    if (state[d] == 1) {
                        List<Key> cycle = new ArrayList<>();
                        int from = top;
                        while (stack[from] != d) {
                            from--;
                        }
                        for (int j = from; j <= top; j++) {
                            cycle.add(keys[stack[j]]);
                        }
                        return cycle;
                    }
                    if (state[d] == 0) {
                        state[d] = 1;
                        top++;
                        stack[top] = d;
                        next[top] = 0;
                    }
                } else {
                    state[v] = 2;
                    top--;
                }
            }
        }
        return List.of();
    }
}
