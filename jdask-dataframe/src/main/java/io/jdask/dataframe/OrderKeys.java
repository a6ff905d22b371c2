package io.jdask.dataframe;

import java.util.Arrays;

/**
 * A column's values as {@code long}s whose signed order is the column's sort order, so sorts and
 * range searches compare primitives: integers, booleans, timestamps and dates as they are; floats
 * by a monotone transform of their bits ({@code -0.0} taken as {@code 0.0}); strings by the rank of
 * their text in the sorted dictionary; categories by their position in the category list.
 * Missing rows (NaN for floats) are flagged in {@link #missing} and hold 0.
 */
final class OrderKeys {
    final long[] values;
    /** Validity-style bitmap of missing rows (bit set = missing), or null when none is missing. */
    final long[] missing;

    private OrderKeys(long[] values, long[] missing) {
        this.values = values;
        this.missing = missing;
    }

    boolean isMissing(int i) {
        return missing != null && Bits.get(missing, i);
    }

    /** @return an order-preserving long for a double (NaN not allowed; -0.0 maps like 0.0) */
    static long ofDouble(double d) {
        long bits = Double.doubleToLongBits(d == 0 ? 0.0 : d);
        return bits ^ ((bits >> 63) & 0x7fffffffffffffffL);
    }

    /** @return the inverse of {@link #ofDouble} */
    static double toDouble(long key) {
        return Double.longBitsToDouble(key ^ ((key >> 63) & 0x7fffffffffffffffL));
    }

    static OrderKeys of(Column c) {
        int n = c.length();
        long[] v = new long[n];
        long[] miss = null;
        long[] valid = c.validity();
        switch (c.data()) {
            case double[] x -> {
                for (int i = 0; i < n; i++) {
                    if (x[i] != x[i]) {
                        miss = mark(miss, n, i);
                    } else {
                        v[i] = ofDouble(x[i]);
                    }
                }
            }
            case float[] x -> {
                for (int i = 0; i < n; i++) {
                    if (x[i] != x[i]) {
                        miss = mark(miss, n, i);
                    } else {
                        v[i] = ofDouble(x[i]);
                    }
                }
            }
            case short[] x -> {
                for (int i = 0; i < n; i++) {
                    float f = Float.float16ToFloat(x[i]);
                    if (f != f) {
                        miss = mark(miss, n, i);
                    } else {
                        v[i] = ofDouble(f);
                    }
                }
            }
            case long[] x -> System.arraycopy(x, 0, v, 0, n);
            case boolean[] x -> {
                for (int i = 0; i < n; i++) v[i] = x[i] ? 1 : 0;
            }
            case int[] x when c.dtype() == DType.STRING -> {
                int[] rank = dictionaryRanks(c.dictionaryRef());
                // a missing row's code may point past the dictionary (an all-missing column has none)
                for (int i = 0; i < n; i++) v[i] = valid != null && !Bits.get(valid, i) ? 0 : rank[x[i]];
            }
            case int[] x -> {
                for (int i = 0; i < n; i++) v[i] = x[i];
            }
            default -> throw new IllegalStateException("unexpected storage " + c.data().getClass());
        }
        if (valid != null) {
            miss = miss == null ? new long[Bits.words(n)] : miss;
            for (int i = 0; i < n; i++) {
                if (!Bits.get(valid, i)) {
                    Bits.set(miss, i);
                    v[i] = 0;
                }
            }
        }
        return new OrderKeys(v, miss);
    }

    private static long[] mark(long[] miss, int n, int i) {
        long[] m = miss == null ? new long[Bits.words(n)] : miss;
        Bits.set(m, i);
        return m;
    }

    /** @return for each dictionary entry its rank among the entries sorted by {@link String#compareTo} */
    static int[] dictionaryRanks(String[] dict) {
        String[] sorted = dict.clone();
        Arrays.sort(sorted);
        int[] rank = new int[dict.length];
        for (int k = 0; k < dict.length; k++) {
            rank[k] = Arrays.binarySearch(sorted, dict[k]); // equal strings get equal ranks
        }
        return rank;
    }
}
