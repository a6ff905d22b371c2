package io.jdask.dataframe;

import io.jdask.array.Blas;
import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link PairwiseMoments} of one partition with BLAS.
 *
 * <p>Every column is shifted by a reference value (its mean over the partition, or its value when
 * it is constant, so a constant column is exactly zero) into {@code Y}, with 0 where the value is
 * missing. With {@code M} the 0/1 presence mask, the pairwise raw sums are then
 * <ul>
 *   <li>cross products {@code Y^T Y}: one symmetric rank-k update (dsyrk), masks included for free;
 *   <li>for each column {@code b}, the sums of {@code y_a}, {@code y_a^2} and of {@code m_a} over
 *       the rows where {@code b} is present: row {@code b} of {@code Y^T M}, {@code (Y∘Y)^T M} and
 *       {@code M^T M}.
 * </ul>
 * The second kind depends on {@code b} only through its present rows. A column present on every
 * row from some row to the end (no gap, or a leading gap: a stock listed late) gets its row as the
 * suffix sums of every column at its first row, one vector; only the other columns (scattered or
 * trailing gaps) go through masked matrix products ({@code [Y | Y∘Y]^T M_b} in dgemm and the pair
 * counts {@code M^T M_b} in sgemm, exact for counts below 2^24, in blocks of columns). Columns absent from the partition drop out of every product. Finally each pair's
 * raw sums become a mean, a sum of squared deviations and a co-moment.
 */
final class MomentsKernel {
    /** Columns whose masks go through one dgemm call. */
    private static final int GEMM_BLOCK = 256;

    private MomentsKernel() {}

    static boolean supported(DType t) {
        return t.isNumeric() || t == DType.BOOL;
    }

    static PairwiseMoments compute(Frame frame, List<String> names) {
        PairwiseMoments.checkColumns(names);
        int width = names.size();
        if ((long) width * width > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(width + " columns are too many for pairwise statistics held in one "
                    + "array (at most 46,340)");
        }
        int rows = frame.numRows();
        Column[] source = new Column[width];
        for (int g = 0; g < width; g++) {
            source[g] = frame.column(names.get(g));
            if (!supported(source[g].dtype())) {
                throw new IllegalArgumentException("column '" + names.get(g) + "' is " + source[g].dtype().label()
                        + "; correlation and covariance need f64, f32, f16, i64, i32 or bool columns");
            }
        }
        double[] cn = new double[width * width];
        double[] mean = new double[width * width];
        double[] m2 = new double[width * width];
        Partition part = Partition.scan(source, rows);
        double[] shift = part.shiftByGlobal(width);
        if (part.present() > 0 && rows > 0) {
            part.crossProducts(cn, width);
            part.suffixSums(mean, m2, cn, width);
            part.maskedSums(mean, m2, cn, width);
            centre(part, mean, m2, cn, width);
        }
        return new PairwiseMoments(names, rows, cn, mean, shift, m2);
    }

    /**
     * Turns the raw shifted sums into means (relative to the shift), sums of squared deviations and
     * co-moments, pair by pair.
     */
    private static void centre(Partition part, double[] mean, double[] m2, double[] cn, int n) {
        double[] present = part.countByGlobal(n);
        PairwiseMoments.forEachTileRow(n, ta -> {
            int aEnd = Math.min(n, ta + PairwiseMoments.TILE);
            for (int tb = ta; tb < n; tb += PairwiseMoments.TILE) {
                int bEnd = Math.min(n, tb + PairwiseMoments.TILE);
                for (int x = ta; x < aEnd; x++) {
                    if (present[x] == 0) {
                        continue;
                    }
                    for (int y = Math.max(tb, x); y < bEnd; y++) {
                        if (present[y] == 0) {
                            continue;
                        }
                        int xy = x * n + y;
                        int yx = y * n + x;
                        if (x == y) {
                            double count = present[x];
                            double s = mean[xy];
                            m2[xy] = deviations(m2[xy], s, count);
                            mean[xy] = s / count;
                            cn[xy] = count;
                            continue;
                        }
                        double count = cn[yx];
                        if (count == 0) {
                            mean[yx] = mean[xy] = m2[yx] = m2[xy] = cn[xy] = 0;
                            continue;
                        }
                        double sx = mean[yx];
                        double sy = mean[xy];
                        double vx = deviations(m2[yx], sx, count);
                        double vy = deviations(m2[xy], sy, count);
                        mean[yx] = sx / count;
                        mean[xy] = sy / count;
                        m2[yx] = vx;
                        m2[xy] = vy;
                        cn[xy] = vx == 0 || vy == 0 ? 0 : cn[xy] - sx * sy / count;
                    }
                }
            }
        });
    }

