package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Melt} and {@link Concat}, against pandas. */
class ReshapeKernelsTest {
    @TempDir
    Path dir;

    @Test
    void meltMatchesPandas() throws Exception {
        Random r = new Random(4);
        int n = 30;
        Frame f = Frame.builder()
                .index("i", RandomColumns.of(DType.I64, n, r))
                .column("id", RandomKeys.of(DType.STRING, n, r, 5))
                .column("day", RandomColumns.of(DType.DATE, n, r))
                .column("a", RandomColumns.of(DType.F64, n, r))
                .column("b", RandomColumns.of(DType.I32, n, r))
                .column("c", RandomColumns.of(DType.F32, n, r))
                .build();
        Frame all = Melt.melt(f, List.of("id", "day"), List.of());
        Frame some = Melt.melt(f, List.of("id"), List.of("c", "a"), "which", "v");
        Frame none = Melt.melt(f.head(0), List.of("id"), List.of("b"));
        assertEquals(DType.F64, all.column("value").dtype());
        assertEquals(DType.F64, some.column("v").dtype());
        assertEquals(DType.I32, none.column("value").dtype());
        PandasFrames.write(f, dir.resolve("f.csv"));
        PandasFrames.run(dir, """
                f = load('f.csv')
                save(f.melt(id_vars=['id', 'day']), 'all.csv')
                save(f.melt(id_vars=['id'], value_vars=['c', 'a'], var_name='which', value_name='v'), 'some.csv')
                save(f.head(0).melt(id_vars=['id'], value_vars=['b']), 'none.csv')
                """);
        PandasFrames.assertMatches(all, dir.resolve("all.csv"), 0, "melt all");
        PandasFrames.assertMatches(some, dir.resolve("some.csv"), 0, "melt some");
        PandasFrames.assertMatches(none, dir.resolve("none.csv"), 0, "melt none");
        assertEquals(n * 3, all.numRows());
        assertEquals(List.of("id", "day", "variable", "value"), all.columnNames());
    }

    @Test
    void meltOfUnrelatedTypesGivesText() {
        Frame f = Frame.builder().column("k", Column.ofInts(1, 2)).column("s", Column.ofStrings("x", null))
                .column("n", Column.ofLongs(7, 8)).build();
        Frame m = Melt.melt(f, List.of("k"), List.of("s", "n"));
        assertEquals(Column.ofStrings("x", null, "7", "8"), m.column("value"));
        assertEquals(Column.ofStrings("s", "s", "n", "n"), m.column("variable"));
        assertEquals(Column.ofInts(1, 2, 1, 2), m.column("k"));
        assertThrows(IllegalArgumentException.class, () -> Melt.melt(f, List.of("k"), List.of("s", "s")));
        assertThrows(IllegalArgumentException.class, () -> Melt.melt(f, List.of("k"), List.of("s"), "k", "value"));
        assertThrows(IllegalArgumentException.class, () -> Melt.melt(f, List.of("k"), List.of("nope")));
    }

    @Test
    void concatUnionMatchesPandas() throws Exception {
        Random r = new Random(6);
        Frame a = Frame.builder().column("x", RandomColumns.of(DType.F64, 10, r)).column("n", RandomColumns.of(DType.I32, 10, r))
                .column("s", RandomColumns.of(DType.STRING, 10, r)).build();
        Frame b = Frame.builder().column("s", RandomColumns.of(DType.STRING, 7, r)).column("t", RandomColumns.of(DType.TIMESTAMP, 7, r))
                .column("n", RandomColumns.of(DType.I64, 7, r)).build();
        Frame c = Frame.builder().column("b", RandomColumns.of(DType.BOOL, 5, r)).column("x", RandomColumns.of(DType.F32, 5, r)).build();
        Frame empty = Frame.builder().column("z", Column.ofDoubles()).build();
        Frame u = Concat.union(List.of(a, b, empty, c));
        assertEquals(List.of("x", "n", "s", "t", "z", "b"), u.columnNames());
        assertEquals(DType.I64, u.column("n").dtype());
        assertEquals(DType.BOOL, u.column("b").dtype());
        PandasFrames.write(a, dir.resolve("a.csv"));
        PandasFrames.write(b, dir.resolve("b.csv"));
        PandasFrames.write(c, dir.resolve("c.csv"));
        PandasFrames.write(empty, dir.resolve("e.csv"));
        PandasFrames.run(dir, """
                import warnings
                warnings.simplefilter('ignore')
                save(pd.concat([load('a.csv'), load('b.csv'), load('e.csv'), load('c.csv')], ignore_index=True), 'u.csv')
                """);
        PandasFrames.assertMatches(u, dir.resolve("u.csv"), 0, "concat");
    }

    @Test
    void columnsAbsentFromSomeFramesAreFilledWithMissingValuesOfTheirType() {
        Frame a = Frame.builder().column("k", Column.ofInts(1)).build();
        Frame b = Frame.builder().column("c", Column.categorical(List.of("p", "q"), "q", null))
                .column("h", Column.ofHalfs(1.5f, 2f)).column("d", Column.ofDates(java.time.LocalDate.of(2024, 5, 6), null))
                .column("s", Column.ofStrings("x", "y")).column("t", Column.ofBooleans(true, false)).build();
        Frame u = Concat.union(List.of(a, b, a));
        assertEquals(Column.categorical(List.of("p", "q"), null, "q", null, null), u.column("c"));
        assertEquals(Column.ofHalfs(Float.NaN, 1.5f, 2f, Float.NaN), u.column("h"));
        assertEquals(Column.ofDates(null, java.time.LocalDate.of(2024, 5, 6), null, null), u.column("d"));
        assertEquals(Column.ofStrings(null, "x", "y", null), u.column("s"));
        assertEquals(Column.ofBooleans(new boolean[] {false, true, false, false}, new boolean[] {false, true, true, false}), u.column("t"));
        assertEquals(Column.ofInts(new int[] {1, 0, 0, 1}, new boolean[] {true, false, false, true}), u.column("k"));
    }

    @Test
    void concatUnionTypesAndIndexes() {
        Frame a = Frame.builder().index("i", Column.ofInts(1, 2)).column("c", Column.categorical(List.of("p", "q"), "p", "q")).build();
        Frame b = Frame.builder().index("j", Column.ofLongs(3)).column("c", Column.categorical(List.of("q", "p"), "q")).build();
        Frame u = Concat.union(List.of(a, b));
        assertEquals(Column.ofStrings("p", "q", "q"), u.column("c"));
        assertEquals(Column.ofLongs(1, 2, 3), u.index());
        assertEquals(null, u.indexName());
        assertEquals(Frame.empty(), Concat.union(List.of()));
        Frame s = Frame.builder().column("c", Column.ofStrings("x")).build();
        Frame n = Frame.builder().column("c", Column.ofLongs(1)).build();
        assertEquals("column 'c' is string in frame 0 but i64 in frame 1, which do not combine",
                assertThrows(IllegalArgumentException.class, () -> Concat.union(List.of(s, n))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Concat.union(List.of(a, s)));
    }
}
