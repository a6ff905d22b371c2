package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded frames with missing values, split into uneven partitions with empty ones. */
final class TestData {
    static final String[] WORDS = {"apple", "Banana", "cherry", "date", "Elder", "fig"};

    private TestData() {}

    /**
     * Columns: a (f64, ~15% NaN), b (i64, ~15% missing), c (string, ~10% missing), d (f32), k (i32
     * small keys), t (timestamp, ~10% missing); sorted i64 index "row".
     */
    static Frame frame(int n, long seed) {
        Random r = new Random(seed);
        double[] a = new double[n];
        long[] b = new long[n];
        boolean[] bOk = new boolean[n];
        String[] c = new String[n];
        float[] d = new float[n];
        int[] k = new int[n];
        long[] t = new long[n];
        boolean[] tOk = new boolean[n];
        long[] idx = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextInt(100) < 15 ? Double.NaN : Math.round(r.nextGaussian() * 1000) / 100.0;
            bOk[i] = r.nextInt(100) >= 15;
            b[i] = r.nextInt(2001) - 1000;
            c[i] = r.nextInt(10) == 0 ? null : WORDS[r.nextInt(WORDS.length)];
            d[i] = (float) (r.nextInt(1000) / 8.0);
            k[i] = r.nextInt(7);
            tOk[i] = r.nextInt(10) != 0;
            t[i] = 946_684_800_000_000_000L + (long) r.nextInt(400 * 24) * 3_600_000_000_000L + r.nextInt(3600) * 1_000_000_000L;
            idx[i] = i;
        }
        return Frame.builder()
                .index("row", Column.ofLongs(idx))
                .column("a", Column.ofDoubles(a))
                .column("b", Column.ofLongs(b, bOk))
                .column("c", Column.ofStrings(c))
                .column("d", Column.ofFloats(d))
                .column("k", Column.ofInts(k))
                .column("t", Column.ofTimestamps(t, tOk))
                .build();
    }

    /** Cuts a frame at the given row counts (0 makes an empty partition; the rest goes last). */
    static List<Frame> cut(Frame f, int... sizes) {
        List<Frame> out = new ArrayList<>();
        int at = 0;
        for (int s : sizes) {
            out.add(f.slice(at, at + s));
            at += s;
        }
        out.add(f.slice(at, f.numRows()));
        return out;
    }

    /** The frame as a DataFrame of uneven partitions with two empty ones. */
    static DataFrame uneven(Frame f) {
        int n = f.numRows();
        return DataFrame.fromFrames(cut(f, n / 7, 0, n / 3, 1, 0, n / 5));
    }
}
