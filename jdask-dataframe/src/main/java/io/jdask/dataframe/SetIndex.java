package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sort-based shuffles: {@code setIndex} and {@code sortValues}. Like Dask, the divisions are
 * worked out now (one pass over the data computing a {@link Sorting#quantileSummary} of the key
 * per partition), then the rows are range-partitioned by the key ({@link Shuffles}) and each
 * output partition is sorted.
 */
final class SetIndex {
    private SetIndex() {}

    /** The quantile summary of a key column and its number of present values. */
    record Summary(String key, int size) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Column k = ((Frame) args[0]).column(key);
            Frame s = Frame.builder().column(key, Sorting.quantileSummary(k, size)).build();
            return List.of(s, (long) (k.length() - k.nullCount()));
        }
    }

    /** Makes a column the index and sorts by it (missing keys last). */
    record IndexAndSort(String column) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return Sorting.sortByIndex(f.withIndex(column, f.column(column)).drop(column), true, true);
        }
    }

    /** Makes a column the index. */
    record MakeIndex(String column) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return f.withIndex(column, f.column(column)).drop(column);
        }
    }

    /** Sorts a partition by columns. */
    record SortBy(List<String> by, List<Boolean> ascending) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            boolean[] asc = new boolean[ascending.size()];
            for (int i = 0; i < asc.length; i++) {
                asc[i] = ascending.get(i);
            }
            return Sorting.sort(f, by, asc, true);
        }
    }

    /** The number of rows, first and last index values and sortedness of a partition. */
    record Bounds() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame f = (Frame) args[0];
            int n = f.numRows();
            List<Object> out = new ArrayList<>();
            out.add((long) n);
            out.add(f.isSorted());
            out.add(n == 0 ? null : f.index().get(0));
            out.add(n == 0 ? null : f.index().get(n - 1));
            return out;
        }
    }

    /** @return the divisions splitting {@code key} into about {@code nout} ranges of equal rows (possibly empty) */
    static Column divisions(Parts in, String key, int nout) {
        String name = "summary-" + Tokens.token(in.name(), key, nout);
        int size = Math.max(100, 2 * nout);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < in.npartitions(); i++) {
            nodes.add(new Task(Key.of(name, i), new Summary(key, size), Arg.ref(in.key(i))));
        }
        Graph g = Graph.of(nodes, List.of(in.graph()));
        List<Lazy<?>> ds = new ArrayList<>();
        for (int i = 0; i < in.npartitions(); i++) {
            ds.add(Delayed.of(Key.of(name, i), g));
        }
        List<Column> samples = new ArrayList<>();
        long[] rows = new long[in.npartitions()];
        List<Object> results = Jdask.compute(ds.toArray(Lazy[]::new)).asList();
        for (int i = 0; i < results.size(); i++) {
            List<?> r = (List<?>) results.get(i);
            samples.add(((Frame) r.get(0)).column(0));
            rows[i] = (Long) r.get(1);
        }
        return Sorting.sampleQuantiles(samples, rows, nout);
    }

    static Parts setIndex(Parts in, String column, int nout) {
        in.meta().column(column);
        if (nout < 1) {
            throw new IllegalArgumentException("npartitions must be positive, not " + nout);
        }
        Column d = divisions(in, column, nout);
        Frame meta = new IndexAndSort(column).apply(in.meta());
        if (d.length() == 0) {
            // no present key: one partition of every row, divisions unknown
            Parts one = Shuffles.shuffle(in, new Shuffles.HashRouter(List.of(column)), null, 1, "set-index-shuffle");
            return one.map("set-index", new IndexAndSort(column), meta, false);
        }
        Frame aux = Frame.builder().column(column, d).build();
        Parts shuffled = Shuffles.shuffle(in, new Shuffles.RangeRouter(column, false), aux, d.length() - 1, "set-index-shuffle");
        List<Comparable<?>> divs = new ArrayList<>();
        for (int i = 0; i < d.length(); i++) {
            divs.add((Comparable<?>) d.get(i));
        }
        Parts sorted = shuffled.map("set-index", new IndexAndSort(column), meta, false);
        return new Parts(sorted.name(), sorted.meta(), sorted.npartitions(), Optional.of(List.copyOf(divs)), sorted.graph());
    }

    /**
     * Sets an already sorted column as the index: the divisions are each partition's first value
     * and the last partition's last, computed now; empty partitions are dropped.
     */
    static Parts setSortedIndex(Parts in, String column) {
        in.meta().column(column);
        Parts indexed = in.map("set-index-sorted", new MakeIndex(column), false);
        String name = "bounds-" + Tokens.token(indexed.name());
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < in.npartitions(); i++) {
            nodes.add(new Task(Key.of(name, i), new Bounds(), Arg.ref(indexed.key(i))));
        }
        Graph g = Graph.of(nodes, List.of(indexed.graph()));
        List<Lazy<?>> ds = new ArrayList<>();
        for (int i = 0; i < in.npartitions(); i++) {
            ds.add(Delayed.of(Key.of(name, i), g));
        }
        List<Object> results = Jdask.compute(ds.toArray(Lazy[]::new)).asList();
        List<Integer> keep = new ArrayList<>();
        List<Comparable<?>> divs = new ArrayList<>();
        Comparable<?> prevLast = null;
        for (int i = 0; i < results.size(); i++) {
            List<?> r = (List<?>) results.get(i);
            if ((Long) r.get(0) == 0) {
                continue;
            }
            if (!(Boolean) r.get(1)) {
                throw new IllegalArgumentException("setIndex('" + column + "', sorted=true): partition " + i
                        + " is not sorted by '" + column + "' (or has missing values); use sorted=false");
            }
            Comparable<?> first = (Comparable<?>) r.get(2);
            if (prevLast != null && Repartition.compare(prevLast, first) >= 0) {
                throw new IllegalArgumentException("setIndex('" + column + "', sorted=true): partition " + i + " starts at "
                        + first + " but an earlier partition ends at " + prevLast + "; use sorted=false");
            }
            keep.add(i);
            divs.add(first);
            prevLast = (Comparable<?>) r.get(3);
        }
        if (keep.isEmpty()) {
            return indexed;
        }
        divs.add(prevLast);
        String n = "set-index-sorted-" + Tokens.token(indexed.name(), keep);
        List<Node> aliases = new ArrayList<>();
        for (int j = 0; j < keep.size(); j++) {
            aliases.add(new Alias(Key.of(n, j), indexed.key(keep.get(j))));
        }
        return new Parts(n, indexed.meta(), keep.size(), Optional.of(List.copyOf(divs)), Graph.of(aliases, List.of(indexed.graph())));
    }

    static Parts sortValues(Parts in, List<String> by, boolean[] ascending) {
        if (by.isEmpty()) {
            throw new IllegalArgumentException("sortValues needs at least one column");
        }
        if (ascending.length != by.size()) {
            throw new IllegalArgumentException(by.size() + " sort columns but " + ascending.length + " directions");
        }
        for (String c : by) {
            in.meta().column(c);
        }
        List<Boolean> asc = new ArrayList<>();
        for (boolean a : ascending) {
            asc.add(a);
        }
        SortBy sort = new SortBy(List.copyOf(by), List.copyOf(asc));
        Frame meta = sort.apply(in.meta());
        Column d = divisions(in, by.get(0), in.npartitions());
        Parts shuffled;
        if (d.length() == 0) {
            shuffled = Shuffles.shuffle(in, new Shuffles.HashRouter(List.of(by.get(0))), null, 1, "sort-shuffle");
        } else {
            Frame aux = Frame.builder().column(by.get(0), d).build();
            shuffled = Shuffles.shuffle(in, new Shuffles.RangeRouter(by.get(0), !ascending[0]), aux, d.length() - 1, "sort-shuffle");
        }
        return shuffled.map("sort-values", sort, meta, false);
    }
}
