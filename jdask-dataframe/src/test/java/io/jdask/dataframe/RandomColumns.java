package io.jdask.dataframe;

import java.util.List;
import java.util.Random;

/** Seeded random columns of every type, with about 20% missing values. */
final class RandomColumns {
    static final List<String> CATEGORIES = List.of("low", "mid", "high");

    private RandomColumns() {}

    static Column of(DType t, int n, Random r) {
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            ok[i] = r.nextInt(5) != 0;
        }
        return switch (t) {
            case F64 -> {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? r.nextGaussian() * 100 : Double.NaN;
                yield Column.ofDoubles(x);
            }
            case F32, F16 -> {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? (float) r.nextGaussian() * 10 : Float.NaN;
                yield t == DType.F32 ? Column.ofFloats(x) : Column.ofHalfs(x);
            }
            case I64 -> {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) x[i] = r.nextLong();
                yield Column.ofLongs(x, ok);
            }
            case I32 -> {
                int[] x = new int[n];
                for (int i = 0; i < n; i++) x[i] = r.nextInt(2001) - 1000;
                yield Column.ofInts(x, ok);
            }
            case BOOL -> {
                boolean[] x = new boolean[n];
                for (int i = 0; i < n; i++) x[i] = r.nextBoolean();
                yield Column.ofBooleans(x, ok);
            }
            case STRING -> {
                String[] x = new String[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? "s" + r.nextInt(n + 1) + (r.nextInt(10) == 0 ? "é✓" : "") : null;
                yield Column.ofStrings(x);
            }
            case TIMESTAMP -> {
                long[] x = new long[n];
                for (int i = 0; i < n; i++) x[i] = 1_600_000_000_000_000_000L + r.nextLong(1L << 50);
                yield Column.ofTimestamps(x, ok);
            }
            case DATE -> {
                int[] x = new int[n];
                for (int i = 0; i < n; i++) x[i] = 18_000 + r.nextInt(5000);
                yield Column.ofDates(x, ok);
            }
            case CATEGORY -> {
                String[] x = new String[n];
                for (int i = 0; i < n; i++) x[i] = ok[i] ? CATEGORIES.get(r.nextInt(3)) : null;
                yield Column.categorical(CATEGORIES, x);
            }
        };
    }

    /** A frame with one column of each type, named after the type, and an I64 row-number index. */
    static Frame frame(int n, long seed) {
        Random r = new Random(seed);
        Frame.Builder b = Frame.builder();
        for (DType t : DType.values()) {
            b.column(t.label(), of(t, n, r));
        }
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        return b.index("row", Column.ofLongs(idx)).build();
    }
}
