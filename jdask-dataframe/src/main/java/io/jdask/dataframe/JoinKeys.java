package io.jdask.dataframe;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The key columns of both sides of a join, normalised to {@code long}s on which equality is key
 * equality: strings (and categories) by text through one joint dictionary, integers of either
 * width as longs, floats (and integers joined to floats) by the bits of their double value with
 * {@code -0.0} as {@code 0.0}. Missing values (NaN included) are flagged and equal each other, as in
 * pandas' merge. Side 0 is the left, side 1 the right.
 */
final class JoinKeys {
    final long[][][] values = new long[2][][];
    final long[][][] missing = new long[2][][];
    final long[][] hashes = new long[2][];

    JoinKeys(List<Column> left, List<Column> right, List<String> leftNames, List<String> rightNames) {
        int k = left.size();
        for (int s = 0; s < 2; s++) {
            values[s] = new long[k][];
            missing[s] = new long[k][];
        }
        for (int c = 0; c < k; c++) {
            normalise(c, left.get(c), right.get(c), leftNames.get(c), rightNames.get(c));
        }
        for (int s = 0; s < 2; s++) {
            int n = (s == 0 ? left : right).get(0).length();
            long[] h = new long[n];
            for (int c = 0; c < k; c++) {
                long[] v = values[s][c];
                long[] m = missing[s][c];
                for (int i = 0; i < n; i++) {
                    long x = m != null && Bits.get(m, i) ? RowHash.MISSING : RowHash.ofLong(v[i]);
                    h[i] = Long.rotateLeft(h[i], 27) * 0x100000001b3L + x;
                }
            }
            if (k > 1) {
                for (int i = 0; i < n; i++) h[i] = RowHash.mix(h[i]);
            }
            hashes[s] = h;
        }
    }

    boolean equal(int sa, int a, int sb, int b) {
        long[][] va = values[sa];
        long[][] vb = values[sb];
        for (int c = 0; c < va.length; c++) {
            long[] ma = missing[sa][c];
            long[] mb = missing[sb][c];
            boolean na = ma != null && Bits.get(ma, a);
            boolean nb = mb != null && Bits.get(mb, b);
            if (na != nb || (!na && va[c][a] != vb[c][b])) {
                return false;
            }
        }
        return true;
    }

    private void normalise(int c, Column l, Column r, String ln, String rn) {
        DType lt = l.dtype();
        DType rt = r.dtype();
        if (lt.isDictionary() && rt.isDictionary()) {
            Map<String, Integer> ids = new HashMap<>();
            values[0][c] = dictionaryIds(l, ids);
            values[1][c] = dictionaryIds(r, ids);
            missing[0][c] = missingBits(l);
            missing[1][c] = missingBits(r);
            return;
        }
        boolean lInt = lt == DType.I64 || lt == DType.I32;
        boolean rInt = rt == DType.I64 || rt == DType.I32;
        if (lt == rt && !lt.isFloating() || lInt && rInt) {
            values[0][c] = OrderKeys.of(l).values;
            values[1][c] = OrderKeys.of(r).values;
            missing[0][c] = missingBits(l);
            missing[1][c] = missingBits(r);
            return;
        }
        if ((lt.isFloating() || lInt) && (rt.isFloating() || rInt)) {
            asDoubles(0, c, l);
            asDoubles(1, c, r);
            return;
        }
        throw new IllegalArgumentException("cannot join on " + (ln.equals(rn) ? "'" + ln + "'" : "'" + ln + "' and '" + rn + "'")
                + ": it is " + lt.label() + " on the left and " + rt.label() + " on the right");
    }

    private void asDoubles(int s, int c, Column col) {
        int n = col.length();
        long[] v = new long[n];
        long[] m = null;
        for (int i = 0; i < n; i++) {
            double d = col.getDouble(i);
            if (d != d) {
                m = m == null ? new long[Bits.words(n)] : m;
                Bits.set(m, i);
            } else {
                v[i] = Double.doubleToLongBits(d == 0 ? 0.0 : d);
            }
        }
        values[s][c] = v;
        missing[s][c] = m;
    }

    private static long[] dictionaryIds(Column col, Map<String, Integer> ids) {
        String[] dict = col.dictionaryRef();
        int[] remap = new int[dict.length];
        for (int k = 0; k < dict.length; k++) {
            remap[k] = ids.computeIfAbsent(dict[k], x -> ids.size());
        }
        int[] codes = (int[]) col.data();
        long[] v = new long[codes.length];
        long[] valid = col.validity();
        for (int i = 0; i < v.length; i++) {
            v[i] = valid != null && !Bits.get(valid, i) ? 0 : remap[codes[i]];
        }
        return v;
    }

    /** @return a bitmap of the missing rows (bit set = missing), or null when none is */
    static long[] missingBits(Column col) {
        if (col.dtype().isFloating()) {
            return OrderKeys.of(col).missing;
        }
        long[] valid = col.validity();
        if (valid == null) {
            return null;
        }
        int n = col.length();
        long[] m = new long[Bits.words(n)];
        for (int i = 0; i < n; i++) {
            if (!Bits.get(valid, i)) {
                Bits.set(m, i);
            }
        }
        return m;
    }
}
