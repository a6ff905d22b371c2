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
 * The lazy side of {@code DataFrame.corr(CorrMethod.SPEARMAN, minPeriods)}, exactly like pandas
 * 1.5's {@code df.corr(method="spearman")}.
 *
 * <p>The numeric columns are cut into groups of {@link Correlations#ROWS_PER_PARTITION} columns,
 * the same blocks in which the square result is cut into partitions. The graph:
 * <ol>
 *   <li>{@code piece(p, g)}: the columns of group {@code g} of partition {@code p}, as f64 (NaN
 *       where missing);
 *   <li>{@code rank(g)}: the pieces of a group from every partition, each column ranked over all
 *       rows (average ranks, {@link Ranks}); NaN where a value is not finite; a column is whole in
 *       one task here (its rows x the group's columns must fit in a worker's memory);
 *   <li>{@code slice(p, g)} and {@code ranked(p)}: the ranks cut back into the row partitions;
 *   <li>the pairwise-complete Pearson correlation of the ranks ({@link Correlations}, masked BLAS
 *       products): pandas' value for every pair of columns missing on the same rows (all pairs
 *       when nothing is missing);
 *   <li>{@code pairs(g, h)} for {@code g <= h}: {@link SpearmanPairs} for the pairs of the two
 *       groups that pandas re-ranks (present on different rows) or centres its own way (a column
 *       with infinities); nothing to do when no value is missing;
 *   <li>{@code spearman(b)}: row block {@code b} of the Pearson result with those pairs replaced.
 * </ol>
 */
final class RankCorrelation {
    private RankCorrelation() {}

