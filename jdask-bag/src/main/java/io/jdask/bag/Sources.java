package io.jdask.bag;

import io.jdask.Delayed;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The graphs of {@link Bag}'s in-memory and generated sources (the text sources are in {@link TextInput}). */
final class Sources {
    private Sources() {}

    static <T> Bag<T> fromSequence(Collection<? extends T> items, int npartitions) {
        if (npartitions < 1) {
            throw new IllegalArgumentException("npartitions must be positive, not " + npartitions);
        }
        List<T> all = new ArrayList<>(items);
        int parts = Math.max(1, Math.min(npartitions, all.size()));
        List<List<T>> cuts = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            cuts.add(new ArrayList<>(all.subList((int) ((long) all.size() * i / parts), (int) ((long) all.size() * (i + 1) / parts))));
        }
        return ofPartitions(cuts);
    }

    static <T> Bag<T> fromSequenceBySize(Collection<? extends T> items, int partitionSize) {
        if (partitionSize < 1) {
            throw new IllegalArgumentException("partition size must be positive, not " + partitionSize);
        }
        List<T> all = new ArrayList<>(items);
        List<List<T>> cuts = new ArrayList<>();
        for (int from = 0; from < all.size(); from += partitionSize) {
            cuts.add(new ArrayList<>(all.subList(from, Math.min(all.size(), from + partitionSize))));
        }
        if (cuts.isEmpty()) {
            cuts.add(new ArrayList<>());
        }
        return ofPartitions(cuts);
    }

    static <T> Bag<T> ofPartitions(List<? extends List<? extends T>> partitions) {
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a bag has at least one partition");
        }
        List<ArrayList<Object>> copies = new ArrayList<>(partitions.size());
        for (List<? extends T> p : partitions) {
            copies.add(new ArrayList<>(p));
        }
        String name = "from-sequence-" + Tokens.token(copies);
        List<Node> nodes = new ArrayList<>(copies.size());
        for (int i = 0; i < copies.size(); i++) {
            nodes.add(new Literal(Key.of(name, i), copies.get(i)));
        }
        return new Bag<>(name, copies.size(), Graph.of(nodes, List.of()));
    }

    static Bag<Long> range(long n, int npartitions) {
        if (n < 0 || npartitions < 1) {
            throw new IllegalArgumentException("range needs n >= 0 and npartitions >= 1");
        }
        int parts = (int) Math.max(1, Math.min(npartitions, n));
        String name = "range-" + Tokens.token(n, parts);
        List<Node> nodes = new ArrayList<>(parts);
        for (int i = 0; i < parts; i++) {
            long start = n * i / parts;
            long end = n * (i + 1) / parts;
            if (end - start > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("a range partition would hold more than 2^31 numbers; use more partitions");
            }
            nodes.add(new Task(Key.of(name, i), new Elementwise.Range(start, end)));
        }
        return new Bag<>(name, parts, Graph.of(nodes, List.of()));
    }

    static <T> Bag<T> fromDelayed(List<? extends Delayed<? extends Iterable<? extends T>>> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a bag has at least one partition");
        }
        List<Object> ids = new ArrayList<>(parts.size());
        List<Graph> deps = new ArrayList<>();
        Map<Graph, Boolean> seen = new IdentityHashMap<>();
        for (Delayed<?> d : parts) {
            ids.add(d.key());
            if (seen.put(d.graph(), Boolean.TRUE) == null) {
                deps.add(d.graph());
            }
        }
        String name = "from-delayed-" + Tokens.token(ids);
        List<Node> nodes = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            nodes.add(new Task(Key.of(name, i), new Elementwise.ToPartition(), Arg.ref(parts.get(i).key())));
        }
        return new Bag<>(name, parts.size(), Graph.of(nodes, deps));
    }
}
