package io.jdask.dataframe;

import java.util.Arrays;

/**
 * Average ranks, as pandas' {@code rank(method="average")}: the present values ranked 1, 2, ...
 * in ascending order, tied values sharing the mean of their positions, NaN staying NaN. Infinities
 * are values ({@code -inf} first, {@code inf} last) and {@code -0.0} equals {@code 0.0}.
 */
final class Ranks {
    private Ranks() {}

    /**
     * @param values the values, NaN where missing (not written)
     * @return the rank of every value, NaN where it is NaN
     */
    static double[] average(double[] values) {
        int n = values.length;
        double[] sorted = new double[n];
        int m = 0;
        for (double x : values) {
            if (!Double.isNaN(x)) {
                sorted[m++] = x + 0.0; // -0.0 becomes 0.0
            }
        }
        Arrays.sort(sorted, 0, m);
        // the rank of the run of equal values starting at each sorted position
        double[] runRank = new double[m];
        for (int a = 0; a < m;) {
            int b = a + 1;
            while (b < m && sorted[b] == sorted[a]) {
                b++;
            }
            double r = (a + 1 + b) / 2.0; // the mean of positions a+1 .. b
            for (int j = a; j < b; j++) {
                runRank[j] = r;
            }
            a = b;
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double x = values[i];
            out[i] = Double.isNaN(x) ? Double.NaN : runRank[lowerBound(sorted, m, x + 0.0)];
        }
        return out;
    }

    private static int lowerBound(double[] a, int m, double x) {
        int lo = 0;
        int hi = m;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
