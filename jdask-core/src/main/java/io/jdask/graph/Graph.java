package io.jdask.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lazy collection's graph: layers of nodes that refer to the layers they depend on, like Dask's
 * {@code HighLevelGraph}.
 *
 * <p>Building a collection from others shares their layers instead of copying them, so a chain of
 * {@code n} operations costs {@code O(n)} to build; {@link #materialize()} flattens the layers into
 * one {@link TaskGraph} once, at compute time. Immutable.
 */
public final class Graph {
    private static final Graph EMPTY = new Graph(Map.of(), List.of());

    private static final java.util.concurrent.atomic.AtomicLong VISITS = new java.util.concurrent.atomic.AtomicLong();

    private final Map<Key, Node> nodes;
    private final List<Graph> dependencies;
    /**
     * The id of the last {@link #materialize()} walk that reached this layer. Plain field: a
     * concurrent walk overwriting it only makes another walk visit a layer twice, which adds the
     * same nodes again and is harmless; only a walk itself ever writes its own id.
     */
    private long lastVisit;

    private Graph(Map<Key, Node> nodes, List<Graph> dependencies) {
        this.nodes = nodes;
        this.dependencies = dependencies;
    }

    /** @return the graph with no nodes */
    public static Graph empty() {
        return EMPTY;
    }

    /**
     * @param node a single node
     * @param dependencies the graphs that hold the node's dependencies
     * @return a layer with one node
     */
    public static Graph of(Node node, List<Graph> dependencies) {
        return new Graph(Map.of(node.key(), node), List.copyOf(dependencies));
    }

    /**
     * @param nodes the layer's nodes (copied)
     * @param dependencies the graphs that hold the nodes' dependencies
     * @return a layer
     */
    public static Graph of(Map<Key, ? extends Node> nodes, List<Graph> dependencies) {
        return new Graph(Collections.unmodifiableMap(new LinkedHashMap<>(nodes)), List.copyOf(dependencies));
    }

    /**
     * @param nodes the layer's nodes
     * @param dependencies the graphs that hold the nodes' dependencies
     * @return a layer
     */
    public static Graph of(List<? extends Node> nodes, List<Graph> dependencies) {
        Map<Key, Node> m = new LinkedHashMap<>(Math.max(4, nodes.size() * 4 / 3 + 1));
        for (Node n : nodes) {
            m.put(n.key(), n);
        }
        return new Graph(Collections.unmodifiableMap(m), List.copyOf(dependencies));
    }

    /**
     * @param graphs graphs to combine
     * @return a graph holding every node of every input (shared layers are not copied)
     */
    public static Graph merge(List<Graph> graphs) {
        if (graphs.size() == 1) {
            return graphs.get(0);
        }
        return new Graph(Map.of(), List.copyOf(graphs));
    }

    /** @return this layer's own nodes (not those of its dependencies) */
    public Map<Key, Node> layerNodes() {
        return nodes;
    }

    /** @return the layers this one depends on */
    public List<Graph> dependencies() {
        return dependencies;
    }

    /**
     * Flattens all layers reachable from this one into a task graph. Each layer is visited once, so
     * the cost is linear in the total number of nodes.
     *
     * @return the flat graph
     */
    public TaskGraph materialize() {
        long visit = VISITS.incrementAndGet();
        List<Graph> postOrder = new ArrayList<>();
        Graph[] stack = new Graph[16];
        int[] next = new int[16];
        int top = 0;
        stack[0] = this;
        lastVisit = visit;
        while (top >= 0) {
            Graph g = stack[top];
            int i = next[top];
            if (i < g.dependencies.size()) {
                next[top] = i + 1;
                Graph d = g.dependencies.get(i);
                if (d.lastVisit != visit) {
                    d.lastVisit = visit;
                    if (++top == stack.length) {
                        stack = java.util.Arrays.copyOf(stack, top * 2);
                        next = java.util.Arrays.copyOf(next, top * 2);
                    }
                    stack[top] = d;
                    next[top] = 0;
                }
            } else {
                stack[top] = null;
                top--;
                postOrder.add(g);
            }
        }
        int total = 0;
        for (Graph g : postOrder) {
            total += g.nodes.size();
        }
        Map<Key, Node> flat = new LinkedHashMap<>(Math.max(16, total * 4 / 3 + 1));
        for (Graph g : postOrder) {
            flat.putAll(g.nodes);
        }
        return TaskGraph.ofTrusted(flat);
    }
}