    /**
     * {@code q - s^2 / count}: the sum of squared deviations from sums of shifted values and squares.
     * A result within rounding noise of zero ({@code count} ulps of {@code q}) means the column is
     * constant over those rows, and is returned as exactly 0, as pandas' one-pass update gives.
     */
    private static double deviations(double q, double s, double count) {
        double v = q - s * s / count;
        return v <= count * 0x1p-52 * q ? 0 : v;
    }

    /** One partition's present columns, shifted into a column-major matrix. */
    private static final class Partition {
        final int rows;
        final int p;
        /** global column position of each local (present) column */
        final int[] global;
        final double[] shift;
        final double[] count;
        /** presence bitmaps, one per local column */
        final long[][] bits;
        /** the first row of a column present on every row from there to the end, else -1 */
        final int[] start;
        /** {@code [Y | Y∘Y]} column-major ({@code rows x 2p}), or only {@code Y} when no column needs a masked product */
        final double[] stacked;

        private Partition(int rows, int p, int[] global, double[] shift, double[] count, long[][] bits,
                          int[] start, double[] stacked) {
            this.rows = rows;
            this.p = p;
            this.global = global;
            this.shift = shift;
            this.count = count;
            this.bits = bits;
            this.start = start;
            this.stacked = stacked;
        }

        int present() {
            return p;
        }

        /** One column's presence, reference value and shape. */
        private record Scanned(double[] values, long[] bits, int present, double shift, int start) {}

        private static Scanned scanColumn(Column column, int rows) {
            double[] v = ColumnValues.doubles(column);
            long[] w = new long[Bits.words(rows)];
            int present = 0;
            int lastGap = -1;
            double first = Double.NaN;
            double sumDiff = 0;
            boolean constant = true;
            for (int i = 0; i < rows; i++) {
                double x = v[i];
                if (Double.isFinite(x)) {
                    w[i >>> 6] |= 1L << i;
                    if (present++ == 0) {
                        first = x;
                    }
                    sumDiff += x - first;
                    constant &= x == first;
                } else {
                    lastGap = i;
                }
            }
            double shift = constant ? first : first + sumDiff / Math.max(1, present);
            // present exactly on [lastGap + 1, rows): a suffix (no gap, or a leading gap)
            int start = present == rows - 1 - lastGap ? lastGap + 1 : -1;
            return new Scanned(v, w, present, shift, start);
        }

        static Partition scan(Column[] source, int rows) {
            int width = source.length;
            Scanned[] scanned = parallel(width).mapToObj(g -> scanColumn(source[g], rows)).toArray(Scanned[]::new);
            int[] global = new int[width];
            double[] shift = new double[width];
            double[] count = new double[width];
            long[][] bits = new long[width][];
            int[] start = new int[width];
            double[][] values = new double[width][];
            int p = 0;
            boolean anyMasked = false;
            for (int g = 0; g < width; g++) {
                Scanned sc = scanned[g];
                scanned[g] = null;
                if (sc.present() == 0) {
                    continue;
                }
                global[p] = g;
                shift[p] = sc.shift();
                count[p] = sc.present();
                bits[p] = sc.bits();
                start[p] = sc.start();
                anyMasked |= sc.start() < 0;
                values[p] = sc.values();
                p++;
            }
            int planes = anyMasked ? 2 : 1;
            double[] stacked = new double[(long) rows * p * planes > Integer.MAX_VALUE - 16
                    ? failTooLarge(rows, p) : rows * p * planes];
            int present = p;
            parallel(p).forEach(l -> {
                double[] v = values[l];
                double c = shift[l];
                long[] w = bits[l];
                int off = l * rows;
                for (int i = 0; i < rows; i++) {
                    stacked[off + i] = (w[i >>> 6] & (1L << i)) != 0 ? v[i] - c : 0;
                }
                if (planes == 2) {
                    int sq = (present + l) * rows;
                    for (int i = 0; i < rows; i++) {
                        double y = stacked[off + i];
                        stacked[sq + i] = y * y;
                    }
                }
                values[l] = null;
            });
            return new Partition(rows, p, Arrays.copyOf(global, p), shift, count, bits, start, stacked);
        }

        /** A range to run in parallel when it is long enough to be worth splitting. */
        private static java.util.stream.IntStream parallel(int n) {
            java.util.stream.IntStream r = java.util.stream.IntStream.range(0, n);
            return n >= 64 ? r.parallel() : r;
        }

        private static int failTooLarge(int rows, int p) {
            throw new IllegalArgumentException("a partition of " + rows + " rows x " + p
                    + " columns is too large for one correlation block; split it into smaller partitions");
        }