    /** The columns of one group of a partition as f64, NaN where missing. */
    record Piece(List<String> columns) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame f = (Frame) args[0];
            Frame.Builder b = Frame.builder();
            for (String c : columns) {
                b.column(c, f.column(c).dtype() == DType.F64 ? f.column(c) : new Column(DType.F64, f.numRows(), ColumnValues.doubles(f.column(c)), null, null));
            }
            return b.build();
        }
    }

    /** One group of columns ranked over all rows, with each partition's row count. */
    record RankedGroup(Frame ranks, int[] partitionRows, boolean[] gapped) {}

    /** Ranks the concatenated pieces of one group. */
    record Rank() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            @SuppressWarnings("unchecked")
            List<Frame> pieces = (List<Frame>) args[0];
            int[] partitionRows = new int[pieces.size()];
            for (int p = 0; p < pieces.size(); p++) {
                partitionRows[p] = pieces.get(p).numRows();
            }
            Frame all = Frame.concat(pieces);
            Frame.Builder b = Frame.builder();
            boolean[] gapped = new boolean[all.numColumns()];
            for (int c = 0; c < all.numColumns(); c++) {
                double[] v = ColumnValues.doubles(all.column(c));
                double[] r = Ranks.average(v);
                for (int i = 0; i < v.length; i++) {
                    if (Double.isInfinite(v[i])) {
                        r[i] = Double.NaN;
                        gapped[c] = true;
                    }
                }
                b.column(all.columnNames().get(c), new Column(DType.F64, r.length, r, null, null));
            }
            return new RankedGroup(b.build(), partitionRows, gapped);
        }
    }

    /** Partition {@code p}'s rows of a ranked group. */
    record SliceRows(int partition) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            RankedGroup g = (RankedGroup) args[0];
            int from = 0;
            for (int p = 0; p < partition; p++) {
                from += g.partitionRows()[p];
            }
            return g.ranks().slice(from, from + g.partitionRows()[partition]);
        }
    }

    /** The slices of every group side by side: a partition of the ranked frame. */
    record SideBySide() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            @SuppressWarnings("unchecked")
            List<Frame> slices = (List<Frame>) args[0];
            Frame.Builder b = Frame.builder();
            for (Frame s : slices) {
                for (int c = 0; c < s.numColumns(); c++) {
                    b.column(s.columnNames().get(c), s.column(c));
                }
            }
            return b.build();
        }
    }

    /** The pairs of two groups that need {@link SpearmanPairs}. */
    record Pairs(int aFrom, int bFrom, int minPeriods) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            SpearmanPairs.Group a = group((RankedGroup) args[0]);
            SpearmanPairs.Group b = aFrom == bFrom ? a : group((RankedGroup) args[1]); // a diagonal block
            return SpearmanPairs.block(a, aFrom, b, bFrom, minPeriods);
        }

        private static SpearmanPairs.Group group(RankedGroup g) {
            double[][] ranks = new double[g.ranks().numColumns()][];
            for (int c = 0; c < ranks.length; c++) {
                ranks[c] = ColumnValues.doubles(g.ranks().column(c));
            }
            return new SpearmanPairs.Group(ranks, g.gapped());
        }
    }

    /** Rows {@code [from, to)} of the Pearson correlation of the ranks, with the re-ranked pairs written in. */
    record Finish(int from, int to) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame pearson = (Frame) args[0];
            if (pearson.numRows() != to - from || (to > from && !pearson.index().getString(0).equals(pearson.columnNames().get(from)))) {
                // the groups are laid out as Correlations cuts its result into row blocks
                throw new IllegalStateException("the Pearson block should hold rows " + from + " to " + to + " of the square result, but it has "
                        + pearson.numRows() + " rows starting at '" + (pearson.numRows() == 0 ? "" : pearson.index().getString(0)) + "'");
            }
            @SuppressWarnings("unchecked")
            List<SpearmanPairs.PairBlock> blocks = (List<SpearmanPairs.PairBlock>) args[1];
            double[][] out = new double[pearson.numColumns()][];
            for (int c = 0; c < out.length; c++) {
                out[c] = ColumnValues.doubles(pearson.column(c)).clone();
            }
            for (SpearmanPairs.PairBlock block : blocks) {
                block.writeInto(out, from, to);
            }
            Frame.Builder b = Frame.builder().index(pearson.indexName(), pearson.index());
            for (int c = 0; c < out.length; c++) {
                b.column(pearson.columnNames().get(c), new Column(DType.F64, out[c].length, out[c], null, null));
            }
            return b.build();
        }
    }

    static DataFrame spearman(DataFrame df, int minPeriods) {
        if (minPeriods < 1) {
            throw new IllegalArgumentException("minPeriods must be at least 1, not " + minPeriods);
        }
        Parts parts = df.parts();
        List<String> columns = PairwiseMoments.numericColumns(parts.meta());
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("corr needs numeric columns; " + parts.meta().columnNames() + " has none");
        }
        int n = columns.size();
        int np = parts.npartitions();
        int groups = Math.max(1, (n + Correlations.ROWS_PER_PARTITION - 1) / Correlations.ROWS_PER_PARTITION);
        int[] starts = new int[groups + 1];
        for (int g = 0; g <= groups; g++) {
            starts[g] = (int) ((long) n * g / groups);
        }
        String token = Tokens.token(parts.name(), columns, "spearman", minPeriods);
        List<Node> nodes = new ArrayList<>();
        List<Key> ranks = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            Piece piece = new Piece(List.copyOf(columns.subList(starts[g], starts[g + 1])));
            List<Key> pieces = new ArrayList<>();
            for (int p = 0; p < np; p++) {
                Key k = Key.of("spearman-piece-" + token, p, g);
                nodes.add(new Task(k, piece, Arg.ref(parts.key(p))));
                pieces.add(k);
            }
            Key rank = Key.of("spearman-rank-" + token, g);
            nodes.add(new Task(rank, new Rank(), Arg.refs(pieces)));
            ranks.add(rank);
        }
        String rankedName = "spearman-ranked-" + token;
        for (int p = 0; p < np; p++) {
            List<Key> slices = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                Key k = Key.of("spearman-slice-" + token, p, g);
                nodes.add(new Task(k, new SliceRows(p), Arg.ref(ranks.get(g))));
                slices.add(k);
            }
            nodes.add(new Task(Key.of(rankedName, p), new SideBySide(), Arg.refs(slices)));
        }
        Frame.Builder rankedMeta = Frame.builder();
        for (String c : columns) {
            rankedMeta.column(c, Column.ofDoubles());
        }
        DataFrame ranked = new DataFrame(new Parts(rankedName, rankedMeta.build(), np, Optional.empty(), Graph.of(nodes, List.of(parts.graph()))));
        Parts pearson = Correlations.square(ranked, true, minPeriods, 1).parts();
        if (pearson.npartitions() != groups) {
            throw new IllegalStateException("the Pearson result has " + pearson.npartitions() + " blocks for " + groups + " groups");
        }

        List<Node> finish = new ArrayList<>();
        Key[][] pairs = new Key[groups][groups];
        for (int g = 0; g < groups; g++) {
            for (int h = g; h < groups; h++) {
                Key k = Key.of("spearman-pairs-" + token, g, h);
                finish.add(new Task(k, new Pairs(starts[g], starts[h], minPeriods), Arg.ref(ranks.get(g)), Arg.ref(ranks.get(h))));
                pairs[g][h] = k;
                pairs[h][g] = k;
            }
        }
        String name = "spearman-" + token;
        for (int b = 0; b < groups; b++) {
            List<Key> touching = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                touching.add(pairs[b][g]);
            }
            finish.add(new Task(Key.of(name, b), new Finish(starts[b], starts[b + 1]), Arg.ref(pearson.key(b)), Arg.refs(touching)));
        }
        return new DataFrame(new Parts(name, pearson.meta(), groups, Optional.empty(), Graph.of(finish, List.of(pearson.graph()))));
    }
}
