package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sorts {@link Frame}s by key columns or by the index, and picks the divisions of a sort-based
 * shuffle (setIndex, sortValues) from samples.
 *
 * <p>Sorts are stable (rows with equal keys keep their order, like pandas' {@code kind="stable"})
 * and compare primitives: numbers by value ({@code -0.0} equal to {@code 0.0}), strings by
 * {@link String#compareTo} (UTF-16 order, which is code-point order except for characters beyond
 * the Basic Multilingual Plane), categories by their position in the category list, booleans
 * {@code false} first. Missing values (NaN included) go first or last whatever the direction.
 */
public final class Sorting {
    private Sorting() {}

    /**
     * @param frame the frame
     * @param keys the key columns, most significant first
     * @param ascending the direction of each key (same length as {@code keys})
     * @param nullsLast whether missing values sort after (true) or before every value
     * @return the row order: {@code frame.take(result)} is the sorted frame
     */
    public static int[] argsort(Frame frame, List<String> keys, boolean[] ascending, boolean nullsLast) {
        if (ascending.length != keys.size()) {
            throw new IllegalArgumentException(keys.size() + " sort keys but " + ascending.length + " directions");
        }
        return argsort(Partitioning.keyColumns(frame, keys), ascending, nullsLast, frame.numRows());
    }

    /** @return the frame sorted by the keys; see {@link #argsort} */
    public static Frame sort(Frame frame, List<String> keys, boolean[] ascending, boolean nullsLast) {
        return frame.take(argsort(frame, keys, ascending, nullsLast));
    }

    /** @return the frame sorted ascending by the keys, missing values last */
    public static Frame sort(Frame frame, String... keys) {
        boolean[] asc = new boolean[keys.length];
        Arrays.fill(asc, true);
        return sort(frame, List.of(keys), asc, true);
    }

    /** @return the frame sorted by its index (an error when it has none) */
    public static Frame sortByIndex(Frame frame, boolean ascending, boolean nullsLast) {
        Column idx = Partitioning.requireIndex(frame);
        if (ascending && frame.isSorted()) {
            return frame;
        }
        return frame.take(argsort(List.of(idx), new boolean[] {ascending}, nullsLast, frame.numRows()));
    }

    /**
     * Sorts by the least significant key first, each key by a stable radix sort of its order keys
     * (complemented when descending) followed by a stable partition of its missing rows, so the
     * result is the stable lexicographic order.
     */
    static int[] argsort(List<Column> keys, boolean[] ascending, boolean nullsLast, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) rows[i] = i;
        long[] k = new long[n];
        int[] spare = new int[n];
        for (int c = keys.size() - 1; c >= 0; c--) {
            OrderKeys o = OrderKeys.of(keys.get(c));
            long[] v = o.values;
            boolean asc = ascending[c];
            for (int i = 0; i < n; i++) {
                k[i] = asc ? v[rows[i]] : ~v[rows[i]]; // missing rows hold 0 and are moved out below
            }
            RadixSort.sort(rows, k);
            if (o.missing != null) {
                int a = 0;
                int b = 0;
                for (int r : rows) {
                    if (o.isMissing(r) != nullsLast) {
                        rows[a++] = r;
                    } else {
                        spare[b++] = r;
                    }
                }
                System.arraycopy(spare, 0, rows, a, b);
            }
        }
        return rows;
    }

    /**
     * Summarises one partition's key for {@link #sampleQuantiles(List, long[], int)} without
     * randomness: {@code size} evenly spaced order statistics of its present values, the smallest
     * and the largest included (all present values, sorted, when there are at most {@code size}).
     * Pass the partition's number of present values as its {@code partitionRows}.
     *
     * @param key the partition's key column
     * @param size the summary size, at least 2 (Dask uses about 100 per partition and more when
     *     there are many output partitions)
     * @return the summary, sorted, of the key's type
     */
    public static Column quantileSummary(Column key, int size) {
        if (size < 2) {
            throw new IllegalArgumentException("a quantile summary needs at least 2 values, got " + size);
        }
        int[] order = argsort(List.of(key), new boolean[] {true}, true, key.length());
        int m = key.length() - key.nullCount();
        if (m <= size) {
            return key.take(Arrays.copyOf(order, m));
        }
        int[] rows = new int[size];
        for (int i = 0; i < size; i++) {
            rows[i] = order[(int) ((long) i * (m - 1) / (size - 1))];
        }
        return key.take(rows);
    }

    /**
     * Picks divisions for splitting data into {@code nparts} sorted ranges from samples of a key
     * column, each sample standing for its partition equally. See {@link #sampleQuantiles(List, long[], int)}.
     */
    public static Column sampleQuantiles(List<Frame> samples, String key, int nparts) {
        List<Column> cols = new ArrayList<>();
        long[] rows = new long[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            cols.add(samples.get(i).column(key));
            rows[i] = samples.get(i).numRows();
        }
        return sampleQuantiles(cols, rows, nparts);
    }

    /**
     * Picks divisions for a sort-based shuffle from samples of a key: the approximate
     * {@code 0, 1/nparts, ..., 1} quantiles of the data, where each row of sample {@code i} weighs
     * {@code partitionRows[i] / sample size}. The values are strictly increasing, the first is the
     * smallest sampled value and the last the largest, and each is a sampled value. When a value is
     * heavy (skew) and several quantiles fall on it, it takes one division and the following ones
     * move on to the next distinct values, so no range is empty by construction; with fewer than
     * {@code nparts + 1} distinct values every distinct value is a division (fewer ranges). A
     * single distinct value {@code v} gives {@code [v, v]}. Missing values are ignored.
     *
     * @param samples one sample of the key per partition (all of one type; STRING dictionaries may differ)
     * @param partitionRows how many rows each sampled partition has
     * @param nparts the number of ranges wanted, at least 1
     * @return up to {@code nparts + 1} division values, empty when there is no sampled value
     */
    public static Column sampleQuantiles(List<Column> samples, long[] partitionRows, int nparts) {
        if (nparts < 1) {
            throw new IllegalArgumentException("nparts must be >= 1, got " + nparts);
        }
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        if (partitionRows.length != samples.size()) {
            throw new IllegalArgumentException(samples.size() + " samples but " + partitionRows.length + " partition sizes");
        }
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).dtype() != samples.get(0).dtype()) {
                throw new IllegalArgumentException("sample " + i + " is " + samples.get(i).dtype().label() + " but sample 0 is "
                        + samples.get(0).dtype().label());
            }
        }
        Column all = Columns.concat(samples);
        int n = all.length();
        double[] weight = new double[n];
        int at = 0;
        for (int i = 0; i < samples.size(); i++) {
            int s = samples.get(i).length();
            Arrays.fill(weight, at, at + s, s == 0 ? 0 : (double) partitionRows[i] / s);
            at += s;
        }
        int[] order = argsort(List.of(all), new boolean[] {true}, true, n);
        OrderKeys ok = OrderKeys.of(all);
        // distinct present values in order, with their total weights
        int[] distinct = new int[n];
        double[] w = new double[n];
        int d = 0;
        for (int i : order) {
            if (ok.isMissing(i)) {
                break;
            }
            if (d == 0 || ok.values[distinct[d - 1]] != ok.values[i]) {
                distinct[d++] = i;
            }
            w[d - 1] += weight[i];
        }
        if (d == 0) {
            return all.take(new int[0]);
        }
        if (d == 1) {
            return all.take(new int[] {distinct[0], distinct[0]});
        }
        if (d <= nparts + 1) {
            return all.take(Arrays.copyOf(distinct, d));
        }
        double total = 0;
        for (int j = 0; j < d; j++) total += w[j];
        int[] pick = new int[nparts + 1];
        pick[nparts] = d - 1;
        double before = 0; // weight of the distinct values before j
        int j = 0;
        for (int i = 1; i < nparts; i++) {
            double target = total * i / nparts;
            while (j < d && before < target) {
                before += w[j];
                j++;
            }
            int chosen = Math.max(Math.min(j, d - 1), pick[i - 1] + 1);
            chosen = Math.min(chosen, d - 1 - (nparts - i));
            while (j < chosen) {
                before += w[j];
                j++;
            }
            pick[i] = chosen;
        }
        int[] rows = new int[nparts + 1];
        for (int i = 0; i <= nparts; i++) rows[i] = distinct[pick[i]];
        return all.take(rows);
    }
}
