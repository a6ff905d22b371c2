package io.jdask.dataframe;

import java.util.Arrays;

/**
 * The Spearman coefficients that are not a Pearson correlation of the global ranks: pairs of
 * columns whose present rows differ, which pandas re-ranks on their common rows, and pairs with a
 * column that holds infinities. pandas 1.5 ({@code nancorr_spearman}) ranks each column over its
 * non-NaN values (infinities included), then for each pair takes the rows where both values are
 * finite; when the two columns are finite on different rows it re-ranks both over those rows, and
 * it always centres the ranks at {@code (nobs + 1) / 2}. This class does the same, pair by pair in
 * O(rows) (each column's rows are sorted by rank once per group, not once per pair); ranks are
 * multiples of one half, so its sums are exact below about 10^5 rows and equal pandas' to the bit.
 */
final class SpearmanPairs {
    private SpearmanPairs() {}

    /** Ranked columns of one group, with their presence bitmaps and (on demand) their rank orders. */
    static final class Group {
        final double[][] ranks;
        final boolean[] gapped;
        final int rows;
        final long[][] present;
        final int[] count;
        final long[] maskHash;
        private final long[][] order;

        /**
         * @param ranks per column, the global rank of every row, NaN where the value is not finite
         * @param gapped per column, whether it held infinities (so its finite ranks have gaps)
         */
        Group(double[][] ranks, boolean[] gapped) {
            this.ranks = ranks;
            this.gapped = gapped;
            this.rows = ranks.length == 0 ? 0 : ranks[0].length;
            int k = ranks.length;
            this.present = new long[k][];
            this.count = new int[k];
            this.maskHash = new long[k];
            this.order = new long[k][];
            for (int c = 0; c < k; c++) {
                long[] w = new long[Bits.words(rows)];
                double[] r = ranks[c];
                for (int i = 0; i < rows; i++) {
                    if (!Double.isNaN(r[i])) {
                        Bits.set(w, i);
                    }
                }
                present[c] = w;
                count[c] = Bits.count(w, rows);
                maskHash[c] = Arrays.hashCode(w);
            }
        }

        int size() {
            return ranks.length;
        }

        /** The present rows of column {@code c} sorted by rank: {@code (2 x rank) << 32 | row}. */
        long[] order(int c) {
            if (order[c] == null) {
                double[] r = ranks[c];
                long[] keys = new long[count[c]];
                int m = 0;
                for (int i = 0; i < rows; i++) {
                    if (!Double.isNaN(r[i])) {
                        keys[m++] = ((long) (r[i] * 2)) << 32 | i;
                    }
                }
                Arrays.sort(keys);
                order[c] = keys;
            }
            return order[c];
        }
    }

    /**
     * The coefficients of the pairs of a block that need re-ranking or pandas' fixed centring.
     *
     * @param a the row group, whose first column is column {@code aFrom} of the result
     * @param b the column group, whose first column is column {@code bFrom}
     * @param minPeriods the least number of common rows for a value
     * @return the block, with only those pairs set ({@code j >= i} when the groups are the same)
     */
    static PairBlock block(Group a, int aFrom, Group b, int bFrom, int minPeriods) {
        boolean same = a == b;
        int rows = a.size();
        int cols = b.size();
        double[] values = new double[rows * cols];
        long[] set = new long[Bits.words(rows * cols)];
        Scratch s = null;
        for (int i = 0; i < rows; i++) {
            for (int j = same ? i : 0; j < cols; j++) {
                boolean equalMasks = a.count[i] == b.count[j] && a.maskHash[i] == b.maskHash[j]
                        && Arrays.equals(a.present[i], b.present[j]);
                if (equalMasks && !a.gapped[i] && !b.gapped[j]) {
                    continue; // the Pearson correlation of the global ranks is pandas' value
                }
                if (s == null) {
                    s = new Scratch(a.rows);
                }
                values[i * cols + j] = pair(a, i, b, j, minPeriods, s);
                Bits.set(set, i * cols + j);
            }
        }
        return new PairBlock(aFrom, bFrom, rows, cols, values, set);
    }

    private static final class Scratch {
        final long[] common;
        final double[] x;
        final double[] y;

        Scratch(int rows) {
            common = new long[Bits.words(rows)];
            x = new double[rows];
            y = new double[rows];
        }
    }

    private static double pair(Group a, int i, Group b, int j, int minPeriods, Scratch s) {
        long[] px = a.present[i];
        long[] py = b.present[j];
        long[] common = s.common;
        int nobs = 0;
        boolean xOutside = false;
        boolean yOutside = false;
        for (int k = 0; k < px.length; k++) {
            common[k] = px[k] & py[k];
            nobs += Long.bitCount(common[k]);
            xOutside |= (px[k] & ~py[k]) != 0;
            yOutside |= (py[k] & ~px[k]) != 0;
        }
        if (nobs < minPeriods) {
            return Double.NaN;
        }
        double[] rx = a.ranks[i];
        double[] ry = b.ranks[j];
        if (xOutside || yOutside) {
            // pandas re-ranks both over the common rows; a side present on exactly those rows
            // and without infinities keeps its ranks, so it is left as it is
            if (xOutside || a.gapped[i]) {
                rerank(a.order(i), common, s.x);
                rx = s.x;
            }
            if (yOutside || b.gapped[j]) {
                rerank(b.order(j), common, s.y);
                ry = s.y;
            }
        }
        double mean = (nobs + 1) / 2.0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int k = 0; k < common.length; k++) {
            long w = common[k];
            while (w != 0) {
                int r = (k << 6) + Long.numberOfTrailingZeros(w);
                w &= w - 1;
                double dx = rx[r] - mean;
                double dy = ry[r] - mean;
                sxy += dx * dy;
                sxx += dx * dx;
                syy += dy * dy;
            }
        }
        double divisor = Math.sqrt(sxx * syy);
        return divisor != 0 ? sxy / divisor : Double.NaN;
    }

    /** Average ranks among the rows in {@code common}, walking the column's rows in rank order. */
    private static void rerank(long[] order, long[] common, double[] out) {
        double base = 0;
        for (int p = 0; p < order.length;) {
            long tie = order[p] >>> 32;
            int q = p;
            int inCommon = 0;
            while (q < order.length && order[q] >>> 32 == tie) {
                if (Bits.get(common, (int) order[q])) {
                    inCommon++;
                }
                q++;
            }
            if (inCommon > 0) {
                double rank = base + (inCommon + 1) / 2.0;
                for (int t = p; t < q; t++) {
                    int row = (int) order[t];
                    if (Bits.get(common, row)) {
                        out[row] = rank;
                    }
                }
                base += inCommon;
            }
            p = q;
        }
    }

    /**
     * Coefficients of the pairs {@code (rowFrom + i, colFrom + j)} whose bit {@code i * cols + j}
     * is set; the others come from the Pearson correlation of the ranks.
     */
    record PairBlock(int rowFrom, int colFrom, int rows, int cols, double[] values, long[] set) {
        /** Writes the set coefficients, and their mirror images, that fall in rows {@code [from, to)} of {@code out[column][row - from]}. */
        void writeInto(double[][] out, int from, int to) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    int bit = i * cols + j;
                    if (!Bits.get(set, bit)) {
                        continue;
                    }
                    int r = rowFrom + i;
                    int c = colFrom + j;
                    if (r >= from && r < to) {
                        out[c][r - from] = values[bit];
                    }
                    if (c >= from && c < to) {
                        out[r][c - from] = values[bit];
                    }
                }
            }
        }
    }
}