        double[] shiftByGlobal(int width) {
            double[] s = new double[width];
            for (int l = 0; l < p; l++) {
                s[global[l]] = shift[l];
            }
            return s;
        }

        double[] countByGlobal(int width) {
            double[] s = new double[width];
            for (int l = 0; l < p; l++) {
                s[global[l]] = count[l];
            }
            return s;
        }

        /** Upper triangle (row-major) of {@code cn} gets {@code Y^T Y}. */
        void crossProducts(double[] cn, int width) {
            if (p == width) {
                // column-major lower triangle = row-major upper triangle
                Blas.syrkTransposed(false, p, rows, stacked, 0, rows, 0, cn, width);
                return;
            }
            double[] local = new double[p * p];
            Blas.syrkTransposed(false, p, rows, stacked, 0, rows, 0, local, p);
            for (int a = 0; a < p; a++) {
                int ga = global[a] * width;
                for (int b = a; b < p; b++) {
                    cn[ga + global[b]] = local[a * p + b];
                }
            }
        }

        /**
         * Rows of the raw sums for the columns present on a suffix of the rows (no gap or a leading
         * gap): the suffix sums of every column at that column's first row. Suffix sums are plain
         * sums of the rows concerned (no differences), so they are as exact as a masked product.
         * They are written straight into the row of the last column starting at each boundary row;
         * other columns starting there copy it.
         */
        void suffixSums(double[] mean, double[] m2, double[] cn, int width) {
            int[] owner = new int[rows];
            Arrays.fill(owner, -1);
            for (int l = 0; l < p; l++) {
                if (start[l] >= 0) {
                    owner[start[l]] = l;
                }
            }
            int nb = 0;
            for (int i = 0; i < rows; i++) {
                nb += owner[i] >= 0 ? 1 : 0;
            }
            if (nb == 0) {
                return;
            }
            int[] at = new int[nb];
            for (int i = 0, k = 0; i < rows; i++) {
                if (owner[i] >= 0) {
                    at[k++] = i;
                }
            }
            boolean identity = p == width;
            // blocks of columns keep each boundary's writes contiguous; blocks write disjoint entries
            int blockWidth = 64;
            int nBlocks = (p + blockWidth - 1) / blockWidth;
            java.util.stream.IntStream blocks = java.util.stream.IntStream.range(0, nBlocks);
            (nBlocks > 1 ? blocks.parallel() : blocks).forEach(blockIndex -> {
                int from = blockIndex * blockWidth;
                int bw = Math.min(blockWidth, p - from);
                double[] s = new double[bw];
                double[] q = new double[bw];
                double[] c = new double[bw];
                int end = rows;
                for (int k = at.length - 1; k >= 0; k--) {
                    int begin = at[k];
                    for (int t = 0; t < bw; t++) {
                        int l = from + t;
                        int off = l * rows;
                        double ss = s[t];
                        double qq = q[t];
                        for (int i = begin; i < end; i++) {
                            double y = stacked[off + i];
                            ss += y;
                            qq += y * y;
                        }
                        s[t] = ss;
                        q[t] = qq;
                        c[t] += countBits(bits[l], begin, end);
                    }
                    end = begin;
                    int o = owner[begin];
                    int row = global[o] * width;
                    // counts only below the diagonal: the row's entries from o on hold co-moments
                    int counted = Math.max(0, Math.min(bw, o - from));
                    if (identity) {
                        System.arraycopy(s, 0, mean, row + from, bw);
                        System.arraycopy(q, 0, m2, row + from, bw);
                        System.arraycopy(c, 0, cn, row + from, counted);
                    } else {
                        for (int t = 0; t < bw; t++) {
                            int g = row + global[from + t];
                            mean[g] = s[t];
                            m2[g] = q[t];
                            if (t < counted) {
                                cn[g] = c[t];
                            }
                        }
                    }
                }
            });
            // columns starting on the same row as their owner copy its row (rows are disjoint: in parallel)
            parallel(p).forEach(l -> {
                int o = start[l] >= 0 ? owner[start[l]] : l;
                if (o == l) {
                    return;
                }
                // o > l: the owner's row has the counts of every column before l too
                int to = global[l] * width;
                int fromRow = global[o] * width;
                if (identity) {
                    System.arraycopy(mean, fromRow, mean, to, p);
                    System.arraycopy(m2, fromRow, m2, to, p);
                    System.arraycopy(cn, fromRow, cn, to, l);
                    return;
                }
                for (int i = 0; i < p; i++) {
                    int gi = global[i];
                    mean[to + gi] = mean[fromRow + gi];
                    m2[to + gi] = m2[fromRow + gi];
                    if (i < l) {
                        cn[to + gi] = cn[fromRow + gi];
                    }
                }
            });
        }

