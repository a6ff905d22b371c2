package io.jdask.bag;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.config.Config;
import io.jdask.dataframe.DType;
import io.jdask.dataframe.DataFrame;
import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import io.jdask.tokenize.Tokens;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lazy, partitioned collection of Java objects, like Dask's {@code Bag}: for messy data (logs,
 * records, text) processed with plain functions, in parallel and in bounded memory.
 *
 * <pre>{@code
 * Bag<String> lines = Bag.readText("logs/*.txt.gz");
 * List<Map.Entry<String, Long>> top = lines.map(Text::words).flatten()
 *         .frequencies().topK(10, Map.Entry::getValue).compute();
 * long errors = lines.filter(l -> l.contains("ERROR")).count().compute();
 * }</pre>
 *
 * <p>A bag is a sequence of partitions, each a {@link List}; order is kept within and across
 * partitions. Every operation adds one layer to the task graph (one task per partition for the
 * element-wise ones, which the optimiser fuses into one task per partition); nothing runs until
 * {@link #compute()}, {@link Jdask#compute} or an eager result such as {@link #take(int)}.
 * Aggregations return an {@link Item} (one lazy value) or, where the result is itself a
 * collection ({@link #frequencies()}, {@link #topK}, {@link #distinct()}, {@link #foldBy}), a
 * bag of one partition, reduced as a tree of {@code bag.split-every} partials per task.
 *
 * <p>Functions must be serializable ({@link Fn1}, {@link Fn2}: lambdas and method references
 * qualify) so the same bag can run on a cluster. Elements should be immutable. Immutable and
 * thread-safe.
 *
 * @param <T> the type of the elements
 */
public final class Bag<T> implements Lazy<List<T>>, Tokenizable {
    private final String name;
    private final int npartitions;
    private final Graph graph;

    Bag(String name, int npartitions, Graph graph) {
        if (npartitions < 1) {
            throw new IllegalArgumentException("a bag has at least one partition");
        }
        this.name = name;
        this.npartitions = npartitions;
        this.graph = graph;
    }

    // ---------------------------------------------------------------- sources

    /**
     * A bag of a sequence, cut into about 100 partitions like Dask (one element per partition for
     * up to 100 elements).
     *
     * @param items the elements (copied)
     * @param <T> their type
     * @return the bag
     */
    public static <T> Bag<T> fromSequence(Collection<? extends T> items) {
        int n = items.size();
        return fromSequenceBySize(items, n <= 100 ? 1 : (n + 99) / 100);
    }

    /**
     * @param items the elements (copied)
     * @param npartitions how many partitions, of near-equal sizes (fewer if there are fewer elements)
     * @param <T> their type
     * @return the bag
     */
    public static <T> Bag<T> fromSequence(Collection<? extends T> items, int npartitions) {
        return Sources.fromSequence(items, npartitions);
    }

    /**
     * @param items the elements (copied)
     * @param partitionSize how many elements per partition (the last may have fewer)
     * @param <T> their type
     * @return the bag
     */
    public static <T> Bag<T> fromSequenceBySize(Collection<? extends T> items, int partitionSize) {
        return Sources.fromSequenceBySize(items, partitionSize);
    }

    /**
     * A bag with the given partitions, as they are (empty partitions included).
     *
     * @param partitions the partitions, in order, at least one (copied)
     * @param <T> the element type
     * @return the bag
     */
    public static <T> Bag<T> ofPartitions(List<? extends List<? extends T>> partitions) {
        return Sources.ofPartitions(partitions);
    }

    /**
     * The numbers {@code 0 .. n-1}, made inside the tasks (the graph holds no data).
     *
     * @param n how many numbers
     * @param npartitions how many partitions (fewer if {@code n} is smaller)
     * @return the bag
     */
    public static Bag<Long> range(long n, int npartitions) {
        return Sources.range(n, npartitions);
    }

    /**
     * Lines of text files as UTF-8, one partition per file; see {@link TextInput} for block
     * splitting, encodings and the file name with each line.
     *
     * @param patterns file paths or glob patterns; {@code .gz}, {@code .bz2}, {@code .zst} are
     *     decompressed
     * @return the lines, without line terminators
     */
    public static Bag<String> readText(String... patterns) {
        return TextInput.of(patterns).read();
    }

    /**
     * A bag with one partition per delayed value, each an {@link Iterable} (or object array).
     *
     * @param parts the delayed partitions, at least one
     * @param <T> the element type
     * @return the bag
     */
    public static <T> Bag<T> fromDelayed(List<? extends Delayed<? extends Iterable<? extends T>>> parts) {
        return Sources.fromDelayed(parts);
    }

    // ---------------------------------------------------------------- element-wise

    private <R> Bag<R> perPartition(String op, TaskFunction fn, Object... identity) {
        String n = op + "-" + Tokens.token(name, identity);
        List<Node> nodes = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            nodes.add(new Task(Key.of(n, i), fn, Arg.ref(partitionKey(i))));
        }
        return new Bag<>(n, npartitions, Graph.of(nodes, List.of(graph)));
    }

    private static String fnName(Object fn, String fallback) {
        String s = Tokens.functionName(fn);
        return s.equals("lambda") || s.isEmpty() ? fallback : s;
    }

    /**
     * @param fn applied to every element
     * @param <R> the result type
     * @return the bag of results
     */
    public <R> Bag<R> map(Fn1<? super T, ? extends R> fn) {
        return perPartition(fnName(fn, "map"), new Elementwise.Map1(fn), Tokens.functionToken(fn));
    }

    /**
     * Calls a two-argument function on the two items of each element: a {@link Map.Entry} (key,
     * value), a list or array (items 0 and 1) or a record (its first two components), like
     * Dask's {@code starmap} over pairs.
     *
     * @param fn applied to each pair
     * @param <A> the first item's type
     * @param <B> the second item's type
     * @param <R> the result type
     * @return the bag of results
     */
    public <A, B, R> Bag<R> mapPairs(Fn2<? super A, ? super B, ? extends R> fn) {
        return perPartition(fnName(fn, "map-pairs"), new Elementwise.StarMap(fn), Tokens.functionToken(fn));
    }

    /**
     * @param predicate which elements to keep
     * @return the elements for which it is true, in order
     */
    public Bag<T> filter(Fn1<? super T, Boolean> predicate) {
        return perPartition("filter", new Elementwise.Filter(predicate), Tokens.functionToken(predicate));
    }

    /**
     * @param fn maps an element to any number of results
     * @param <R> the result type
     * @return the concatenated results, in order
     */
    public <R> Bag<R> flatMap(Fn1<? super T, ? extends Iterable<? extends R>> fn) {
        return perPartition("flat-map", new Elementwise.FlatMap(fn), Tokens.functionToken(fn));
    }

    /**
     * Concatenates elements that are {@link Iterable}s (or object arrays).
     *
     * @param <R> the type of the inner elements (unchecked)
     * @return the inner elements, in order
     */
    public <R> Bag<R> flatten() {
        return perPartition("flatten", new Elementwise.FlatMap(null));
    }

    /**
     * Takes one item of every element: the value of a {@link Map} key, a {@link List} or array
     * index (an Integer), a {@link Map.Entry}'s key (0) or value (1), or a record component (by
     * name or index).
     *
     * @param key the map key, index or component name
     * @param <R> the item type (unchecked)
     * @return the items
     */
    public <R> Bag<R> pluck(Object key) {
        if (!(key instanceof Serializable)) {
            throw new IllegalArgumentException("the pluck key must be serializable: " + key);
        }
        return perPartition("pluck", new Elementwise.Pluck(key), key);
    }

    /**
     * @param fn maps a whole partition (read-only) to the elements of the new partition
     * @param <R> the result type
     * @return the bag of results, partition by partition
     */
    public <R> Bag<R> mapPartitions(Fn1<? super List<T>, ? extends Iterable<? extends R>> fn) {
        return perPartition(fnName(fn, "map-partitions"), new Elementwise.MapPartition(fn), Tokens.functionToken(fn));
    }

    /**
     * Pairs the elements of this bag with those of another with the same partitioning (same
     * number of partitions and of elements in each, as when both derive from one bag by maps).
     *
     * @param other the other bag
     * @param <U> its element type
     * @return (this element, other element) entries
     * @throws IllegalArgumentException when the numbers of partitions differ (partition lengths
     *     are checked when computed)
     */
    public <U> Bag<Map.Entry<T, U>> zip(Bag<U> other) {
        if (other.npartitions != npartitions) {
            throw new IllegalArgumentException("cannot zip bags of " + npartitions + " and " + other.npartitions + " partitions");
        }
        String n = "zip-" + Tokens.token(name, other.name);
        List<Node> nodes = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            nodes.add(new Task(Key.of(n, i), new Elementwise.Zip(), Arg.ref(partitionKey(i)), Arg.ref(other.partitionKey(i))));
        }
        return new Bag<>(n, npartitions, Graph.of(nodes, List.of(graph, other.graph)));
    }

    /**
     * Inner join with an in-memory collection, like Dask's {@code join}: each element is paired
     * with every item of {@code other} whose key equals its key. The other collection is indexed
     * once, here, and shared by all partitions.
     *
     * @param other the small collection
     * @param otherKey the key of an item of {@code other}
     * @param key the key of an element of this bag
     * @param <U> the type of {@code other}'s items
     * @param <K> the key type
     * @return (element, matching item) entries, in this bag's order
     */
    public <U, K> Bag<Map.Entry<T, U>> join(Iterable<? extends U> other, Fn1<? super U, ? extends K> otherKey, Fn1<? super T, ? extends K> key) {
        LinkedHashMap<Object, List<Object>> index = new LinkedHashMap<>();
        try {
            for (U u : other) {
                index.computeIfAbsent(otherKey.apply(u), k -> new ArrayList<>()).add(u);
            }
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot key the collection to join with: " + e, e);
        }
        String token = Tokens.token(name, index, Tokens.functionToken(key));
        Key indexKey = Key.of("join-index-" + token);
        String n = "join-" + token;
        List<Node> nodes = new ArrayList<>(npartitions + 1);
        nodes.add(new Literal(indexKey, index));
        for (int i = 0; i < npartitions; i++) {
            nodes.add(new Task(Key.of(n, i), new Elementwise.Join(key), Arg.ref(partitionKey(i)), Arg.ref(indexKey)));
        }
        return new Bag<>(n, npartitions, Graph.of(nodes, List.of(graph)));
    }

    /**
     * Changes the number of partitions without a shuffle: fewer by concatenating neighbours,
     * more by cutting each partition into near-equal pieces. Order is kept.
     *
     * @param n the new number of partitions
     * @return the repartitioned bag
     */
    public Bag<T> repartition(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("npartitions must be positive, not " + n);
        }
        if (n == npartitions) {
            return this;
        }
        String nm = "repartition-" + Tokens.token(name, n);
        List<Node> nodes = new ArrayList<>();
        if (n < npartitions) {
            for (int j = 0; j < n; j++) {
                List<Key> group = new ArrayList<>();
                for (int i = (int) ((long) npartitions * j / n); i < (int) ((long) npartitions * (j + 1) / n); i++) {
                    group.add(partitionKey(i));
                }
                nodes.add(new Task(Key.of(nm, j), new Elementwise.Concat(), Arg.refs(group)));
            }
        } else {
            int out = 0;
            for (int i = 0; i < npartitions; i++) {
                int pieces = (int) ((long) n * (i + 1) / npartitions - (long) n * i / npartitions);
                for (int p = 0; p < pieces; p++) {
                    nodes.add(new Task(Key.of(nm, out++), new Elementwise.Slice(p, pieces), Arg.ref(partitionKey(i))));
                }
            }
        }
        return new Bag<>(nm, n, Graph.of(nodes, List.of(graph)));
    }

    // ---------------------------------------------------------------- aggregations

    private <R> Item<R> aggregate(String op, Aggregation<?> agg, Object... identity) {
        String token = Tokens.token(name, agg.getClass().getName(), identity);
        Key k = Key.of(op + "-" + token);
        return new Item<>(k, Reductions.tree(this, op, token, agg, k));
    }

    private <R> Bag<R> aggregateToBag(String op, Aggregation<?> agg, Object... identity) {
        String token = Tokens.token(name, agg.getClass().getName(), identity);
        String n = op + "-" + token;
        return new Bag<>(n, 1, Reductions.tree(this, op, token, agg, Key.of(n, 0)));
    }

    /** @return the number of elements */
    public Item<Long> count() {
        return aggregate("count", new Aggregations.Count());
    }

    /**
     * The sum of numeric elements: a {@link Long} (exact, overflow is an error) when every element
     * is a Long, Integer, Short or Byte, else a {@link Double}. An empty bag sums to 0L.
     *
     * @return the sum
     */
    public Item<Number> sum() {
        return aggregate("sum", new Aggregations.Sum());
    }

    /** @return the mean of numeric elements (an error for an empty bag) */
    public Item<Double> mean() {
        return aggregate("mean", new Aggregations.Moments(Aggregations.Moment.MEAN, 0));
    }

    /**
     * @param ddof delta degrees of freedom: the divisor is {@code n - ddof}
     * @return the variance of numeric elements
     */
    public Item<Double> var(int ddof) {
        return aggregate("var", new Aggregations.Moments(Aggregations.Moment.VAR, ddof), ddof);
    }

    /** @return the population variance ({@code ddof} 0) of numeric elements */
    public Item<Double> var() {
        return var(0);
    }

    /**
     * @param ddof delta degrees of freedom: the divisor is {@code n - ddof}
     * @return the standard deviation of numeric elements
     */
    public Item<Double> std(int ddof) {
        return aggregate("std", new Aggregations.Moments(Aggregations.Moment.STD, ddof), ddof);
    }

    /** @return the population standard deviation ({@code ddof} 0) of numeric elements */
    public Item<Double> std() {
        return std(0);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> natural() {
        return (Comparator) Comparator.naturalOrder();
    }

    /** @return the smallest element by natural order ({@link Comparable} elements; an error when empty) */
    public Item<T> min() {
        return aggregate("min", new Aggregations.Extreme(natural(), false));
    }

    /** @return the largest element by natural order ({@link Comparable} elements; an error when empty) */
    public Item<T> max() {
        return aggregate("max", new Aggregations.Extreme(natural(), true));
    }

    /**
     * @param comparator a serializable comparator
     * @return the smallest element by it (the first of equals)
     */
    public Item<T> min(Comparator<? super T> comparator) {
        return aggregate("min", new Aggregations.Extreme(serializable(comparator), false), comparator);
    }

    /**
     * @param comparator a serializable comparator
     * @return the largest element by it (the first of equals)
     */
    public Item<T> max(Comparator<? super T> comparator) {
        return aggregate("max", new Aggregations.Extreme(serializable(comparator), true), comparator);
    }

    /**
     * @param predicate a test
     * @return whether any element passes it (false when empty); a partition stops at the first pass
     */
    public Item<Boolean> any(Fn1<? super T, Boolean> predicate) {
        return aggregate("any", new Aggregations.AnyAll(predicate, true), Tokens.functionToken(predicate));
    }

    /**
     * @param predicate a test
     * @return whether every element passes it (true when empty); a partition stops at the first failure
     */
    public Item<Boolean> all(Fn1<? super T, Boolean> predicate) {
        return aggregate("all", new Aggregations.AnyAll(predicate, false), Tokens.functionToken(predicate));
    }

    /** @return whether any element is {@link Boolean#TRUE} */
    public Item<Boolean> any() {
        return aggregate("any", new Aggregations.AnyAll(null, true));
    }

    /** @return whether every element is {@link Boolean#TRUE} */
    public Item<Boolean> all() {
        return aggregate("all", new Aggregations.AnyAll(null, false));
    }

    /**
     * Dask's {@code fold}: folds each partition with {@code binop} starting from {@code initial},
     * then folds the partial results with {@code combine} starting from {@code initial} (so
     * {@code initial} must be an identity of {@code combine}, like 0 for a sum).
     *
     * @param binop accumulator and element to accumulator
     * @param combine two accumulators to one
     * @param initial the start of every fold; shared, so immutable
     * @param <R> the accumulator type
     * @return the folded value
     */
    public <R> Item<R> fold(Fn2<R, ? super T, R> binop, Fn2<R, R, R> combine, R initial) {
        return aggregate("fold", new Aggregations.Fold(binop, combine, true, initial),
                Tokens.functionToken(binop), Tokens.functionToken(combine), initial);
    }

    /**
     * Reduces the elements with one associative function (an error for an empty bag).
     *
     * @param binop two elements to one
     * @return the reduced value
     */
    public Item<T> fold(Fn2<T, T, T> binop) {
        return aggregate("fold", new Aggregations.Fold(binop, binop, false, null), Tokens.functionToken(binop));
    }

    /**
     * Dask's {@code reduction}: {@code perPartition} on every partition, then {@code aggregate} on
     * lists of partial results, level by level of the reduction tree, until one remains.
     *
     * @param perPartition a partition (read-only) to a partial result
     * @param aggregate partial results (read-only, at least one) to one
     * @param <R> the result type
     * @return the result
     */
    public <R> Item<R> reduction(Fn1<? super List<T>, R> perPartition, Fn1<? super List<R>, R> aggregate) {
        return aggregate("reduction", new Aggregations.Reduction(perPartition, aggregate),
                Tokens.functionToken(perPartition), Tokens.functionToken(aggregate));
    }

    /**
     * Dask's {@code foldby}: groups by key and folds each group, without a shuffle: every
     * partition folds its elements per key with {@code binop} from {@code initial}, and equal
     * keys' accumulators of different partitions are merged with {@code combine}. Much cheaper
     * than {@link #groupBy} when the accumulator is small.
     *
     * @param key the grouping key
     * @param binop accumulator and element to accumulator
     * @param initial the start of each key's fold in each partition; shared, so immutable
     * @param combine two accumulators of one key to one
     * @param <K> the key type
     * @param <A> the accumulator type
     * @return one partition of (key, accumulator) entries, keys in first-seen order
     */
    public <K, A> Bag<Map.Entry<K, A>> foldBy(Fn1<? super T, ? extends K> key, Fn2<A, ? super T, A> binop, A initial, Fn2<A, A, A> combine) {
        return aggregateToBag("foldby", new Aggregations.FoldBy(key, binop, initial, combine),
                Tokens.functionToken(key), Tokens.functionToken(binop), initial, Tokens.functionToken(combine));
    }

    /**
     * Groups elements by key with a shuffle across partitions, like Dask's {@code groupby}: every
     * group lands whole in one output partition, chosen by the key's hash. Shuffle data of input
     * partitions larger than {@code bag.shuffle.spill-threshold} goes through files in {@code
     * bag.shuffle.spill-directory} instead of memory. Prefer {@link #foldBy} when the groups are
     * only reduced.
     *
     * @param key the grouping key (equal keys must have equal hash codes, as for a HashMap)
     * @param <K> the key type
     * @return (key, elements in order) entries, as many partitions as this bag
     */
    public <K> Bag<Map.Entry<K, List<T>>> groupBy(Fn1<? super T, ? extends K> key) {
        return groupBy(key, npartitions);
    }

    /**
     * {@link #groupBy(Fn1)} into a chosen number of output partitions.
     *
     * @param key the grouping key
     * @param npartitions the number of output partitions
     * @param <K> the key type
     * @return (key, elements in order) entries
     */
    public <K> Bag<Map.Entry<K, List<T>>> groupBy(Fn1<? super T, ? extends K> key, int npartitions) {
        if (npartitions < 1) {
            throw new IllegalArgumentException("npartitions must be positive, not " + npartitions);
        }
        long threshold = Config.getBytes(BagConfig.SPILL_THRESHOLD);
        String dir = String.valueOf(Config.getString(BagConfig.SPILL_DIRECTORY));
        String n = "groupby-" + Tokens.token(name, Tokens.functionToken(key), npartitions);
        return new Bag<>(n, npartitions, Shuffle.groupBy(this, n, key, npartitions, threshold, dir));
    }

    /** @return (element, count) entries, one partition, in no particular order */
    public Bag<Map.Entry<T, Long>> frequencies() {
        return frequencies(false);
    }

    /**
     * @param sort whether to order the entries by decreasing count
     * @return (element, count) entries, one partition
     */
    public Bag<Map.Entry<T, Long>> frequencies(boolean sort) {
        return aggregateToBag("frequencies", new Aggregations.Frequencies(sort), sort);
    }

    /**
     * @param k how many
     * @param comparator a serializable comparator (lambdas cast to {@code Comparator<T> &
     *     Serializable}, or {@code Map.Entry.comparingByValue()} and friends)
     * @return the {@code k} largest elements by it, largest first, in one partition
     */
    public Bag<T> topK(int k, Comparator<? super T> comparator) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, not " + k);
        }
        return aggregateToBag("topk", new Aggregations.TopK(k, serializable(comparator)), k, comparator);
    }

    /**
     * @param k how many
     * @param key a comparable key of each element, like Dask's {@code topk(k, key=...)}
     * @param <U> the key type
     * @return the {@code k} elements with the largest keys, largest first, in one partition
     */
    public <U extends Comparable<? super U>> Bag<T> topK(int k, Fn1<? super T, U> key) {
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative, not " + k);
        }
        return aggregateToBag("topk", new Aggregations.TopK(k, new KeyComparator(key)), k, Tokens.functionToken(key));
    }

    /** @return the distinct elements (by equals), first occurrences in order, in one partition */
    public Bag<T> distinct() {
        return aggregateToBag("distinct", new Aggregations.Distinct(null));
    }

    /**
     * @param key what makes elements the same
     * @return the first element of each distinct key, in order, in one partition
     */
    public Bag<T> distinct(Fn1<? super T, ?> key) {
        return aggregateToBag("distinct", new Aggregations.Distinct(key), Tokens.functionToken(key));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Object> serializable(Comparator<?> c) {
        if (!(c instanceof Serializable)) {
            throw new IllegalArgumentException("the comparator must be serializable, e.g. (Comparator<T> & Serializable) (a, b) -> ...");
        }
        return (Comparator) c;
    }

    /** Compares elements by a key function. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private record KeyComparator(Fn1 key) implements Comparator<Object>, Serializable {
        @Override
        public int compare(Object a, Object b) {
            try {
                return ((Comparable) key.apply(a)).compareTo(key.apply(b));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the topK key function failed: " + e, e);
            }
        }
    }

    // ---------------------------------------------------------------- results

    /**
     * The first {@code n} elements, computing only the partitions needed: the first partition,
     * then twice as many more each round until there are enough or none are left.
     *
     * @param n how many
     * @return up to {@code n} elements, in order
     */
    public List<T> take(int n) {
        List<T> out = new ArrayList<>();
        int from = 0;
        for (int batch = 1; out.size() < n && from < npartitions; batch *= 2) {
            int to = Math.min(npartitions, from + batch);
            addUpTo(out, Jdask.compute(new Partitions<T>(this, from, to)).get(0), n);
            from = to;
        }
        return out;
    }

    /**
     * Dask's {@code take(n, npartitions)}: the first {@code n} elements of the first {@code
     * npartitions} partitions, computed in one go.
     *
     * @param n how many
     * @param npartitions how many partitions to look in ({@code -1} for all)
     * @return up to {@code n} elements, in order
     */
    public List<T> take(int n, int npartitions) {
        int to = npartitions < 0 ? this.npartitions : Math.min(npartitions, this.npartitions);
        List<T> out = new ArrayList<>();
        addUpTo(out, Jdask.compute(new Partitions<T>(this, 0, Math.max(1, to))).get(0), n);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> void addUpTo(List<T> out, Object parts, int n) {
        for (List<T> p : (List<List<T>>) parts) {
            for (T x : p) {
                if (out.size() >= n) {
                    return;
                }
                out.add(x);
            }
        }
    }

    /**
     * Writes every partition to a text file now, one element ({@link String#valueOf}) per line,
     * compressed by the extension ({@code .gz}, {@code .bz2}, {@code .zst}).
     *
     * @param pattern a path with one {@code *} for the zero-padded partition number ({@code
     *     "out/part-*.txt.gz"}), or a directory ({@code 0.part}, {@code 1.part}, ...)
     * @return the files written, in partition order
     */
    public List<Path> toTextFiles(String pattern) {
        return toTextFilesLazy(pattern).compute().stream().map(Path::of).toList();
    }

    /**
     * {@link #toTextFiles(String)}, lazily: nothing is written until the item is computed.
     *
     * @param pattern see {@link #toTextFiles(String)}
     * @return the absolute paths that computing it writes
     */
    public Item<List<String>> toTextFilesLazy(String pattern) {
        List<String> paths = TextWriting.paths(pattern, npartitions);
        String n = "to-text-files-" + Tokens.token(name, paths);
        List<Node> nodes = new ArrayList<>(npartitions + 1);
        List<Key> written = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            Key k = Key.of(n, i);
            nodes.add(new Task(k, new TextWriting.WritePartition(paths.get(i), "UTF-8"), Arg.ref(partitionKey(i))));
            written.add(k);
        }
        Key all = Key.of(n);
        nodes.add(new Task(all, new TextWriting.Gather(), Arg.refs(written)));
        return new Item<>(all, Graph.of(nodes, List.of(graph)));
    }

    /**
     * The bag as a lazy DataFrame, like Dask's {@code to_dataframe}: one Frame partition per bag
     * partition, one column per record component (in declaration order) or per map key. The
     * schema is inferred from the first elements — this computes only the partitions it needs to
     * find up to 100 of them, as Dask computes the first partition for its meta; give the schema
     * with {@link #toDataFrame(Map)} to compute nothing now.
     *
     * @return the DataFrame (divisions unknown)
     * @throws IllegalArgumentException when the bag is empty, or its elements are neither records nor maps
     */
    public DataFrame toDataFrame() {
        return toDataFrame(FrameRows.inferSchema(take(100)));
    }

    /**
     * @param schema column names and dtypes, in order: record components or map keys (a missing
     *     key gives a missing value)
     * @return the bag as a lazy DataFrame; a value that does not fit its column fails the
     *     computation, naming the element, partition and field
     */
    public DataFrame toDataFrame(Map<String, DType> schema) {
        return FrameRows.toDataFrame(this, schema);
    }

    /** @return one delayed value per partition, each the partition's list */
    public List<Delayed<List<T>>> toDelayed() {
        List<Delayed<List<T>>> out = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            out.add(Delayed.of(partitionKey(i), graph));
        }
        return out;
    }

    // ---------------------------------------------------------------- the collection contract

    /** @return the bag's name, the first part of its partitions' keys */
    public String name() {
        return name;
    }

    /** @return the number of partitions */
    public int npartitions() {
        return npartitions;
    }

    /**
     * @param i a partition number
     * @return the key of that partition
     */
    public Key partitionKey(int i) {
        return Key.of(name, i);
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
        List<Key> keys = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            keys.add(partitionKey(i));
        }
        return keys;
    }

    /** @return the elements of every partition, concatenated in order */
    @Override
    @SuppressWarnings("unchecked")
    public List<T> assemble(List<Object> results) {
        int n = 0;
        for (Object r : results) {
            n += ((List<?>) r).size();
        }
        List<T> out = new ArrayList<>(n);
        for (Object r : results) {
            out.addAll((List<T>) r);
        }
        return out;
    }

    @Override
    public Bag<T> rebuild(Map<Key, Object> results) {
        List<Node> nodes = new ArrayList<>(npartitions);
        for (Key k : keys()) {
            if (!results.containsKey(k)) {
                throw new IllegalArgumentException("no result for " + k + " to rebuild from");
            }
            nodes.add(new Literal(k, results.get(k)));
        }
        return new Bag<>(name, npartitions, Graph.of(nodes, List.of()));
    }

    /**
     * Computes the bag now and returns it rebuilt on its partitions, so later computations that use
     * it do not recompute it.
     *
     * @return the persisted bag (same name)
     */
    public Bag<T> persist() {
        return Jdask.persist(this).get(this);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString(name).putLong(npartitions);
    }

    @Override
    public String toString() {
        return "Bag<" + name + ", npartitions=" + npartitions + ">";
    }
}
