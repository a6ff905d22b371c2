package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinsTest {
    @TempDir
    Path dir;

    private static Frame side(Random r, int n, DType keyType, String payload, long offset) {
        return Frame.builder()
                .column("k", RandomKeys.of(keyType, n, r, 1 + r.nextInt(8)))
                .column("a", RandomKeys.rowNumbers(n, offset, r))
                .column(payload, RandomColumns.of(payload.equals("s") ? DType.STRING : DType.F64, n, r))
                .build();
    }

    private record Case(String name, Frame left, Frame right, String pandasCall, Frame ours) {}

    private void checkAgainstPandas(List<Case> cases) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder();
        for (int c = 0; c < cases.size(); c++) {
            Case k = cases.get(c);
            PandasFrames.write(k.left, dir.resolve("l" + c + ".csv"));
            PandasFrames.write(k.right, dir.resolve("r" + c + ".csv"));
            script.append("l = load('l").append(c).append(".csv'); r = load('r").append(c).append(".csv')\n")
                    .append("save(").append(k.pandasCall).append(", 'o").append(c).append(".csv')\n");
        }
        PandasFrames.run(dir, script.toString());
        for (int c = 0; c < cases.size(); c++) {
            PandasFrames.assertMatches(cases.get(c).ours, dir.resolve("o" + c + ".csv"), 0, cases.get(c).name);
        }
    }

    @Test
    void everyKeyTypeAndJoinTypeMatchesPandas() throws Exception {
        List<Case> cases = new ArrayList<>();
        Random r = new Random(42);
        for (DType t : DType.values()) {
            for (JoinType how : JoinType.values()) {
                for (int rep = 0; rep < 3; rep++) {
                    int nl = rep == 0 && how == JoinType.LEFT ? 0 : r.nextInt(40);
                    int nr = rep == 1 && how == JoinType.RIGHT ? 0 : r.nextInt(40);
                    Frame l = side(r, nl, t, "s", 0);
                    Frame rt = side(r, nr, t, "x", 1000);
                    String call = "pd.merge(l, r, on='k', how='" + how.name().toLowerCase() + "')";
                    cases.add(new Case(t + " " + how + " " + rep, l, rt, call, Joins.merge(l, rt, MergeSpec.on(how, "k"))));
                }
            }
        }
        checkAgainstPandas(cases);
    }

    @Test
    void multipleKeysDifferentNamesAndSuffixesMatchPandas() throws Exception {
        List<Case> cases = new ArrayList<>();
        Random r = new Random(7);
        for (JoinType how : JoinType.values()) {
            for (int rep = 0; rep < 4; rep++) {
                int nl = r.nextInt(60);
                int nr = r.nextInt(60);
                Frame l = side(r, nl, DType.STRING, "s", 0).withColumn("k2", RandomKeys.of(DType.I32, nl, r, 3));
                Frame rt = side(r, nr, DType.STRING, "x", 1000).withColumn("k2", RandomKeys.of(DType.I32, nr, r, 3));
                String h = how.name().toLowerCase();
                cases.add(new Case("two keys " + how, l, rt, "pd.merge(l, r, on=['k', 'k2'], how='" + h + "')",
                        Joins.merge(l, rt, MergeSpec.on(how, "k", "k2"))));
                Frame rr = rt.rename(java.util.Map.of("k", "rk"));
                cases.add(new Case("left_on/right_on " + how, l, rr,
                        "pd.merge(l, r, left_on='k', right_on='rk', how='" + h + "', suffixes=('_l', '_r'))",
                        Joins.merge(l, rr, MergeSpec.on(how, List.of("k"), List.of("rk")).withSuffixes("_l", "_r"))));
            }
        }
        // integers joined to floats, i32 to i64
        Frame li = Frame.builder().column("k", Column.ofLongs(new long[] {1, 2, 3, 2}, new boolean[] {true, true, false, true}))
                .column("a", Column.ofInts(1, 2, 3, 4)).build();
        Frame rf = Frame.builder().column("k", Column.ofDoubles(2.0, Double.NaN, 5.0, 1.0)).column("b", Column.ofInts(5, 6, 7, 8)).build();
        Frame ri = Frame.builder().column("k", Column.ofInts(2, 3, 1)).column("b", Column.ofInts(5, 6, 7)).build();
        for (JoinType how : JoinType.values()) {
            String h = how.name().toLowerCase();
            cases.add(new Case("i64 with f64 " + how, li, rf, "pd.merge(l.astype({'k': 'float64'}), r, on='k', how='" + h + "')",
                    Joins.merge(li, rf, MergeSpec.on(how, "k"))));
            cases.add(new Case("i64 with i32 " + how, li, ri, "pd.merge(l, r, on='k', how='" + h + "')",
                    Joins.merge(li, ri, MergeSpec.on(how, "k"))));
        }
        checkAgainstPandas(cases);
    }

    /** What a hash-shuffle join relies on: joining matching hash parts gives the rows of the whole join. */
    @Test
    void joiningHashPartsEqualsJoiningTheWhole() {
        Random r = new Random(17);
        DType[][] pairs = {{DType.STRING, DType.CATEGORY}, {DType.I32, DType.I64}, {DType.I64, DType.F64}, {DType.F64, DType.F32},
                {DType.STRING, DType.STRING}, {DType.TIMESTAMP, DType.TIMESTAMP}, {DType.BOOL, DType.BOOL}};
        for (DType[] types : pairs) {
            for (JoinType how : JoinType.values()) {
                int nl = r.nextInt(80);
                int nr = r.nextInt(80);
                Frame l = Frame.builder().column("k", keysAs(types[0], nl, r)).column("li", rowIds(nl)).build();
                Frame rt = Frame.builder().column("k", keysAs(types[1], nr, r)).column("ri", rowIds(nr)).build();
                Frame whole = Joins.merge(l, rt, MergeSpec.on(how, "k"));
                int nparts = 1 + r.nextInt(6);
                Frame[] lp = Partitioning.split(l, List.of("k"), nparts);
                Frame[] rp = Partitioning.split(rt, List.of("k"), nparts);
                List<Frame> pieces = new ArrayList<>();
                for (int p = 0; p < nparts; p++) {
                    pieces.add(Joins.merge(lp[p], rp[p], MergeSpec.on(how, "k")));
                }
                boolean[] asc = {true, true};
                assertEquals(Sorting.sort(whole, List.of("li", "ri"), asc, true),
                        Sorting.sort(Frame.concat(pieces), List.of("li", "ri"), asc, true), types[0] + "/" + types[1] + " " + how);
            }
        }
    }

    /** Keys 0..5 (with missing values) stored as the given type; -0.0 for some zeros of f64. */
    private static Column keysAs(DType t, int n, Random r) {
        Column ints = RandomKeys.of(DType.I32, n, r, 6);
        return switch (t) {
            case STRING, CATEGORY -> {
                String[] s = new String[n];
                for (int i = 0; i < n; i++) s[i] = ints.isNull(i) ? null : RandomKeys.CATEGORIES.get(Math.floorMod(ints.getInt(i), 10));
                yield t == DType.STRING ? Column.ofStrings(s) : Column.categorical(RandomKeys.CATEGORIES, s);
            }
            case F64 -> {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = ints.isNull(i) ? Double.NaN : ints.getInt(i) == -20 && r.nextBoolean() ? -0.0 : ints.getInt(i) + 20;
                yield Column.ofDoubles(x);
            }
            case F32 -> shifted(ints).astype(DType.F32);
            case I64 -> shifted(ints).astype(DType.I64);
            case I32 -> shifted(ints);
            case BOOL -> ints.astype(DType.BOOL);
            case TIMESTAMP -> shifted(ints).astype(DType.I64).astype(DType.TIMESTAMP);
            default -> throw new IllegalArgumentException(t.label());
        };
    }

    /** RandomKeys' i32 values (7v - 20) shifted to 7v, so that zero occurs. */
    private static Column shifted(Column ints) {
        int n = ints.length();
        int[] x = new int[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            ok[i] = !ints.isNull(i);
            x[i] = ok[i] ? ints.getInt(i) + 20 : 0;
        }
        return Column.ofInts(x, ok);
    }

    @Test
    void rowOrderAndTypesOfAnOuterJoin() {
        Frame l = Frame.builder().column("k", Column.ofStrings("b", "a", null, "b")).column("v", Column.ofLongs(1, 2, 3, 4)).build();
        Frame r = Frame.builder().column("k", Column.ofStrings("c", "b", null, "c")).column("v", Column.ofLongs(10, 20, 30, 40)).build();
        Frame o = Joins.merge(l, r, MergeSpec.on(JoinType.OUTER, "k"));
        assertEquals(List.of("k", "v_x", "v_y"), o.columnNames());
        assertEquals(Column.ofStrings("b", "b", "a", null, "c", "c"), o.column("k"));
        assertEquals(Column.ofLongs(new long[] {1, 4, 2, 3, 0, 0}, new boolean[] {true, true, true, true, false, false}), o.column("v_x"));
        assertEquals(DType.I64, o.column("v_y").dtype());
        assertEquals(Column.ofLongs(new long[] {20, 20, 0, 30, 10, 40}, new boolean[] {true, true, false, true, true, true}), o.column("v_y"));
    }

    @Test
    void indexJoinEqualsTheColumnJoin() {
        Random r = new Random(3);
        for (JoinType how : JoinType.values()) {
            Frame l = side(r, 50, DType.I64, "s", 0);
            Frame rt = side(r, 30, DType.I64, "x", 100);
            Frame byColumn = Joins.merge(l, rt, MergeSpec.on(how, "k"));
            Frame byIndex = Joins.merge(l.drop("k").withIndex("k", l.column("k")), rt.drop("k").withIndex("k", rt.column("k")),
                    MergeSpec.onIndex(how));
            assertEquals(byColumn.drop("k").withIndex("k", byColumn.column("k")), byIndex, how.name());
        }
    }

    @Test
    void joinsStringsAcrossDictionariesAndLargeInputs() {
        Random r = new Random(11);
        int n = 20_000;
        String[] a = new String[n];
        String[] b = new String[n / 2];
        for (int i = 0; i < n; i++) a[i] = "v" + r.nextInt(5000);
        for (int i = 0; i < b.length; i++) b[i] = "v" + r.nextInt(5000);
        Frame l = Frame.builder().column("k", Column.ofStrings(a)).column("i", rowIds(n)).build();
        Frame rt = Frame.builder().column("k", Column.ofStrings(b)).column("j", rowIds(b.length)).build();
        Frame inner = Joins.merge(l, rt, MergeSpec.on(JoinType.INNER, "k"));
        long expected = 0;
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (String s : b) counts.merge(s, 1, Integer::sum);
        for (String s : a) expected += counts.getOrDefault(s, 0);
        assertEquals(expected, inner.numRows());
        for (int i = 0; i < inner.numRows(); i++) {
            assertEquals(a[(int) inner.column("i").getLong(i)], b[(int) inner.column("j").getLong(i)]);
        }
    }

    private static Column rowIds(int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return Column.ofLongs(x);
    }

    @Test
    void badKeysAreClearErrors() {
        Frame l = Frame.builder().column("k", Column.ofStrings("a")).build();
        Frame r = Frame.builder().column("k", Column.ofLongs(1)).build();
        assertEquals("cannot join on 'k': it is string on the left and i64 on the right",
                assertThrows(IllegalArgumentException.class, () -> Joins.merge(l, r, MergeSpec.on(JoinType.INNER, "k"))).getMessage());
        assertEquals("no column 'z'; the columns are [k]",
                assertThrows(IllegalArgumentException.class, () -> Joins.merge(l, r, MergeSpec.on(JoinType.INNER, "z"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Joins.merge(l, r, MergeSpec.onIndex(JoinType.INNER)));
        assertThrows(IllegalArgumentException.class, () -> MergeSpec.on(JoinType.INNER, List.of("a"), List.of("a", "b")));
    }
}
