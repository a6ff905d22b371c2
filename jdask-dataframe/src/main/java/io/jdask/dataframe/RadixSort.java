package io.jdask.dataframe;

/**
 * A stable least-significant-digit radix sort of row numbers by {@code long} keys, 11 bits per
 * pass and only over the bits in which the keys differ (keys are offset by their minimum first),
 * so small-range keys such as string ranks, dates or booleans take one or two passes.
 */
final class RadixSort {
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;

    private RadixSort() {}

    /**
     * Reorders {@code rows} and {@code keys} together (key {@code i} belongs to row {@code i}) so that
     * the keys are non-decreasing in signed order, keeping the order of equal keys.
     */
    static void sort(int[] rows, long[] keys) {
        int n = rows.length;
        if (n < 2) {
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long k : keys) {
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        int bits = 64 - Long.numberOfLeadingZeros(max - min); // max - min read as unsigned
        if (bits == 0) {
            return;
        }
        int[] r = rows;
        long[] k = keys;
        int[] r2 = new int[n];
        long[] k2 = new long[n];
        int[] count = new int[RADIX + 1];
        for (int shift = 0; shift < bits; shift += BITS) {
            java.util.Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) (((k[i] - min) >>> shift) & (RADIX - 1)) + 1]++;
            }
            for (int d = 0; d < RADIX; d++) {
                count[d + 1] += count[d];
            }
            for (int i = 0; i < n; i++) {
                int at = count[(int) (((k[i] - min) >>> shift) & (RADIX - 1))]++;
                r2[at] = r[i];
                k2[at] = k[i];
            }
            int[] tr = r;
            r = r2;
            r2 = tr;
            long[] tk = k;
            k = k2;
            k2 = tk;
        }
        if (r != rows) {
            System.arraycopy(r, 0, rows, 0, n);
            System.arraycopy(k, 0, keys, 0, n);
        }
    }
}
