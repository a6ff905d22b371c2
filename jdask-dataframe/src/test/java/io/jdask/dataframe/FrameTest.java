package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameTest {
    private static Frame small() {
        return Frame.builder()
                .column("a", Column.ofDoubles(1, 2, 3))
                .column("b", Column.ofStrings("x", null, "z"))
                .column("c", Column.ofLongs(new long[] {10, 20, 30}, null))
                .build();
    }

    @Test
    void shapeAndAccess() {
        Frame f = small();
        assertEquals(3, f.numRows());
        assertEquals(List.of("a", "b", "c"), f.columnNames());
        assertEquals(Column.ofDoubles(1, 2, 3), f.column("a"));
        assertFalse(f.hasIndex());
        assertFalse(f.isSorted());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.column("nope"));
        assertEquals("no column 'nope'; the columns are [a, b, c]", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Frame.builder().column("a", Column.ofLongs(1)).column("b", Column.ofLongs(1, 2)).build());
        assertThrows(IllegalArgumentException.class,
                () -> Frame.builder().column("a", Column.ofLongs(1)).column("a", Column.ofLongs(2)).build());
        assertEquals(0, Frame.empty().numRows());
    }

    @Test
    void indexSortedness() {
        Frame f = small().withIndex("k", Column.ofInts(1, 1, 5));
        assertTrue(f.isSorted());
        assertFalse(small().withIndex("k", Column.ofInts(1, 0, 5)).isSorted());
        assertFalse(small().withIndex("k", Column.ofInts(new int[] {1, 2, 3}, new boolean[] {true, false, true})).isSorted());
        assertTrue(small().withIndex("k", Column.ofStrings("a", "b", "b")).isSorted());
        Frame declared = Frame.builder().sortedIndex("t", Column.ofLongs(3, 2)).build();
        assertTrue(declared.isSorted());
        assertEquals(2, declared.numRows());
        assertTrue(f.slice(1, 3).isSorted());
        assertFalse(f.take(new int[] {2, 0}).isSorted());
        assertThrows(IllegalArgumentException.class, () -> small().withIndex("k", Column.ofInts(1)));
    }

    @Test
    void columnOperations() {
        Frame f = small();
        assertEquals(List.of("c", "a"), f.select("c", "a").columnNames());
        assertThrows(IllegalArgumentException.class, () -> f.select("a", "q"));
        assertEquals(List.of("a", "c"), f.drop("b").columnNames());
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> f.drop("q"));
        assertTrue(d.getMessage().contains("[a, b, c]"));
        Frame r = f.rename(Map.of("a", "alpha", "c", "gamma"));
        assertEquals(List.of("alpha", "b", "gamma"), r.columnNames());
        assertEquals(f.column("a"), r.column("alpha"));
        assertThrows(IllegalArgumentException.class, () -> f.rename(Map.of("q", "r")));
        assertThrows(IllegalArgumentException.class, () -> f.rename(Map.of("a", "b")));
        Frame w = f.withColumn("d", Column.ofBooleans(true, false, true));
        assertEquals(List.of("a", "b", "c", "d"), w.columnNames());
        Frame replaced = f.withColumn("a", Column.ofInts(7, 8, 9));
        assertEquals(List.of("a", "b", "c"), replaced.columnNames());
        assertEquals(DType.I32, replaced.column("a").dtype());
        assertThrows(IllegalArgumentException.class, () -> f.withColumn("d", Column.ofInts(1)));
        assertEquals(2, Frame.empty().withColumn("x", Column.ofInts(1, 2)).numRows());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 97})
    void rowOperationsOnRandomFrames(int n) {
        Frame f = RandomColumns.frame(n, 42 + n);
        Random r = new Random(n);
        for (int k : new int[] {0, 1, 5, n, n + 3}) {
            Frame h = f.head(k);
            Frame t = f.tail(k);
            int m = Math.min(k, n);
            assertEquals(m, h.numRows());
            assertEquals(m, t.numRows());
            assertEquals(f.slice(0, m), h);
            assertEquals(f.slice(n - m, n), t);
            assertTrue(h.isSorted());
            assertTrue(t.isSorted());
        }
        boolean[] mask = new boolean[n];
        boolean[] maskValid = new boolean[n];
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mask[i] = r.nextBoolean();
            maskValid[i] = r.nextInt(4) != 0;
            if (mask[i] && maskValid[i]) {
                expected.add(i);
            }
        }
        Frame filtered = f.filter(Column.ofBooleans(mask, maskValid));
        assertEquals(expected.size(), filtered.numRows());
        for (int c = 0; c < f.numColumns(); c++) {
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(f.column(c).get(expected.get(i)), filtered.column(c).get(i));
            }
        }
        assertTrue(filtered.isSorted());
        assertThrows(IllegalArgumentException.class, () -> f.filter(Column.ofInts(new int[n], null)));
        assertThrows(IllegalArgumentException.class, () -> f.filter(Column.ofBooleans(new boolean[n + 1])));
        assertThrows(IllegalArgumentException.class, () -> f.head(-1));
    }

    @Test
    void concatOfRandomPiecesRebuildsTheFrame() {
        Frame f = RandomColumns.frame(150, 3);
        List<Frame> pieces = List.of(f.slice(0, 0), f.slice(0, 1), f.slice(1, 70), f.slice(70, 70), f.slice(70, 150));
        Frame c = Frame.concat(pieces);
        assertEquals(f, c);
        assertTrue(c.isSorted());
        assertEquals(Frame.empty(), Frame.concat(List.of()));
        Frame strings = Frame.concat(List.of(
                Frame.builder().column("s", Column.ofStrings("a", "b")).build(),
                Frame.builder().column("s", Column.ofStrings(null, "c", "a")).build()));
        assertEquals(Frame.builder().column("s", Column.ofStrings("a", "b", null, "c", "a")).build(), strings);
        assertEquals(List.of("a", "b", "c"), strings.column("s").dictionary());
    }

    @Test
    void concatMismatchesAreNamed() {
        Frame a = small();
        Frame b = small().withColumn("c", Column.ofDoubles(1, 2, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Frame.concat(List.of(a, b)));
        assertEquals("column 'c' is i64 in frame 0 but f64 in frame 1", e.getMessage());
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> Frame.concat(List.of(a, a.drop("b"))));
        assertTrue(n.getMessage().contains("[a, c]"), n.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Frame.concat(List.of(a, a.withIndex("k", Column.ofInts(1, 2, 3)))));
        Frame c1 = Frame.builder().column("k", Column.categorical(List.of("x", "y"), "x")).build();
        Frame c2 = Frame.builder().column("k", Column.categorical(List.of("y", "x"), "x")).build();
        IllegalArgumentException cat = assertThrows(IllegalArgumentException.class, () -> Frame.concat(List.of(c1, c2)));
        assertTrue(cat.getMessage().contains("categories [x, y]"), cat.getMessage());
    }

    @Test
    void equality() {
        assertEquals(small(), small());
        assertEquals(small().hashCode(), small().hashCode());
        assertNotEquals(small(), small().rename(Map.of("a", "z")));
        assertNotEquals(small(), small().withIndex("k", Column.ofInts(1, 2, 3)));
        assertNotEquals(small(), small().withColumn("a", Column.ofDoubles(1, 2, Double.NaN)));
    }
}
