package io.jdask.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A flat task graph: every node by its key. Immutable.
 *
 * <p>{@link #validate(Collection)} reports missing dependencies and cycles by key;
 * {@link #index()} numbers the nodes for schedulers and the static ordering.
 */
public final class TaskGraph {
    private final Map<Key, Node> nodes;
    private volatile IndexedGraph indexed;

    private TaskGraph(Map<Key, Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * @param nodes the nodes; a key may appear once
     * @return the graph
     * @throws GraphException if two different nodes have the same key
     */
    public static TaskGraph of(Collection<? extends Node> nodes) {
        Map<Key, Node> m = new LinkedHashMap<>(Math.max(16, nodes.size() * 4 / 3 + 1));
        for (Node n : nodes) {
            Node prev = m.put(n.key(), n);
            if (prev != null && prev != n) {
                throw new GraphException("two different nodes have the key " + n.key(), List.of(n.key()));
            }
        }
        return new TaskGraph(Collections.unmodifiableMap(m));
    }

    /**
     * @param nodes the nodes by key (copied)
     * @return the graph
     */
    public static TaskGraph of(Map<Key, ? extends Node> nodes) {
        return new TaskGraph(Collections.unmodifiableMap(new LinkedHashMap<>(nodes)));
    }

    static TaskGraph ofTrusted(Map<Key, Node> nodes) {
        return new TaskGraph(Collections.unmodifiableMap(nodes));
    }

    /** @return the nodes by key, in insertion order */
    public Map<Key, Node> nodes() {
        return nodes;
    }

    /** @return the number of nodes */
    public int size() {
        return nodes.size();
    }

    /**
     * @param key a key
     * @return its node, or null
     */
    public Node get(Key key) {
        return nodes.get(key);
    }

    /**
     * @param key a key
     * @return whether the graph has a node for it
     */
    public boolean contains(Key key) {
        return nodes.containsKey(key);
    }

    /**
     * Checks that every dependency is in the graph, that the outputs are, and that there is no
     * cycle.
     *
     * @param outputs keys that will be asked for
     * @return this graph
     * @throws GraphException naming the missing key and who needs it, or the keys of a cycle
     */
    public TaskGraph validate(Collection<Key> outputs) {
        for (Key k : outputs) {
            if (!nodes.containsKey(k)) {
                throw new GraphException("the graph has no task for the requested key " + k, List.of(k));
            }
        }
        for (Node n : nodes.values()) {
            for (Key d : n.dependencies()) {
                if (!nodes.containsKey(d)) {
                    throw new GraphException(
                            "task " + n.key() + " depends on " + d + ", which is not in the graph", List.of(n.key(), d));
                }
            }
        }
        List<Key> cycle = index().findCycle();
        if (!cycle.isEmpty()) {
            StringBuilder sb = new StringBuilder("the graph has a cycle: ");
            for (Key k : cycle) {
                sb.append(k).append(" -> ");
            }
            sb.append(cycle.get(0));
            throw new GraphException(sb.toString(), cycle);
        }
        return this;
    }

    /**
     * Numbers the nodes (in insertion order) and lists each one's dependencies and dependents by
     * number. Dependencies that are not in the graph are ignored here; {@link #validate} reports
     * them.
     *
     * @return the indexed form, computed once
     */
    public IndexedGraph index() {
        IndexedGraph g = indexed;
        if (g == null) {
            g = IndexedGraph.build(this);
            indexed = g;
        }
        return g;
    }

    /**
     * @param keep the nodes to keep
     * @return a graph of those nodes, in this graph's order
     */
    public TaskGraph subgraph(Collection<Key> keep) {
        Map<Key, Node> m = new LinkedHashMap<>();
        for (Map.Entry<Key, Node> e : nodes.entrySet()) {
            if (keep.contains(e.getKey())) {
                m.put(e.getKey(), e.getValue());
            }
        }
        return new TaskGraph(Collections.unmodifiableMap(m));
    }

    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        int shown = 0;
        for (Node n : nodes.values()) {
            if (shown++ == 20) {
                lines.add("  ... " + (nodes.size() - 20) + " more");
                break;
            }
            lines.add("  " + n);
        }
        return "TaskGraph(" + nodes.size() + " nodes)\n" + String.join("\n", lines);
    }
}
