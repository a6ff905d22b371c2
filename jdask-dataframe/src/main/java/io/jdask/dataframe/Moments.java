package io.jdask.dataframe;

import java.io.Serializable;

/**
 * Count, sum and sum of squared deviations of a numeric column's present values, merged across
 * partitions with Chan's formula, so mean, var and std are stable however the data is split.
 * Integral columns also keep an exact {@code long} sum.
 */
final class Moments implements Serializable {
    private static final long serialVersionUID = 1L;

    long n;
    double sum;
    double m2;
    long isum;
    final boolean integral;

    Moments(boolean integral) {
        this.integral = integral;
    }

    static void checkNumeric(Column c, String op) {
        if (!c.dtype().isNumeric() && c.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("cannot take the " + op + " of a " + c.dtype().label() + " column");
        }
    }

    static Moments of(Column c, String op) {
        checkNumeric(c, op);
        Moments m = new Moments(Kernels.isIntegral(c.dtype()));
        int len = c.length();
        if (m.integral) {
            long[] x = Kernels.longs(c);
            for (int i = 0; i < len; i++) {
                if (!c.isNull(i)) {
                    m.n++;
                    m.isum += x[i];
                    m.sum += x[i];
                }
            }
            double mean = m.n == 0 ? 0 : m.sum / m.n;
            for (int i = 0; i < len; i++) {
                if (!c.isNull(i)) {
                    double d = x[i] - mean;
                    m.m2 += d * d;
                }
            }
        } else {
            double[] x = Kernels.doubles(c);
            for (int i = 0; i < len; i++) {
                double v = x[i];
                if (!Double.isNaN(v)) {
                    m.n++;
                    m.sum += v;
                }
            }
            double mean = m.n == 0 ? 0 : m.sum / m.n;
            for (int i = 0; i < len; i++) {
                double v = x[i];
                if (!Double.isNaN(v)) {
                    double d = v - mean;
                    m.m2 += d * d;
                }
            }
        }
        return m;
    }

    /** @return a new moments holding both */
    static Moments merge(Moments a, Moments b) {
        Moments m = new Moments(a.integral && b.integral);
        m.n = a.n + b.n;
        m.sum = a.sum + b.sum;
        m.isum = a.isum + b.isum;
        if (a.n == 0) {
            m.m2 = b.m2;
        } else if (b.n == 0) {
            m.m2 = a.m2;
        } else {
            double delta = b.sum / b.n - a.sum / a.n;
            m.m2 = a.m2 + b.m2 + delta * delta * ((double) a.n * b.n / m.n);
        }
        return m;
    }

    double mean() {
        return n == 0 ? Double.NaN : sum / n;
    }

    double var(int ddof) {
        return n - ddof <= 0 ? Double.NaN : Math.max(0, m2) / (n - ddof);
    }

    /** The value of one statistic; sums of integral columns are exact Longs. */
    Object stat(Stat s, int ddof) {
        return switch (s) {
            case SUM -> integral ? (Object) isum : (Object) sum;
            case MEAN -> mean();
            case VAR -> var(ddof);
            case STD -> Math.sqrt(var(ddof));
            case COUNT -> n;
        };
    }

    /** The statistics a {@link Moments} gives. */
    enum Stat {
        SUM, MEAN, VAR, STD, COUNT;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