        /** @return the number of set bits in {@code [from, to)} */
        private static int countBits(long[] w, int from, int to) {
            int n = 0;
            for (int i = from; i < to; ) {
                int word = i >>> 6;
                int lo = i & 63;
                int hi = Math.min(64, lo + (to - i));
                long m = w[word] >>> lo;
                if (hi - lo < 64) {
                    m &= (1L << (hi - lo)) - 1;
                }
                n += Long.bitCount(m);
                i += hi - lo;
            }
            return n;
        }

        /** Rows of the raw sums for the other columns: {@code [Y | Y∘Y | M]^T M_b}, in column blocks. */
        void maskedSums(double[] mean, double[] m2, double[] cn, int width) {
            int[] masked = new int[p];
            int nm = 0;
            for (int l = 0; l < p; l++) {
                if (start[l] < 0) {
                    masked[nm++] = l;
                }
            }
            if (nm == 0) {
                return;
            }
            // the 0/1 mask in single precision: pair counts are sums of ones, exact in float32 below
            // 2^24 rows, and sgemm is about twice as fast as dgemm
            boolean countInFloat = rows < (1 << 24);
            float[] maskAll = countInFloat ? new float[rows * p] : null;
            double[] maskAllD = countInFloat ? null : new double[rows * p];
            parallel(p).forEach(l -> {
                for (int i = 0; i < rows; i++) {
                    boolean ok = (bits[l][i >>> 6] >>> i & 1L) != 0;
                    if (countInFloat) {
                        maskAll[l * rows + i] = ok ? 1f : 0f;
                    } else {
                        maskAllD[l * rows + i] = ok ? 1 : 0;
                    }
                }
            });
            int block = Math.min(GEMM_BLOCK, nm);
            double[] mask = new double[rows * block];
            float[] maskF = countInFloat ? new float[rows * block] : null;
            double[] sums = new double[2 * p * block];
            double[] counts = new double[p * block];
            float[] countsF = countInFloat ? new float[p * block] : null;
            double[] acc = new double[3 * p];
            for (int from = 0; from < nm; from += block) {
                int t = Math.min(block, nm - from);
                for (int s = 0; s < t; s++) {
                    long[] w = bits[masked[from + s]];
                    for (int i = 0; i < rows; i++) {
                        mask[s * rows + i] = (w[i >>> 6] >>> i & 1L) != 0 ? 1 : 0;
                    }
                    if (countInFloat) {
                        System.arraycopy(maskAll, masked[from + s] * rows, maskF, s * rows, rows);
                    }
                }
                // [Y | Y∘Y]^T M_b, then M^T M_b
                Blas.gemmTransposedA(2 * p, t, rows, stacked, 0, rows, mask, 0, rows, 0, sums, 2 * p);
                if (countInFloat) {
                    Blas.gemmTransposedA(p, t, rows, maskAll, 0, rows, maskF, 0, rows, 0f, countsF, p);
                } else {
                    Blas.gemmTransposedA(p, t, rows, maskAllD, 0, rows, mask, 0, rows, 0, counts, p);
                }
                for (int s = 0; s < t; s++) {
                    System.arraycopy(sums, s * 2 * p, acc, 0, 2 * p);
                    for (int i = 0; i < p; i++) {
                        acc[2 * p + i] = countInFloat ? countsF[s * p + i] : counts[s * p + i];
                    }
                    scatterRow(masked[from + s], acc, 0, mean, m2, cn, width);
                }
            }
        }

        /**
         * Writes local column {@code l}'s row of raw sums ({@code acc[off..]}: sums of y, of y^2, counts,
         * each {@code p} long) into the global matrices: sums into {@code mean}, squares into {@code m2},
         * counts below the diagonal of {@code cn}.
         */
        private void scatterRow(int l, double[] acc, int off, double[] mean, double[] m2, double[] cn, int width) {
            int row = global[l] * width;
            if (p == width) {
                System.arraycopy(acc, off, mean, row, p);
                System.arraycopy(acc, off + p, m2, row, p);
                System.arraycopy(acc, off + 2 * p, cn, row, l);
                return;
            }
            for (int i = 0; i < p; i++) {
                mean[row + global[i]] = acc[off + i];
                m2[row + global[i]] = acc[off + p + i];
            }
            for (int i = 0; i < l; i++) {
                cn[row + global[i]] = acc[off + 2 * p + i];
            }
        }
    }
}
