package io.jdask.dataframe;

import java.util.Arrays;
import java.util.List;

/** Describe's reduction: the sorted present values of each partition, merged, then summarised. */
record Describe(String name) implements Reduction<double[]> {
    static final String[] STATS = {"count", "mean", "std", "min", "25%", "50%", "75%", "max"};

    @Override
    public double[] partition(Frame part) {
        double[] x = Kernels.doubles(part.column(0));
        double[] v = new double[x.length];
        int n = 0;
        for (double d : x) {
            if (!Double.isNaN(d)) {
                v[n++] = d;
            }
        }
        v = Arrays.copyOf(v, n);
        Arrays.sort(v);
        return v;
    }

    @Override
    public double[] combine(List<double[]> partials) {
        double[] acc = partials.get(0);
        for (int p = 1; p < partials.size(); p++) {
            double[] b = partials.get(p);
            double[] m = new double[acc.length + b.length];
            int i = 0;
            int j = 0;
            int k = 0;
            while (i < acc.length && j < b.length) {
                m[k++] = acc[i] <= b[j] ? acc[i++] : b[j++];
            }
            while (i < acc.length) {
                m[k++] = acc[i++];
            }
            while (j < b.length) {
                m[k++] = b[j++];
            }
            acc = m;
        }
        return acc;
    }

    @Override
    public Object finish(double[] v) {
        int n = v.length;
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        double mean = n == 0 ? Double.NaN : sum / n;
        double m2 = 0;
        for (double d : v) {
            m2 += (d - mean) * (d - mean);
        }
        double[] out = {n, mean, n < 2 ? Double.NaN : Math.sqrt(m2 / (n - 1)), n == 0 ? Double.NaN : v[0],
            quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75), n == 0 ? Double.NaN : v[n - 1]};
        return Frame.builder().index(null, Column.ofStrings(STATS)).column(name, Column.ofDoubles(out)).build();
    }

    /** Linear interpolation between the two nearest ranks, as pandas' default. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
