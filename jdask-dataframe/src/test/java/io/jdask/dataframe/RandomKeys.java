package io.jdask.dataframe;

import java.util.List;
import java.util.Random;

/** Seeded key columns of every type drawn from a small, skewed pool of values, with missing values and duplicates. */
final class RandomKeys {
    static final List<String> CATEGORIES = List.of("c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9");

    private RandomKeys() {}

    /**
     * @param pool the number of distinct values (at most 10 for BOOL-free types; BOOL has 2)
     * @return a column whose values are drawn with a skew towards small pool indexes; ~15% missing
     */
    static Column of(DType t, int n, Random r, int pool) {
        int[] v = new int[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.min(r.nextInt(pool), r.nextInt(pool));
            ok[i] = r.nextInt(100) >= 15;
        }
        return switch (t) {
            case F64 -> {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = !ok[i] ? Double.NaN : v[i] == 0 && r.nextBoolean() ? -0.0 : v[i] * 1.25 - 3;
                yield Column.ofDoubles(x);
            }
            case F32, F16 -> {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? v[i] * 0.5f - 1 : Float.NaN;
                yield t == DType.F32 ? Column.ofFloats(x) : Column.ofHalfs(x);
            }
            case I64 -> {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) x[i] = (v[i] - 3) * 1_000_000_000_007L;
                yield Column.ofLongs(x, ok);
            }
            case I32 -> {
                int[] x = new int[n];
                for (int i = 0; i < n; i++) x[i] = v[i] * 7 - 20;
                yield Column.ofInts(x, ok);
            }
            case BOOL -> {
                boolean[] x = new boolean[n];
                for (int i = 0; i < n; i++) x[i] = v[i] % 2 == 1;
                yield Column.ofBooleans(x, ok);
            }
            case STRING -> {
                String[] x = new String[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? "key" + (9 - v[i]) + (v[i] == 3 ? "é" : "") : null;
                yield Column.ofStrings(x);
            }
            case TIMESTAMP -> {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) x[i] = 1_700_000_000_000_000_000L + v[i] * 3_600_000_000_123L;
                yield Column.ofTimestamps(x, ok);
            }
            case DATE -> {
                int[] x = new int[n];
                for (int i = 0; i < n; i++) x[i] = 19_000 + v[i] * 3;
                yield Column.ofDates(x, ok);
            }
            case CATEGORY -> {
                String[] x = new String[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? CATEGORIES.get(9 - v[i]) : null;
                yield Column.categorical(CATEGORIES, x);
            }
        };
    }

    /** @return a row-number column with some values missing, to tell rows apart in results */
    static Column rowNumbers(int n, long offset, Random r) {
        long[] x = new long[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = offset + i;
            ok[i] = r.nextInt(10) != 0;
        }
        return Column.ofLongs(x, ok);
    }
}
