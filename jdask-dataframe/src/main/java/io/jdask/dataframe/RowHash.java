package io.jdask.dataframe;

import java.util.List;

/**
 * 64-bit row hashes over key columns that depend only on the values, never on the storage: strings
 * and categories hash by their text (not their dictionary code), integers of every width and
 * floats holding the same integral value hash alike, {@code -0.0} hashes as {@code 0.0}, and every
 * missing value (NaN included) hashes to one constant. The hash is the same in every JVM, so
 * frames split on different machines send equal keys to the same part.
 */
final class RowHash {
    static final long MISSING = 0x2545F4914F6CDD1DL;
    private static final long SEED = 0x9E3779B97F4A7C15L;

    private RowHash() {}

    /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    static long ofLong(long v) {
        return mix(v + SEED);
    }

    static long ofDouble(double d) {
        if (d != d) {
            return MISSING;
        }
        if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
            return ofLong((long) d); // also folds -0.0 into 0
        }
        return mix(Double.doubleToRawLongBits(d) ^ 0x5DEECE66DL);
    }

    /** FNV-1a over the UTF-16 units, finalised; stable across JVMs (unlike identity hashes). */
    static long ofString(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return mix(h ^ s.length());
    }

    /** @return one hash per row over the given columns (equal length, in order) */
    static long[] hash(List<Column> keys, int rows) {
        long[] h = new long[rows];
        java.util.Arrays.fill(h, SEED);
        for (Column c : keys) {
            accumulate(h, c);
        }
        for (int i = 0; i < rows; i++) {
            h[i] = mix(h[i]);
        }
        return h;
    }

    private static void accumulate(long[] h, Column c) {
        int n = c.length();
        long[] valid = c.validity();
        switch (c.data()) {
            case double[] x -> {
                for (int i = 0; i < n; i++) h[i] = step(h[i], ofDouble(x[i]));
            }
            case float[] x -> {
                for (int i = 0; i < n; i++) h[i] = step(h[i], ofDouble(x[i]));
            }
            case short[] x -> {
                for (int i = 0; i < n; i++) h[i] = step(h[i], ofDouble(Float.float16ToFloat(x[i])));
            }
            case long[] x -> {
                for (int i = 0; i < n; i++) h[i] = step(h[i], valid != null && !Bits.get(valid, i) ? MISSING : ofLong(x[i]));
            }
            case boolean[] x -> {
                for (int i = 0; i < n; i++) h[i] = step(h[i], valid != null && !Bits.get(valid, i) ? MISSING : ofLong(x[i] ? 1 : 0));
            }
            case int[] x when c.dtype().isDictionary() -> {
                String[] dict = c.dictionaryRef();
                long[] dh = new long[dict.length];
                for (int k = 0; k < dict.length; k++) dh[k] = ofString(dict[k]);
                for (int i = 0; i < n; i++) h[i] = step(h[i], valid != null && !Bits.get(valid, i) ? MISSING : dh[x[i]]);
            }
            case int[] x -> {
                for (int i = 0; i < n; i++) h[i] = step(h[i], valid != null && !Bits.get(valid, i) ? MISSING : ofLong(x[i]));
            }
            default -> throw new IllegalStateException("unexpected storage " + c.data().getClass());
        }
    }

    private static long step(long h, long v) {
        return Long.rotateLeft(h, 27) * 0x100000001b3L + v;
    }

    /** Maps a hash to a part in {@code [0, nparts)} by multiply-shift of its high bits. */
    static int part(long hash, int nparts) {
        return (int) (((hash >>> 32) * nparts) >>> 32);
    }
}
