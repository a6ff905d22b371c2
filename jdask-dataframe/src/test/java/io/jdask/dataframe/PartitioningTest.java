package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class PartitioningTest {
    private static Column rowIds(int n) {
        long[] x = new long[n];
        for (int i = 0; i < n; i++) x[i] = i;
        return Column.ofLongs(x);
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void splitKeepsEveryRowOnceInOrderAndEqualKeysTogether(DType t) {
        Random r = new Random(t.ordinal());
        for (int n : new int[] {0, 1, 17, 500}) {
            Frame f = Frame.builder().column("k", RandomKeys.of(t, n, r, 9)).column("k2", RandomKeys.of(DType.STRING, n, r, 3))
                    .column("row", rowIds(n)).build();
            for (int nparts : new int[] {1, 2, 7}) {
                Frame[] parts = Partitioning.split(f, List.of("k", "k2"), nparts);
                assertEquals(nparts, parts.length);
                List<Frame> nonEmpty = new ArrayList<>();
                Map<Object, Integer> partOfKey = new HashMap<>();
                int total = 0;
                for (int p = 0; p < nparts; p++) {
                    Column rows = parts[p].column("row");
                    for (int i = 0; i < rows.length(); i++) {
                        if (i > 0) {
                            assertEquals(-1, Long.signum(rows.getLong(i - 1) - rows.getLong(i)), "order within a part");
                        }
                        Object key = List.of(String.valueOf(parts[p].column("k").get(i)), String.valueOf(parts[p].column("k2").get(i)));
                        final int part = p;
                        assertEquals(p, partOfKey.computeIfAbsent(key, x -> part), "key " + key);
                    }
                    total += rows.length();
                    if (rows.length() > 0) nonEmpty.add(parts[p]);
                }
                assertEquals(n, total);
                assertEquals(f, Sorting.sort(Frame.concat(nonEmpty.isEmpty() ? List.of(f.head(0)) : nonEmpty), "row"));
            }
        }
    }

    @Test
    void equalValuesHashAlikeWhateverTheStorage() {
        // strings with different dictionaries (different codes for the same text)
        Frame a = Frame.builder().column("k", Column.ofStrings("x", "y", null, "z")).build();
        Frame b = Frame.builder().column("k", Column.ofStrings("z", null, "y", "x")).build();
        long[] ha = Partitioning.hash(a, List.of("k"));
        long[] hb = Partitioning.hash(b, List.of("k"));
        assertArrayEquals(new long[] {ha[0], ha[1], ha[2], ha[3]}, new long[] {hb[3], hb[2], hb[1], hb[0]});
        Frame c = Frame.builder().column("k", Column.categorical(List.of("z", "y", "x"), "x", "y", null, "z")).build();
        assertArrayEquals(ha, Partitioning.hash(c, List.of("k")));
        // integers of any width and integral floats; -0.0 and 0.0; NaN and missing integers
        long[] h64 = Partitioning.hash(Frame.builder().column("k", Column.ofLongs(new long[] {0, 3, -7, 9}, new boolean[] {true, true, true, false})).build(), List.of("k"));
        long[] h32 = Partitioning.hash(Frame.builder().column("k", Column.ofInts(new int[] {0, 3, -7, 1}, new boolean[] {true, true, true, false})).build(), List.of("k"));
        long[] hf = Partitioning.hash(Frame.builder().column("k", Column.ofDoubles(-0.0, 3.0, -7.0, Double.NaN)).build(), List.of("k"));
        long[] hh = Partitioning.hash(Frame.builder().column("k", Column.ofHalfs(0f, 3f, -7f, Float.NaN)).build(), List.of("k"));
        assertArrayEquals(h64, h32);
        assertArrayEquals(h64, hf);
        assertArrayEquals(h64, hh);
        assertNotEquals(hf[0], Partitioning.hash(Frame.builder().column("k", Column.ofDoubles(0.5)).build(), List.of("k"))[0]);
        // the index hashes like a column
        Frame idx = Frame.builder().index("i", Column.ofStrings("x", "y", null, "z")).build();
        assertArrayEquals(ha, Partitioning.hashIndex(idx));
        assertEquals(Partitioning.split(a, List.of("k"), 5)[2].numRows() > 0, Partitioning.splitOnIndex(idx, 5)[2].numRows() > 0);
    }

    @Test
    void partsKeepOnlyTheStringsTheyUse() {
        String[] s = new String[1000];
        for (int i = 0; i < s.length; i++) s[i] = i % 10 == 0 ? null : "s" + i;
        Frame f = Frame.builder().index("i", Column.ofStrings(s)).column("s", Column.ofStrings(s)).column("row", rowIds(s.length)).build();
        Frame[] parts = Partitioning.split(f, List.of("s"), 8);
        int total = 0;
        for (Frame p : parts) {
            total += p.column("s").dictionary().size();
            assertEquals(p.numRows() - p.column("s").nullCount(), p.column("s").dictionary().size());
            assertEquals(p.column("s"), p.index());
            for (int i = 0; i < p.numRows(); i++) {
                assertEquals(s[(int) p.column("row").getLong(i)], p.column("s").getString(i));
            }
        }
        assertEquals(900, total);
    }

    @Test
    void hashesSpreadRowsOverParts() {
        int n = 100_000;
        long[] x = new long[n];
        for (int i = 0; i < n; i++) x[i] = i * 1024L; // regular keys must not collide into few parts
        Frame[] parts = Partitioning.split(Frame.builder().column("k", Column.ofLongs(x)).build(), List.of("k"), 16);
        for (Frame p : parts) {
            assertEquals(n / 16.0, p.numRows(), n / 16.0 * 0.1);
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void splitByDivisionsMatchesANaiveSearch(DType t) {
        Random r = new Random(100 + t.ordinal());
        Column keys = RandomKeys.of(t, 300, r, 10);
        Frame f = Frame.builder().column("k", keys).column("row", rowIds(300)).build();
        Column sorted = Sorting.sort(f.filter(notNull(keys)), "k").column("k");
        if (sorted.length() < 2) {
            return;
        }
        int[] at = {0, sorted.length() / 3, sorted.length() / 2, sorted.length() - 1};
        Column divisions = sorted.take(at);
        Frame[] parts = Partitioning.splitByDivisions(f, "k", divisions);
        assertEquals(3, parts.length);
        int total = 0;
        for (int p = 0; p < 3; p++) {
            Column k = parts[p].column("k");
            total += k.length();
            for (int i = 0; i < k.length(); i++) {
                int expected = k.isNull(i) ? 2 : naivePart(k, i, divisions);
                assertEquals(expected, p, "row " + parts[p].column("row").getLong(i) + " key " + k.get(i));
            }
        }
        assertEquals(300, total);
        Frame byIndex = f.withIndex("k", keys);
        Frame[] ip = Partitioning.splitIndexByDivisions(byIndex, divisions);
        for (int p = 0; p < 3; p++) {
            assertEquals(parts[p].column("row"), ip[p].column("row"));
        }
    }

    private static Column notNull(Column c) {
        boolean[] ok = new boolean[c.length()];
        for (int i = 0; i < ok.length; i++) ok[i] = !c.isNull(i);
        return Column.ofBooleans(ok);
    }

    private static int naivePart(Column k, int i, Column divisions) {
        int p = 0;
        for (int d = 1; d < divisions.length() - 1; d++) {
            Object dv = divisions.get(d);
            Object kv = k.get(i);
            int cmp = kv instanceof String s ? s.compareTo((String) dv) : kv instanceof Boolean bo ? Boolean.compare(bo, (Boolean) dv)
                    : ((Comparable<Object>) normal(kv)).compareTo(normal(dv));
            if (cmp >= 0) {
                p = d;
            }
        }
        return p;
    }

    private static Object normal(Object v) {
        return v instanceof Number n && !(v instanceof Long) && !(v instanceof Integer) ? (Object) (n.doubleValue() + 0.0) : v;
    }

    @Test
    void divisionsOfAnotherNumericTypeAndBadDivisions() {
        Frame f = Frame.builder().column("k", Column.ofInts(1, 5, 10, 15)).build();
        Frame[] parts = Partitioning.splitByDivisions(f, "k", Column.ofDoubles(0, 4.5, 12));
        assertEquals(Column.ofInts(1), parts[0].column("k"));
        assertEquals(Column.ofInts(5, 10, 15), parts[1].column("k"));
        assertThrows(IllegalArgumentException.class, () -> Partitioning.splitByDivisions(f, "k", Column.ofDoubles(3, 1)));
        assertThrows(IllegalArgumentException.class, () -> Partitioning.splitByDivisions(f, "k", Column.ofDoubles(3)));
        assertEquals("cannot split 'k' (i32) by string divisions",
                assertThrows(IllegalArgumentException.class, () -> Partitioning.splitByDivisions(f, "k", Column.ofStrings("a", "b"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Partitioning.split(f, List.of("k"), 0));
        assertThrows(IllegalArgumentException.class, () -> Partitioning.splitOnIndex(f, 2));
    }
}
