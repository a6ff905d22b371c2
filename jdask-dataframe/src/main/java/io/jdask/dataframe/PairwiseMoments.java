package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The sufficient statistics of pairwise-complete Pearson correlation and covariance over a list of
 * numeric columns: for every pair of columns {@code (a, b)}, the number of rows where both are
 * present, the mean and the sum of squared deviations of each of the two over those rows, and their
 * co-moment (sum of products of deviations). It is computed from one partition with
 * {@link #of(Frame, List)}, combined across partitions with {@link #merge} (associative and
 * commutative, so partitions can be reduced as a tree in any shape), and finished with
 * {@link #correlation(int)} or {@link #covariance(int, int)}, which follow pandas'
 * {@code DataFrame.corr()} / {@code DataFrame.cov()} (pandas 1.5).
 *
 * <p>The statistics are kept centred (means and sums of squared deviations, not raw sums), and
 * partitions are combined with the pairwise update of Chan, Golub and LeVeque, so a large common
 * offset in the data ({@code 1e6 + noise}) does not cancel away the variance. Missing values are
 * NaN and infinities in floating columns (pandas' {@code nancorr} skips every non-finite value) and
 * the validity mask of integer and boolean columns.
 *
 * <p>Memory: three {@code n x n} {@code double} matrices for {@code n} columns (about 1.2 GB at
 * 7,000 columns, 96 MB at 2,000). Instances are immutable.
 */
public final class PairwiseMoments {
    /** Side of the square tiles in which the O(n^2) passes walk the matrices (transposed reads stay in cache). */
    static final int TILE = 64;

    private final List<String> columns;
    private final long rows;
    /**
     * Row-major {@code n x n}: above the diagonal ({@code a < b}, at {@code a * n + b}) the
     * co-moment of the pair; below it ({@code b * n + a}) the pair's row count; on the diagonal the
     * number of rows where the column is present.
     */
    final double[] comomentAndCount;
    /**
     * {@code mean[b * n + a]}: the mean of column a over the rows where a and b are both present,
     * minus {@code shift[a]}. Keeping means relative to a reference value near the data keeps the
     * differences of means in a merge exact even when the data sit far from zero.
     */
    final double[] mean;
    /** Per column, the reference value that {@link #mean} is relative to (0 for a column never present). */
    final double[] shift;
    /** {@code m2[b * n + a]}: the sum of squared deviations of column a over those rows. */
    final double[] m2;

    PairwiseMoments(List<String> columns, long rows, double[] comomentAndCount, double[] mean, double[] shift,
                    double[] m2) {
        this.columns = List.copyOf(columns);
        this.rows = rows;
        this.comomentAndCount = comomentAndCount;
        this.mean = mean;
        this.shift = shift;
        this.m2 = m2;
    }

    /**
     * Computes the statistics of one partition.
     *
     * @param partition the rows
     * @param columns the columns, in output order: f64, f32, f16, i64, i32 or bool, distinct
     * @return the statistics of the partition's rows
     * @throws IllegalArgumentException naming a missing, repeated or non-numeric column
     */
    public static PairwiseMoments of(Frame partition, List<String> columns) {
        Objects.requireNonNull(partition, "partition");
        Objects.requireNonNull(columns, "columns");
        return MomentsKernel.compute(partition, columns);
    }

    /**
     * Computes the statistics of several partitions' rows at once, as one block. Each partition
     * costs a few passes over {@code n x n} matrices besides its share of the products, so small
     * partitions are best taken together this way (up to a few thousand rows) rather than one
     * {@link #of(Frame, List)} each followed by merges.
     *
     * @param partitions frames with the same columns and types (see {@link Frame#concat}); none
     *     gives the statistics of no rows
     */
    public static PairwiseMoments of(List<Frame> partitions, List<String> columns) {
        Objects.requireNonNull(columns, "columns");
        if (partitions.isEmpty()) {
            int n = checkColumns(columns).size();
            return new PairwiseMoments(columns, 0, new double[n * n], new double[n * n], new double[n], new double[n * n]);
        }
        List<Frame> projected = partitions.stream().map(f -> f.select(columns.toArray(String[]::new))).toList();
        return of(projected.size() == 1 ? projected.get(0) : Frame.concat(projected), columns);
    }

    /**
     * Computes the statistics of every f64, f32, f16, i64, i32 and bool column of a partition, in
     * frame order (pandas' {@code numeric_only}).
     */
    public static PairwiseMoments of(Frame partition) {
        return of(partition, numericColumns(partition));
    }

    /** @return the names of the columns that {@link #of(Frame)} uses */
    public static List<String> numericColumns(Frame frame) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < frame.numColumns(); i++) {
            if (MomentsKernel.supported(frame.column(i).dtype())) {
                names.add(frame.columnNames().get(i));
            }
        }
        return names;
    }

    /** @return the columns, in order */
    public List<String> columns() {
        return columns;
    }

    /** @return the number of rows the statistics cover */
    public long rows() {
        return rows;
    }

    /** @return the bytes held by the statistics (three {@code n x n} double matrices and the per-column shifts) */
    public long nbytes() {
        return 8L * (comomentAndCount.length + mean.length + m2.length + shift.length);
    }

    /** @return the number of rows where columns {@code a} and {@code b} (positions) are both present */
    public long count(int a, int b) {
        int n = columns.size();
        Objects.checkIndex(a, n);
        Objects.checkIndex(b, n);
        return (long) comomentAndCount[Math.max(a, b) * n + Math.min(a, b)];
    }

    /**
     * Combines the statistics of two disjoint sets of rows over the same columns.
     *
     * @return new statistics covering the rows of both
     * @throws IllegalArgumentException when the column lists differ
     */
    public PairwiseMoments merge(PairwiseMoments other) {
        return mergeAll(List.of(this, other));
    }

    /**
     * Combines the statistics of several disjoint sets of rows into one new instance (a node of a
     * reduction tree with any fan-in); the inputs are not changed.
     *
     * @throws IllegalArgumentException when the list is empty or the column lists differ
     */
    public static PairwiseMoments mergeAll(List<PairwiseMoments> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        PairwiseMoments first = parts.get(0);
        if (parts.size() == 1) {
            // instances are immutable: one part is its own merge (no copy of the n x n matrices)
            return first;
        }
        for (int k = 1; k < parts.size(); k++) {
            if (!parts.get(k).columns.equals(first.columns)) {
                throw new IllegalArgumentException("cannot merge moments over columns " + parts.get(k).columns
                        + " into moments over " + first.columns);
            }
        }
        double[] cn = first.comomentAndCount.clone();
        double[] mean = first.mean.clone();
        double[] m2 = first.m2.clone();
        double[] shift = first.shift.clone();
        int n = first.columns.size();
        long rows = first.rows;
        // a column keeps the reference value of the first part where it is present; later parts'
        // means move onto it by their offsets
        double[] seen = new double[n];
        for (int a = 0; a < n; a++) {
            seen[a] = first.comomentAndCount[a * n + a];
        }
        List<PairwiseMoments> rest = parts.subList(1, parts.size());
        double[][] offsets = new double[rest.size()][n];
        for (int k = 0; k < rest.size(); k++) {
            PairwiseMoments b = rest.get(k);
            for (int a = 0; a < n; a++) {
                if (seen[a] == 0) {
                    shift[a] = b.shift[a];
                }
                offsets[k][a] = b.shift[a] - shift[a];
                seen[a] += b.comomentAndCount[a * n + a];
            }
            rows += b.rows;
        }
        // one pass over the output, tile by tile, merging every part while the tile is in cache
        forEachTileRow(n, ta -> {
            for (int tb = ta; tb < n; tb += TILE) {
                for (int k = 0; k < rest.size(); k++) {
                    mergeTile(n, ta, tb, cn, mean, m2, shift, offsets[k], rest.get(k));
                }
            }
        });
        return new PairwiseMoments(first.columns, rows, cn, mean, shift, m2);
    }

    /** Runs {@code body} for each tile row {@code 0, TILE, 2*TILE, ...} below {@code n}, in parallel. */
    static void forEachTileRow(int n, java.util.function.IntConsumer body) {
        int tiles = (n + TILE - 1) / TILE;
        IntStream range = IntStream.range(0, tiles);
        (n >= 4 * TILE ? range.parallel() : range).forEach(t -> body.accept(t * TILE));
    }

    /** Merges {@code b} into the pairs {@code (x, y)} of the tile at {@code (ta, tb)} with {@code y >= x}. */
    private static void mergeTile(int n, int ta, int tb, double[] cn, double[] mean, double[] m2, double[] shift,
                                  double[] offset, PairwiseMoments b) {
        double[] bcn = b.comomentAndCount;
        double[] bmean = b.mean;
        double[] bm2 = b.m2;
        int aEnd = Math.min(n, ta + TILE);
        int bEnd = Math.min(n, tb + TILE);
        for (int x = ta; x < aEnd; x++) {
            for (int y = Math.max(tb, x); y < bEnd; y++) {
                int xy = x * n + y;
                int yx = y * n + x;
                double nb = bcn[yx];
                if (nb == 0) {
                    continue;
                }
                double na = cn[yx];
                if (na == 0) {
                    cn[yx] = nb;
                    mean[yx] = bmean[yx] + offset[x];
                    m2[yx] = bm2[yx];
                    if (x != y) {
                        cn[xy] = bcn[xy];
                        mean[xy] = bmean[xy] + offset[y];
                        m2[xy] = bm2[xy];
                    }
                    continue;
                }
                double total = na + nb;
                double w = nb / total;
                double f = na * w;
                double dx = delta(offset[x], bmean[yx], mean[yx], shift[x]);
                mean[yx] += dx * w;
                m2[yx] += bm2[yx] + dx * dx * f;
                cn[yx] = total;
                if (x != y) {
                    double dy = delta(offset[y], bmean[xy], mean[xy], shift[y]);
                    mean[xy] += dy * w;
                    m2[xy] += bm2[xy] + dy * dy * f;
                    cn[xy] += bcn[xy] + dx * dy * f;
                }
            }
        }
    }

    /**
     * The difference of two means, {@code (offset + b) - a} with {@code b} relative to the other
     * side's reference and {@code a} to {@code shift}; 0 when it is a few ulps of the means
     * themselves (rounding): two partitions in which a column is constant then merge to an exactly
     * zero variance, as pandas computes it.
     */
    private static double delta(double offset, double b, double a, double shift) {
        double d = offset + (b - a);
        return Math.abs(d) <= 0x1p-50 * (Math.abs(shift) + Math.abs(a)) ? 0 : d;
    }

    /**
     * Pairwise-complete Pearson correlation, like pandas' {@code df.corr(min_periods=minPeriods)}:
     * NaN where a pair has fewer than {@code minPeriods} common rows or where either column is
     * constant over them (including pairs with a single common row); 1 on the diagonal of every
     * column that varies.
     *
     * @param minPeriods the least number of common rows for a result (pandas' default is 1)
     * @return a square frame: an index of the column names (a string column) and one f64 column per name
     */
    public Frame correlation(int minPeriods) {
        int n = columns.size();
        double[][] out = new double[n][n];
        double[] cn = comomentAndCount;
        forEachTileRow(n, ta -> {
            int aEnd = Math.min(n, ta + TILE);
            for (int tb = ta; tb < n; tb += TILE) {
                int bEnd = Math.min(n, tb + TILE);
                for (int x = ta; x < aEnd; x++) {
                    for (int y = Math.max(tb, x); y < bEnd; y++) {
                        double count = cn[y * n + x];
                        double r;
                        if (count < minPeriods) {
                            r = Double.NaN;
                        } else if (x == y) {
                            r = m2[x * n + x] != 0 ? 1.0 : Double.NaN;
                        } else {
                            double divisor = Math.sqrt(m2[y * n + x] * m2[x * n + y]);
                            r = divisor != 0 ? cn[x * n + y] / divisor : Double.NaN;
                        }
                        out[x][y] = r;
                        out[y][x] = r;
                    }
                }
            }
        });
        return square(out);
    }

    /**
     * Pairwise-complete covariance, like pandas' {@code df.cov(min_periods=minPeriods, ddof=ddof)}.
     * As in pandas 1.5, {@code ddof} is honoured only when no value of any column is missing (then
     * every entry divides by {@code rows - ddof}, and all are NaN when {@code minPeriods > rows});
     * otherwise each pair divides by its common row count minus one, and is NaN below
     * {@code minPeriods} common rows or with a single one.
     *
     * @return a square frame like {@link #correlation(int)}'s
     */
    public Frame covariance(int minPeriods, int ddof) {
        int n = columns.size();
        double[] cn = comomentAndCount;
        boolean complete = true;
        for (int a = 0; a < n && complete; a++) {
            complete = cn[a * n + a] == rows;
        }
        boolean allNaN = complete && (minPeriods > rows || rows == 0);
        boolean noMissing = complete;
        double[][] out = new double[n][n];
        forEachTileRow(n, ta -> {
            int aEnd = Math.min(n, ta + TILE);
            for (int tb = ta; tb < n; tb += TILE) {
                int bEnd = Math.min(n, tb + TILE);
                for (int x = ta; x < aEnd; x++) {
                    for (int y = Math.max(tb, x); y < bEnd; y++) {
                        double comoment = x == y ? m2[x * n + x] : cn[x * n + y];
                        double count = cn[y * n + x];
                        double c;
                        if (allNaN) {
                            c = Double.NaN;
                        } else if (noMissing) {
                            c = comoment / Math.max(0, count - ddof);
                        } else if (count < minPeriods || count - 1 == 0) {
                            c = Double.NaN;
                        } else {
                            c = comoment / (count - 1);
                        }
                        out[x][y] = c;
                        out[y][x] = c;
                    }
                }
            }
        });
        return square(out);
    }

    private Frame square(double[][] cols) {
        Frame.Builder b = Frame.builder().index(null, Column.ofStrings(columns.toArray(String[]::new)));
        for (int j = 0; j < cols.length; j++) {
            b.column(columns.get(j), new Column(DType.F64, cols[j].length, cols[j], null, null));
        }
        return b.build();
    }

    static List<String> checkColumns(List<String> columns) {
        HashSet<String> seen = new HashSet<>();
        for (String c : columns) {
            if (!seen.add(Objects.requireNonNull(c, "column name"))) {
                throw new IllegalArgumentException("column '" + c + "' is listed twice");
            }
        }
        return columns;
    }
}
