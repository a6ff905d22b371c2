package io.jdask.bag;

import io.jdask.Lazy;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A run of a bag's partitions, as a list of lists: what {@link Bag#take} computes. */
final class Partitions<T> implements Lazy<List<List<T>>> {
    private final Graph graph;
    private final List<Key> keys;

    Partitions(Bag<T> bag, int from, int to) {
        this(bag.graph(), bag.keys().subList(from, to));
    }

    private Partitions(Graph graph, List<Key> keys) {
        this.graph = graph;
        this.keys = List.copyOf(keys);
    }

    /** Fuses chains of element-wise steps into one push pipeline per partition, see {@link PipelineFusion}. */
    @Override
    public TaskGraph optimize(TaskGraph graph, List<Key> outputs) {
        return PipelineFusion.fuse(graph, outputs);
    }

    /** Bags, items and partition views share one fusion pass. */
    @Override
    public Object optimizationKey() {
        return PipelineFusion.class;
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public List<Key> keys() {
        return keys;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<List<T>> assemble(List<Object> results) {
        List<List<T>> out = new ArrayList<>(results.size());
        for (Object r : results) {
            out.add((List<T>) r);
        }
        return out;
    }

    @Override
    public Partitions<T> rebuild(Map<Key, Object> results) {
        List<Node> nodes = new ArrayList<>(keys.size());
        for (Key k : keys) {
            nodes.add(new Literal(k, results.get(k)));
        }
        return new Partitions<>(Graph.of(nodes, List.of()), keys);
    }
}
