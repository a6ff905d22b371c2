package io.jdask.bag;

import io.jdask.function.Fn1;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The all-to-all shuffle behind {@link Bag#groupBy}: a split task per input partition sorts its
 * elements into one bucket per output partition by the hash of their key; a collect task per
 * output partition gathers its bucket from every split and groups it by key.
 *
 * <p>A split whose partition is estimated to be larger than the spill threshold writes each
 * bucket to its own file in the spill directory instead of keeping it in memory until every
 * collect has run; the collect that reads a spilled bucket deletes its file. Files of buckets
 * that are never collected (a computation that fails or asks for only some output partitions)
 * are deleted when the JVM exits.
 */
final class Shuffle {
    private static final Serialization SPILL = Serialization.builder().allowedPackages(List.of("*")).build();

    private Shuffle() {}

    /**
     * @param bag the input
     * @param name the output bag's name
     * @param key the grouping key
     * @param outputs the number of output partitions
     * @param spillThreshold bytes above which a split spills its buckets
     * @param spillDirectory where spill files go
     * @return the layer of split and collect tasks; collect {@code j} is {@code Key.of(name, j)}
     */
    static Graph groupBy(Bag<?> bag, String name, Fn1<?, ?> key, int outputs, long spillThreshold, String spillDirectory) {
        List<Node> nodes = new ArrayList<>();
        String splitName = "groupby-split-" + name.substring(name.lastIndexOf('-') + 1);
        List<Key> splits = new ArrayList<>(bag.npartitions());
        for (int i = 0; i < bag.npartitions(); i++) {
            Key k = Key.of(splitName, i);
            nodes.add(new Task(k, new Split(key, outputs, spillThreshold, spillDirectory), Arg.ref(bag.partitionKey(i))));
            splits.add(k);
        }
        for (int j = 0; j < outputs; j++) {
            nodes.add(new Task(Key.of(name, j), new Collect(key, j), Arg.refs(splits)));
        }
        return Graph.of(nodes, List.of(bag.graph()));
    }

    static int bucket(Object key, int n) {
        int h = Objects.hashCode(key) * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), n);
    }

    /** A bucket written to disk. */
    record SpilledBucket(String path) implements Serializable {}

    /** Sorts a partition into buckets, each an ArrayList or a {@link SpilledBucket}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Split(Fn1 key, int outputs, long spillThreshold, String spillDirectory) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = Elementwise.part(args[0]);
            List<Object>[] buckets = new List[outputs];
            for (int j = 0; j < outputs; j++) {
                buckets[j] = new ArrayList<>();
            }
            for (Object o : in) {
                buckets[bucket(key.apply(o), outputs)].add(o);
            }
            Object[] out = new Object[outputs];
            boolean spill = !in.isEmpty() && SPILL.sizeOf(in) > spillThreshold;
            Path dir = spill ? Files.createDirectories(Path.of(spillDirectory.isEmpty() ? System.getProperty("java.io.tmpdir") : spillDirectory)) : null;
            for (int j = 0; j < outputs; j++) {
                if (spill && !buckets[j].isEmpty()) {
                    Path f = Files.createTempFile(dir, "jdask-groupby-", ".bucket");
                    f.toFile().deleteOnExit();
                    Files.write(f, SPILL.toBytes(buckets[j]));
                    out[j] = new SpilledBucket(f.toString());
                } else {
                    out[j] = buckets[j];
                }
            }
            return out;
        }
    }

    /** Gathers bucket {@code j} of every split and groups it by key, keys in first-seen order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Collect(Fn1 key, int j) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            LinkedHashMap<Object, List<Object>> groups = new LinkedHashMap<>();
            for (Object split : (List<Object>) args[0]) {
                for (Object o : read(((Object[]) split)[j])) {
                    groups.computeIfAbsent(key.apply(o), k -> new ArrayList<>()).add(o);
                }
            }
            ArrayList<Object> out = new ArrayList<>(groups.size());
            for (Map.Entry<Object, List<Object>> e : groups.entrySet()) {
                out.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
            }
            return out;
        }

        private static List<Object> read(Object bucket) throws IOException {
            if (bucket instanceof SpilledBucket s) {
                Path f = Path.of(s.path());
                List<Object> items = (List<Object>) SPILL.fromBytes(Files.readAllBytes(f));
                Files.deleteIfExists(f);
                return items;
            }
            return (List<Object>) bucket;
        }
    }
}
