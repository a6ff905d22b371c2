package io.jdask.dataframe;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rows of a {@link DataFrame} grouped by key columns, like pandas' {@code groupby}: rows with a
 * missing key are left out, and results are sorted by key. With one key the result is indexed
 * by it; with several, the keys are the first columns and there is no index.
 *
 * <pre>{@code
 * Frame r = df.groupBy("name").agg(Agg.mean("x"), Agg.std("y"), Agg.size()).compute();
 * DataFrame many = df.groupBy("id").splitOut(8).agg(Agg.sum("x"));   // 8 partitions by key hash
 * }</pre>
 *
 * <p>Each partition is aggregated locally (key codes hashed to dense group numbers, states in
 * primitive arrays), the partial results are combined as a tree of {@code dataframe.split-every}
 * at a time and finished. With {@link #splitOut(int)} the partials are first split by a hash of
 * the key into {@code n} buckets, and each bucket is combined into its own output partition.
 */
public final class GroupBy {
    private final DataFrame frame;
    private final List<String> keys;
    private final int splitOut;

    GroupBy(DataFrame frame, List<String> keys, int splitOut) {
        this.frame = frame;
        this.keys = List.copyOf(keys);
        this.splitOut = splitOut;
    }

    /**
     * @param n how many output partitions (by key hash); 1 (the default) gives one partition
     * @return this grouping with that many output partitions
     */
    public GroupBy splitOut(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("splitOut must be positive, not " + n);
        }
        return new GroupBy(frame, keys, n);
    }

    /** @return the sum of each named column per group */
    public DataFrame sum(String... columns) {
        return each(Agg.Kind.SUM, columns);
    }

    /** @return the mean of each named column per group */
    public DataFrame mean(String... columns) {
        return each(Agg.Kind.MEAN, columns);
    }

    /** @return the number of present values of each named column per group */
    public DataFrame count(String... columns) {
        return each(Agg.Kind.COUNT, columns);
    }

    /** @return the number of rows per group, column {@code size} */
    public DataFrame size() {
        return agg(Agg.size());
    }

    private DataFrame each(Agg.Kind kind, String... columns) {
        List<Agg> aggs = new ArrayList<>();
        for (String c : columns) {
            aggs.add(new Agg(kind, c, null));
        }
        return agg(aggs.toArray(Agg[]::new));
    }

    /**
     * Computes several aggregations at once, in one pass over the data.
     *
     * @param aggs the aggregations, at least one
     * @return the lazy result: one row per group, one column per aggregation
     * @throws IllegalArgumentException for an unknown column, a numeric aggregation of a
     *     non-numeric column, or two result columns with one name
     */
    public DataFrame agg(Agg... aggs) {
        if (aggs.length == 0) {
            throw new IllegalArgumentException("agg needs at least one aggregation");
        }
        List<Agg> list = List.of(aggs);
        List<String> names = names(list);
        for (Agg a : list) {
            if (a.column() != null) {
                Column c = frame.meta().column(a.column());
                switch (a.kind()) {
                    case SUM, MEAN, STD, VAR -> Moments.checkNumeric(c, a.label());
                    default -> { }
                }
            }
        }
        GroupAggregation ga = new GroupAggregation(keys, list, names);
        Parts parts = needed(list).parts();
        Frame meta = (Frame) ga.finish(ga.partition(frame.meta()));
        String token = Tokens.token(parts.name(), ga, splitOut);
        String name = "groupby-agg-" + token;
        List<Node> nodes = new ArrayList<>();
        if (splitOut == 1) {
            Graph g = Reduction.tree(parts, "groupby-" + token, ga, Key.of(name, 0));
            return new DataFrame(new Parts(name, meta, 1, Optional.empty(), g));
        }
        String partial = "groupby-partial-" + token;
        String split = "groupby-split-" + token;
        Reduction.PartitionStep step = new Reduction.PartitionStep(ga);
        SplitStep splitStep = new SplitStep(splitOut, keys.size());
        for (int i = 0; i < parts.npartitions(); i++) {
            nodes.add(new Task(Key.of(partial, i), step, Arg.ref(parts.key(i))));
            nodes.add(new Task(Key.of(split, i), splitStep, Arg.ref(Key.of(partial, i))));
        }
        String pick = "groupby-pick-" + token;
        Reduction.CombineStep combine = new Reduction.CombineStep(ga);
        Reduction.FinishStep finish = new Reduction.FinishStep(ga);
        int splitEvery = Math.max(2, io.jdask.config.Config.getInt(Reduction.SPLIT_EVERY));
        for (int j = 0; j < splitOut; j++) {
            List<Key> level = new ArrayList<>();
            for (int i = 0; i < parts.npartitions(); i++) {
                Key k = Key.of(pick, j, i);
                nodes.add(new Task(k, new Pick(j), Arg.ref(Key.of(split, i))));
                level.add(k);
            }
            for (int depth = 0; level.size() > 1; depth++) {
                List<Key> next = new ArrayList<>();
                for (int from = 0; from < level.size(); from += splitEvery) {
                    Key k = Key.of("groupby-combine-" + token, j, depth, next.size());
                    nodes.add(new Task(k, combine, Arg.refs(level.subList(from, Math.min(level.size(), from + splitEvery)))));
                    next.add(k);
                }
                level = next;
            }
            nodes.add(new Task(Key.of(name, j), finish, Arg.ref(level.get(0))));
        }
        return new DataFrame(new Parts(name, meta, splitOut, Optional.empty(), Graph.of(nodes, List.of(parts.graph()))));
    }

    /** The frame reduced to the columns the aggregation reads (a source reads only those). */
    private DataFrame needed(List<Agg> aggs) {
        java.util.LinkedHashSet<String> cols = new java.util.LinkedHashSet<>(keys);
        for (Agg a : aggs) {
            if (a.column() != null) {
                cols.add(a.column());
            }
        }
        return cols.size() == frame.columns().size() ? frame : frame.select(cols.toArray(String[]::new));
    }

    private List<String> names(List<Agg> aggs) {
        Map<String, Integer> perColumn = new HashMap<>();
        for (Agg a : aggs) {
            if (a.alias() == null && a.column() != null) {
                perColumn.merge(a.column(), 1, Integer::sum);
            }
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>(keys.size() == 1 ? List.of() : keys);
        for (Agg a : aggs) {
            String n = a.alias() != null ? a.alias()
                    : a.column() == null ? "size"
                    : perColumn.get(a.column()) > 1 ? a.column() + "_" + a.label() : a.column();
            if (!seen.add(n)) {
                throw new IllegalArgumentException("two result columns would be named '" + n + "'; name them with Agg.as(...)");
            }
            names.add(n);
        }
        return names;
    }

    /** Splits a partial into buckets by key hash. */
    record SplitStep(int n, int nkeys) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return GroupAggregation.split((GroupAggregation.Partial) args[0], n, nkeys);
        }
    }

    /** Item {@code j} of a list. */
    record Pick(int j) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return ((List<?>) args[0]).get(j);
        }
    }
}
