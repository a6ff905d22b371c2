package io.jdask.dataframe;

/** Validity bitmaps: bit {@code i} of word {@code i >>> 6} is set when row {@code i} is present. */
final class Bits {
    private Bits() {}

    static int words(int n) {
        return (n + 63) >>> 6;
    }

    static boolean get(long[] w, int i) {
        return (w[i >>> 6] & (1L << i)) != 0;
    }

    static void set(long[] w, int i) {
        w[i >>> 6] |= 1L << i;
    }

    /** @return a bitmap of {@code valid}, or null when {@code valid} is null */
    static long[] of(boolean[] valid, int n) {
        if (valid == null) {
            return null;
        }
        if (valid.length != n) {
            throw new IllegalArgumentException("validity has " + valid.length + " entries for " + n + " values");
        }
        long[] w = new long[words(n)];
        for (int i = 0; i < n; i++) {
            if (valid[i]) {
                set(w, i);
            }
        }
        return w;
    }

    static int count(long[] w, int n) {
        int c = 0;
        for (int k = 0; k < w.length; k++) {
            long m = k == w.length - 1 && (n & 63) != 0 ? w[k] & ((1L << (n & 63)) - 1) : w[k];
            c += Long.bitCount(m);
        }
        return c;
    }

    static boolean allSet(long[] w, int n) {
        return count(w, n) == n;
    }

    static long[] slice(long[] w, int from, int to) {
        int n = to - from;
        long[] r = new long[words(n)];
        int shift = from & 63;
        int first = from >>> 6;
        for (int k = 0; k < r.length; k++) {
            long lo = w[first + k] >>> shift;
            long hi = shift != 0 && first + k + 1 < w.length ? w[first + k + 1] << (64 - shift) : 0;
            r[k] = lo | hi;
        }
        if ((n & 63) != 0) {
            r[r.length - 1] &= (1L << (n & 63)) - 1;
        }
        return r;
    }
}
