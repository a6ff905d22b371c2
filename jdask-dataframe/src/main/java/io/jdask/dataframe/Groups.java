package io.jdask.dataframe;

import java.util.Arrays;
import java.util.List;

/**
 * Group numbers of rows by the values of key columns: dense ids in order of first appearance,
 * -1 for rows with a missing key. Dictionary columns are grouped by code (an array lookup); other
 * columns through an open-addressing hash of their 64-bit values; several keys by hashing the
 * pair (groups so far, next key's group). No boxing per row.
 */
final class Groups {
    final int[] gid;
    final int count;
    final int[] first;

    private Groups(int[] gid, int count, int[] first) {
        this.gid = gid;
        this.count = count;
        this.first = first;
    }

    static Groups of(List<Column> keys, int rows) {
        if (keys.isEmpty()) {
            int[] g = new int[rows];
            return new Groups(g, rows == 0 ? 0 : 1, rows == 0 ? new int[0] : new int[] {0});
        }
        Groups g = single(keys.get(0));
        for (int k = 1; k < keys.size(); k++) {
            Groups next = single(keys.get(k));
            long[] combined = new long[rows];
            boolean[] missing = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                if (g.gid[i] < 0 || next.gid[i] < 0) {
                    missing[i] = true;
                } else {
                    combined[i] = (long) g.gid[i] * next.count + next.gid[i];
                }
            }
            g = hashed(combined, missing);
        }
        return g;
    }

    static Groups single(Column c) {
        int n = c.length();
        if (c.dtype().isDictionary()) {
            int[] map = new int[c.dictionaryRef().length];
            Arrays.fill(map, -1);
            int[] codes = (int[]) c.data();
            int[] gid = new int[n];
            int[] first = new int[Math.min(n, map.length)];
            int count = 0;
            long[] valid = c.validity();
            for (int i = 0; i < n; i++) {
                if (valid != null && !Bits.get(valid, i)) {
                    gid[i] = -1;
                    continue;
                }
                int g = map[codes[i]];
                if (g < 0) {
                    g = map[codes[i]] = count;
                    first[count++] = i;
                }
                gid[i] = g;
            }
            return new Groups(gid, count, Arrays.copyOf(first, count));
        }
        long[] v = new long[n];
        boolean[] missing = new boolean[n];
        switch (c.data()) {
            case double[] x -> {
                for (int i = 0; i < n; i++) {
                    missing[i] = Double.isNaN(x[i]);
                    v[i] = Double.doubleToLongBits(x[i] == 0.0 ? 0.0 : x[i]);
                }
            }
            case float[] x -> {
                for (int i = 0; i < n; i++) {
                    missing[i] = Float.isNaN(x[i]);
                    v[i] = Float.floatToIntBits(x[i] == 0f ? 0f : x[i]);
                }
            }
            case short[] x -> {
                for (int i = 0; i < n; i++) {
                    float f = Float.float16ToFloat(x[i]);
                    missing[i] = Float.isNaN(f);
                    v[i] = Float.floatToIntBits(f == 0f ? 0f : f);
                }
            }
            case long[] x -> System.arraycopy(x, 0, v, 0, n);
            case int[] x -> {
                for (int i = 0; i < n; i++) v[i] = x[i];
            }
            case boolean[] x -> {
                for (int i = 0; i < n; i++) v[i] = x[i] ? 1 : 0;
            }
            default -> throw new IllegalStateException();
        }
        long[] valid = c.validity();
        if (valid != null) {
            for (int i = 0; i < n; i++) {
                missing[i] |= !Bits.get(valid, i);
            }
        }
        return hashed(v, missing);
    }

    private static Groups hashed(long[] v, boolean[] missing) {
        int n = v.length;
        int cap = Integer.highestOneBit(Math.max(16, n * 2 - 1)) << 1;
        if (cap < 0 || cap > (1 << 30)) {
            cap = 1 << 30;
        }
        long[] keys = new long[cap];
        int[] ids = new int[cap];
        Arrays.fill(ids, -1);
        int mask = cap - 1;
        int[] gid = new int[n];
        int[] first = new int[Math.max(1, n)];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (missing[i]) {
                gid[i] = -1;
                continue;
            }
            long key = v[i];
            int slot = mix(key) & mask;
            while (ids[slot] >= 0 && keys[slot] != key) {
                slot = (slot + 1) & mask;
            }
            if (ids[slot] < 0) {
                keys[slot] = key;
                ids[slot] = count;
                first[count++] = i;
            }
            gid[i] = ids[slot];
        }
        return new Groups(gid, count, Arrays.copyOf(first, count));
    }

    static int mix(long x) {
        x *= 0x9E3779B97F4A7C15L;
        return (int) (x ^ (x >>> 29) ^ (x >>> 47));
    }

    /** A hash of each row's key values that is the same in every partition (strings by content). */
    static int[] hashes(List<Column> keys, int rows) {
        int[] h = new int[rows];
        for (Column c : keys) {
            if (c.dtype().isDictionary()) {
                String[] dict = c.dictionaryRef();
                int[] byCode = new int[dict.length];
                for (int k = 0; k < dict.length; k++) {
                    byCode[k] = mix(dict[k].hashCode());
                }
                int[] codes = (int[]) c.data();
                for (int i = 0; i < rows; i++) {
                    h[i] = h[i] * 31 + (c.isNull(i) ? 0 : byCode[codes[i]]);
                }
            } else {
                for (int i = 0; i < rows; i++) {
                    long bits = c.isNull(i) ? 0 : c.dtype().isFloating() ? Double.doubleToLongBits(c.getDouble(i) + 0.0) : c.getLong(i);
                    h[i] = h[i] * 31 + mix(bits);
                }
            }
        }
        return h;
    }
}
