package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SortingTest {
    @TempDir
    Path dir;

    private static Column rowIds(int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return Column.ofLongs(x);
    }

    /** Regression: an all-missing string column (empty dictionary, as a join leaves unmatched columns) sorts. */
    @Test
    void allMissingStringColumnSorts() {
        Frame f = Frame.builder().column("s", Column.ofStrings(null, null, null)).column("x", Column.ofInts(3, 1, 2)).build();
        assertEquals(f, Sorting.sort(f, "s"));
        assertEquals(List.of(1, 2, 3), List.of(Sorting.sort(f, List.of("s", "x"), new boolean[] {true, true}, true).column("x").get(0),
                Sorting.sort(f, List.of("s", "x"), new boolean[] {true, true}, true).column("x").get(1),
                Sorting.sort(f, List.of("s", "x"), new boolean[] {true, true}, true).column("x").get(2)));
    }

    @Test
    void everyTypeDirectionAndNullPlacementMatchesPandas() throws Exception {
        Random r = new Random(5);
        List<Frame> ours = new ArrayList<>();
        StringBuilder script = new StringBuilder();
        int c = 0;
        for (DType t : DType.values()) {
            for (int rep = 0; rep < 4; rep++) {
                int n = rep == 0 ? 0 : rep == 1 ? 1 : 50 + r.nextInt(400);
                Frame f = Frame.builder().column("k", RandomKeys.of(t, n, r, 2 + r.nextInt(9)))
                        .column("k2", secondKey(DType.values()[r.nextInt(DType.values().length)], n, r))
                        .column("row", rowIds(n)).build();
                boolean a1 = r.nextBoolean();
                boolean a2 = r.nextBoolean();
                boolean last = r.nextBoolean();
                PandasFrames.write(f, dir.resolve("in" + c + ".csv"));
                ours.add(Sorting.sort(f, List.of("k", "k2"), new boolean[] {a1, a2}, last));
                script.append("f = load('in").append(c).append(".csv')\n")
                        .append("save(f.sort_values(['k', 'k2'], ascending=[").append(py(a1)).append(", ").append(py(a2))
                        .append("], na_position='").append(last ? "last" : "first").append("', kind='stable'), 'out").append(c).append(".csv')\n");
                c++;
                // one key, also through the index
                Frame byIndex = f.withIndex("k", f.column("k")).drop("k");
                ours.add(Sorting.sortByIndex(byIndex, a1, last));
                PandasFrames.write(byIndex, dir.resolve("in" + c + ".csv"));
                script.append("f = load('in").append(c).append(".csv')\n")
                        .append("save(f.sort_index(ascending=").append(py(a1)).append(", na_position='").append(last ? "last" : "first")
                        .append("', kind='stable'), 'out").append(c).append(".csv')\n");
                c++;
            }
        }
        PandasFrames.run(dir, script.toString());
        for (int i = 0; i < c; i++) {
            PandasFrames.assertMatches(ours.get(i), dir.resolve("out" + i + ".csv"), 0, "case " + i);
        }
    }

    /** Random values; i64 within 2^52 because pandas sorts nullable Int64 through float64 and ties larger values. */
    private static Column secondKey(DType t, int n, Random r) {
        if (t != DType.I64) {
            return RandomColumns.of(t, n, r);
        }
        long[] x = new long[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextLong(1L << 52) - (1L << 51);
            ok[i] = r.nextInt(5) != 0;
        }
        return Column.ofLongs(x, ok);
    }

    private static String py(boolean b) {
        return b ? "True" : "False";
    }

    @Test
    void largeSortsAreStableAndOrdered() {
        Random r = new Random(9);
        int n = 200_000;
        long[] k = new long[n];
        for (int i = 0; i < n; i++) k[i] = r.nextInt(1000);
        Frame f = Frame.builder().column("k", Column.ofLongs(k)).column("row", rowIds(n)).build();
        Frame s = Sorting.sort(f, List.of("k"), new boolean[] {false}, true);
        for (int i = 1; i < n; i++) {
            long a = s.column("k").getLong(i - 1);
            long b = s.column("k").getLong(i);
            assertTrue(a > b || a == b && s.column("row").getLong(i - 1) < s.column("row").getLong(i), "row " + i);
        }
        Frame sorted = Sorting.sort(f, "row");
        assertEquals(f, sorted);
        Frame indexed = f.withIndex("row", f.column("row"));
        assertSame(indexed, Sorting.sortByIndex(indexed, true, true));
        assertThrows(IllegalArgumentException.class, () -> Sorting.sort(f, List.of("k"), new boolean[0], true));
    }

    @Test
    void radixOrderEqualsANaiveComparatorSort() {
        Random r = new Random(13);
        for (int rep = 0; rep < 30; rep++) {
            int n = r.nextInt(3000);
            DType t1 = DType.values()[r.nextInt(DType.values().length)];
            DType t2 = DType.values()[r.nextInt(DType.values().length)];
            Column a = r.nextBoolean() ? RandomColumns.of(t1, n, r) : RandomKeys.of(t1, n, r, 1 + r.nextInt(10));
            Column b = RandomColumns.of(t2, n, r);
            if (t1 == DType.F64 && n > 2) {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = a.getDouble(i);
                x[0] = Double.NEGATIVE_INFINITY;
                x[1] = Double.POSITIVE_INFINITY;
                x[2] = -0.0;
                a = Column.ofDoubles(x);
            }
            boolean[] asc = {r.nextBoolean(), r.nextBoolean()};
            boolean last = r.nextBoolean();
            Frame f = Frame.builder().column("a", a).column("b", b).build();
            int[] ours = Sorting.argsort(f, List.of("a", "b"), asc, last);
            Integer[] naive = new Integer[n];
            for (int i = 0; i < n; i++) naive[i] = i;
            Column[] keys = {a, b};
            Arrays.sort(naive, (x, y) -> {
                for (int c = 0; c < 2; c++) {
                    boolean mx = keys[c].isNull(x);
                    boolean my = keys[c].isNull(y);
                    if (mx || my) {
                        if (mx != my) return mx == last ? 1 : -1;
                        continue;
                    }
                    int cmp = keys[c].dtype().isFloating() ? Double.compare(keys[c].getDouble(x) + 0.0, keys[c].getDouble(y) + 0.0)
                            : keys[c].compareRows(x, y);
                    if (cmp != 0) return asc[c] ? cmp : -cmp;
                }
                return 0;
            });
            assertEquals(Arrays.toString(naive), Arrays.toString(ours), t1 + " " + t2 + " " + Arrays.toString(asc) + " " + last);
        }
    }

    @Test
    void quantilesOfUniformDataBalanceTheParts() {
        Random r = new Random(1);
        List<Frame> samples = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            double[] x = new double[500];
            for (int i = 0; i < x.length; i++) x[i] = r.nextInt(10) == 0 ? Double.NaN : r.nextDouble() * 1000;
            samples.add(Frame.builder().column("x", Column.ofDoubles(x)).build());
        }
        Column d = Sorting.sampleQuantiles(samples, "x", 10);
        assertEquals(11, d.length());
        assertIncreasing(d);
        Frame all = Frame.concat(samples);
        Frame[] parts = Partitioning.splitByDivisions(all.filter(present(all.column("x"))), "x", d);
        for (Frame p : parts) {
            assertEquals(all.numRows() * 0.9 / 10, p.numRows(), all.numRows() * 0.9 / 10 * 0.05);
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < all.numRows(); i++) {
            double v = all.column("x").getDouble(i);
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        assertEquals(min, d.getDouble(0));
        assertEquals(max, d.getDouble(10));
    }

    @Test
    void summariesOfUnevenPartitionsGiveBalancedDivisions() {
        Random r = new Random(12);
        List<Column> summaries = new ArrayList<>();
        List<Column> parts = new ArrayList<>();
        long[] rows = new long[6];
        for (int p = 0; p < 6; p++) {
            int n = p == 0 ? 0 : 1000 * p * p; // uneven partitions, one empty; values overlap between them
            long[] x = new long[n];
            boolean[] ok = new boolean[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextInt(1_000_000) + p * 100_000L;
                ok[i] = r.nextInt(20) != 0;
            }
            Column c = Column.ofLongs(x, ok);
            parts.add(c);
            summaries.add(Sorting.quantileSummary(c, 200)); // spacing in the largest part: 125 rows
            rows[p] = n - c.nullCount();
            assertTrue(summaries.get(p).length() <= 200);
        }
        Column d = Sorting.sampleQuantiles(summaries, rows, 8);
        assertEquals(9, d.length());
        assertIncreasing(d);
        Frame all = Frame.builder().column("x", Columns.concat(parts)).build();
        Frame present = all.filter(present(all.column("x")));
        assertEquals(Sorting.sort(present, "x").column("x").getLong(0), d.getLong(0));
        assertEquals(Sorting.sort(present, "x").column("x").getLong(present.numRows() - 1), d.getLong(8));
        for (Frame p : Partitioning.splitByDivisions(present, "x", d)) {
            assertEquals(present.numRows() / 8.0, p.numRows(), present.numRows() / 8.0 * 0.1);
        }
        assertEquals(Column.ofInts(1, 2, 3), Sorting.quantileSummary(Column.ofInts(new int[] {3, 9, 1, 2}, new boolean[] {true, false, true, true}), 5));
        assertEquals(Column.ofInts(1, 3, 5), Sorting.quantileSummary(Column.ofInts(5, 4, 3, 2, 1), 3));
    }

    @Test
    void quantilesOfSkewedAndFewValues() {
        // 90% of the rows hold one string: it gets one division, the rest spread over the other values
        String[] s = new String[2000];
        Random r = new Random(2);
        for (int i = 0; i < s.length; i++) s[i] = r.nextInt(10) < 9 ? "m" : "v" + (100 + r.nextInt(900));
        Column d = Sorting.sampleQuantiles(List.of(Column.ofStrings(Arrays.copyOf(s, 1000)),
                Column.ofStrings(Arrays.copyOfRange(s, 1000, 2000))), new long[] {5000, 5000}, 6);
        assertEquals(7, d.length());
        assertIncreasing(d);
        assertTrue(d.dictionary().contains("m") || d.getString(0).equals("m"));
        // fewer distinct values than divisions: every value is a division
        Column few = Sorting.sampleQuantiles(List.of(Column.ofInts(3, 1, 3, 2), Column.ofInts(1)), new long[] {4, 1}, 10);
        assertEquals(Column.ofInts(1, 2, 3), few);
        assertEquals(Column.ofInts(4, 4), Sorting.sampleQuantiles(List.of(Column.ofInts(4, 4)), new long[] {2}, 3));
        assertEquals(0, Sorting.sampleQuantiles(List.of(Column.ofDoubles(Double.NaN)), new long[] {1}, 3).length());
        // sample weights: a big partition's sample counts for more
        Column weighted = Sorting.sampleQuantiles(List.of(Column.ofInts(0, 1, 2, 3), Column.ofInts(10, 11, 12, 13)),
                new long[] {4, 400}, 2);
        assertEquals(Column.ofInts(0, 12, 13), weighted); // [0, 12) weighs 204 of 404
        assertThrows(IllegalArgumentException.class,
                () -> Sorting.sampleQuantiles(List.of(Column.ofInts(1), Column.ofLongs(1)), new long[] {1, 1}, 2));
    }

    private static void assertIncreasing(Column d) {
        for (int i = 1; i < d.length(); i++) {
            assertTrue(d.compareRows(i - 1, i) < 0, "divisions " + d);
        }
    }

    private static Column present(Column c) {
        boolean[] ok = new boolean[c.length()];
        for (int i = 0; i < ok.length; i++) ok[i] = !c.isNull(i);
        return Column.ofBooleans(ok);
    }
}
