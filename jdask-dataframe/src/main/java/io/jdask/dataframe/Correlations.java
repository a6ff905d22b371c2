package io.jdask.dataframe;

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
 * The lazy side of {@link DataFrame#corr} and {@link DataFrame#cov}: the {@link PairwiseMoments}
 * of runs of consecutive partitions (one run per thread, each taken as one block), merged once,
 * turned into the square matrix, then cut into row blocks so that what follows (triangle, stack,
 * writing) runs in parallel.
 */
final class Correlations {
    /** Rows of the square result per output partition. */
    static final int ROWS_PER_PARTITION = 256;

    private Correlations() {}

    /** The statistics of a run of consecutive partitions, taken as one block. */
    record MomentsOfParts(List<String> columns) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            @SuppressWarnings("unchecked")
            List<Frame> frames = (List<Frame>) args[0];
            return PairwiseMoments.of(frames, columns);
        }
    }

    /** Merges statistics in one pass. */
    record MergeAll() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            @SuppressWarnings("unchecked")
            List<PairwiseMoments> parts = (List<PairwiseMoments>) args[0];
            return PairwiseMoments.mergeAll(parts);
        }
    }

    /** The square matrix from the merged statistics. */
    record Square(boolean correlation, int minPeriods, int ddof) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            PairwiseMoments m = (PairwiseMoments) args[0];
            return correlation ? m.correlation(minPeriods) : m.covariance(minPeriods, ddof);
        }
    }

    /** Rows {@code [from, to)} of the square matrix. */
    record RowBlock(int from, int to) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return ((Frame) args[0]).slice(from, to);
        }
    }

    static DataFrame square(DataFrame df, boolean correlation, int minPeriods, int ddof) {
        if (minPeriods < 1) {
            throw new IllegalArgumentException("minPeriods must be at least 1, not " + minPeriods);
        }
        Parts parts = df.parts();
        List<String> columns = PairwiseMoments.numericColumns(parts.meta());
        if (columns.isEmpty()) {
            throw new IllegalArgumentException((correlation ? "corr" : "cov") + " needs numeric columns; " + parts.meta().columnNames()
                    + " has none");
        }
        String op = correlation ? "corr" : "cov";
        String token = Tokens.token(parts.name(), columns, correlation, minPeriods, ddof);
        List<Node> nodes = new ArrayList<>();
        // Every set of statistics costs passes over n x n matrices, so partitions are taken in as
        // many runs as there are threads (each run as one block), and the runs merged once.
        int runs = Math.max(1, Math.min(parts.npartitions(), io.jdask.scheduler.Schedulers.defaultThreads()));
        MomentsOfParts moments = new MomentsOfParts(columns);
        List<Key> partials = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            int from = (int) ((long) parts.npartitions() * r / runs);
            int to = (int) ((long) parts.npartitions() * (r + 1) / runs);
            List<Key> keys = new ArrayList<>();
            for (int p = from; p < to; p++) {
                keys.add(parts.key(p));
            }
            Key k = Key.of(op + "-moments-" + token, r);
            nodes.add(new Task(k, moments, Arg.refs(keys)));
            partials.add(k);
        }
        Key merged = Key.of(op + "-merge-" + token, 0);
        nodes.add(new Task(merged, new MergeAll(), Arg.refs(partials)));
        Key square = Key.of(op + "-square-" + token, 0);
        nodes.add(new Task(square, new Square(correlation, minPeriods, ddof), Arg.ref(merged)));
        int n = columns.size();
        int blocks = Math.max(1, (n + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION);
        String name = op + "-" + token;
        for (int b = 0; b < blocks; b++) {
            int from = (int) ((long) n * b / blocks);
            int to = (int) ((long) n * (b + 1) / blocks);
            nodes.add(new Task(Key.of(name, b), new RowBlock(from, to), Arg.ref(square)));
        }
        Frame.Builder meta = Frame.builder().index(null, Column.ofStrings());
        for (String c : columns) {
            meta.column(c, Column.ofDoubles());
        }
        return new DataFrame(new Parts(name, meta.build(), blocks, Optional.empty(), Graph.of(nodes, List.of(parts.graph()))));
    }

    /**
     * Masks a square frame (its index labels are its column names, in order) to a triangle, each
     * partition at its own row offset: the position of its first label among the columns.
     */
    record Triangle(List<String> columns, boolean upper, boolean includeDiagonal) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            if (f.numRows() == 0) {
                return f;
            }
            if (!f.hasIndex() || !f.index().dtype().isDictionary()) {
                throw new IllegalArgumentException("a triangle needs a square frame indexed by its column names (like corr's result)");
            }
            String first = f.index().getString(0);
            int offset = columns.indexOf(first);
            for (int i = 0; i < f.numRows(); i++) {
                String label = f.index().getString(i);
                if (offset < 0 || offset + i >= columns.size() || !columns.get(offset + i).equals(label)) {
                    throw new IllegalArgumentException("a triangle needs a square frame indexed by its column names in the same order; row label '"
                            + label + "' is not column " + (offset < 0 ? "?" : String.valueOf(offset + i)));
                }
            }
            return upper ? Reshape.upperTriangle(f, offset, includeDiagonal) : Reshape.lowerTriangle(f, offset, includeDiagonal);
        }
    }

    /** Long to wide within one partition, with the index (if it is the pivot's index) as a column first. */
    record Pivot(String index, String columns, String values, List<String> labels) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            Frame longFrame = f;
            if (f.hasIndex() && index.equals(f.indexName()) && !f.hasColumn(index)) {
                Frame.Builder b = Frame.builder().column(index, f.index());
                b.column(columns, f.column(columns)).column(values, f.column(values));
                longFrame = b.build();
            }
            return Reshape.pivot(longFrame, index, columns, values, labels);
        }
    }

    /** Wide to long. */
    record Stack(String rowName, String colName, String valueName) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return Reshape.stack(f, rowName, colName, valueName);
        }
    }
}
