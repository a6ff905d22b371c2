package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partitions of a DataFrame or Series: the layer name ({@code Key.of(name, i)} is partition
 * {@code i}), the meta (an empty frame of the schema), the divisions and the graph. Every
 * operation adds one layer; the meta of a per-partition operation is the operation applied to the
 * meta, so schemas are known while building.
 */
record Parts(String name, Frame meta, int npartitions, Optional<List<Comparable<?>>> divisions, Graph graph) {

    Parts {
        if (npartitions < 1) {
            throw new IllegalArgumentException("a dataframe has at least one partition, not " + npartitions);
        }
        if (meta.numRows() != 0) {
            meta = meta.head(0);
        }
        divisions.ifPresent(d -> {
            if (d.size() != npartitions + 1) {
                throw new IllegalArgumentException(npartitions + " partitions need " + (npartitions + 1) + " divisions, got " + d.size());
            }
        });
    }

    /** A per-partition function (serializable, stateless). */
    @FunctionalInterface
    interface FrameOp extends Serializable {
        Frame apply(Frame f) throws Exception;
    }

    /** A function of two aligned partitions. */
    @FunctionalInterface
    interface FrameBinOp extends Serializable {
        Frame apply(Frame a, Frame b) throws Exception;
    }

    record MapTask(FrameOp op) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return op.apply((Frame) args[0]);
        }
    }

    record ZipTask(FrameBinOp op) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return op.apply((Frame) args[0], (Frame) args[1]);
        }
    }

    Key key(int i) {
        return Key.of(name, i);
    }

    /** @return one delayed frame per partition, in order */
    List<Delayed<Frame>> toDelayed() {
        List<Delayed<Frame>> out = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            out.add(Delayed.of(key(i), graph));
        }
        return out;
    }

    List<Key> keys() {
        List<Key> keys = new ArrayList<>(npartitions);
        for (int i = 0; i < npartitions; i++) {
            keys.add(key(i));
        }
        return keys;
    }

    static Frame metaOf(FrameOp op, Frame meta, String what) {
        try {
            return op.apply(meta);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(what + " failed on the empty meta frame: " + e, e);
        }
    }

    /** One task per partition running {@code op}; the meta is {@code op} applied to this meta. */
    Parts map(String opName, FrameOp op, boolean keepDivisions) {
        return map(opName, op, metaOf(op, meta, opName), keepDivisions);
    }

    Parts map(String opName, FrameOp op, Frame newMeta, boolean keepDivisions) {
        String n = opName + "-" + Tokens.token(name, op);
        List<Node> nodes = new ArrayList<>(npartitions);
        MapTask fn = new MapTask(op);
        for (int i = 0; i < npartitions; i++) {
            nodes.add(new Task(Key.of(n, i), fn, Arg.ref(key(i))));
        }
        return new Parts(n, newMeta, npartitions, keepDivisions ? divisions : Optional.empty(), Graph.of(nodes, List.of(graph)));
    }

    /** One task per pair of partitions; both must have the same partitioning. */
    Parts zip(Parts other, String opName, FrameBinOp op) {
        checkAligned(other, opName);
        Frame newMeta;
        try {
            newMeta = op.apply(meta, other.meta);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException(opName + " failed on the meta frames: " + e, e);
        }
        String n = opName + "-" + Tokens.token(name, other.name, op);
        List<Node> nodes = new ArrayList<>(npartitions);
        ZipTask fn = new ZipTask(op);
        for (int i = 0; i < npartitions; i++) {
            nodes.add(new Task(Key.of(n, i), fn, Arg.ref(key(i)), Arg.ref(other.key(i))));
        }
        List<Graph> deps = graph == other.graph ? List.of(graph) : List.of(graph, other.graph);
        return new Parts(n, newMeta, npartitions, divisions.isPresent() ? divisions : other.divisions, Graph.of(nodes, deps));
    }

    void checkAligned(Parts other, String opName) {
        if (other.npartitions != npartitions) {
            throw new IllegalArgumentException(opName + ": the operands have " + npartitions + " and " + other.npartitions
                    + " partitions; jdask combines partitions pairwise and does not realign by index");
        }
        if (divisions.isPresent() && other.divisions.isPresent() && !divisions.equals(other.divisions)) {
            throw new IllegalArgumentException(opName + ": the operands have different divisions " + divisions.get()
                    + " and " + other.divisions.get());
        }
    }

    /** Concatenates computed partitions (the meta when all are empty of columns). */
    Frame assemble(List<Object> results) {
        List<Frame> frames = new ArrayList<>(results.size());
        for (Object o : results) {
            frames.add((Frame) o);
        }
        return frames.isEmpty() ? meta : Frame.concat(frames);
    }

    Parts rebuild(Map<Key, Object> results) {
        List<Node> nodes = new ArrayList<>(npartitions);
        for (Key k : keys()) {
            if (!results.containsKey(k)) {
                throw new IllegalArgumentException("no result for " + k + " to rebuild from");
            }
            nodes.add(new Literal(k, results.get(k)));
        }
        return new Parts(name, meta, npartitions, divisions, Graph.of(nodes, List.of()));
    }

    /** Computes partitions {@code [from, to)} now (only those and what they need). */
    List<Frame> computePartitions(int from, int to) {
        List<Lazy<?>> ds = new ArrayList<>();
        for (int i = from; i < to; i++) {
            ds.add(Delayed.of(key(i), graph));
        }
        List<Frame> out = new ArrayList<>();
        for (Object o : Jdask.compute(ds.toArray(Lazy[]::new)).asList()) {
            out.add((Frame) o);
        }
        return out;
    }

    /** The first {@code n} rows, computing the first partition, then twice as many more each round. */
    Frame head(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("row count must be >= 0, got " + n);
        }
        List<Frame> got = new ArrayList<>();
        int rows = 0;
        int from = 0;
        for (int batch = 1; rows < n && from < npartitions; batch *= 2) {
            int to = Math.min(npartitions, from + batch);
            for (Frame f : computePartitions(from, to)) {
                got.add(f);
                rows += f.numRows();
            }
            from = to;
        }
        return got.isEmpty() ? meta : Frame.concat(got).head(n);
    }

    /** The last {@code n} rows, computing partitions from the end. */
    Frame tail(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("row count must be >= 0, got " + n);
        }
        List<Frame> got = new ArrayList<>();
        int rows = 0;
        int to = npartitions;
        for (int batch = 1; rows < n && to > 0; batch *= 2) {
            int from = Math.max(0, to - batch);
            List<Frame> fs = computePartitions(from, to);
            for (int i = fs.size() - 1; i >= 0; i--) {
                got.add(0, fs.get(i));
                rows += fs.get(i).numRows();
            }
            to = from;
        }
        return got.isEmpty() ? meta : Frame.concat(got).tail(n);
    }

    int taskCount() {
        return graph.materialize().size();
    }

    /**
     * The structure printout, like Dask's repr: a row per division (the first two and the last two
     * around a dotted row when there are more than five; blank when unknown), the column types in
     * the first row, and the layer name and task count.
     */
    String structure(String title) {
        int rows = npartitions + 1;
        int[] shown = rows > 5 ? new int[] {0, 1, rows - 2, rows - 1} : java.util.stream.IntStream.range(0, rows).toArray();
        String[] labels = new String[shown.length];
        java.util.Arrays.fill(labels, "");
        if (divisions.isPresent()) {
            List<Object> values = new ArrayList<>(divisions.get());
            try {
                DType t = meta.hasIndex() ? meta.index().dtype() : DType.STRING;
                labels = ValueFormat.cells(Reductions.ofObjects(t, values, meta.index()), shown, true);
            } catch (RuntimeException e) {
                for (int i = 0; i < shown.length; i++) {
                    labels[i] = String.valueOf(values.get(shown[i]));
                }
            }
        }
        List<String> index = new ArrayList<>(List.of(labels));
        if (rows > 5) {
            index.add(2, "...");
        }
        Frame.Builder b = Frame.builder().index("npartitions=" + npartitions, Column.ofStrings(index.toArray(String[]::new)));
        for (String c : meta.columnNames()) {
            String[] cells = new String[index.size()];
            for (int i = 0; i < cells.length; i++) {
                cells[i] = i == 0 ? meta.column(c).dtype().label() : "...";
            }
            b.column(c, Column.ofStrings(cells));
        }
        return title + "\n" + b.build() + "\njdask Name: " + name + ", " + taskCount() + " tasks";
    }
}
