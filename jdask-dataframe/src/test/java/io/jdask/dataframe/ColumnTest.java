package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ColumnTest {
    @Test
    void factoriesAndGetters() {
        Column d = Column.ofDoubles(1.5, Double.NaN, -2);
        assertEquals(DType.F64, d.dtype());
        assertEquals(3, d.length());
        assertTrue(d.isNull(1));
        assertEquals(1, d.nullCount());
        assertEquals(-2.0, d.getDouble(2));

        Column l = Column.ofLongs(new long[] {7, 8, 9}, new boolean[] {true, false, true});
        assertEquals(7, l.getLong(0));
        assertTrue(l.isNull(1));
        assertTrue(Double.isNaN(l.getDouble(1)));
        assertThrows(IllegalStateException.class, () -> l.getLong(1));
        assertNull(l.get(1));

        Column s = Column.ofStrings("a", null, "b", "a");
        assertEquals(List.of("a", "b"), s.dictionary());
        assertEquals("a", s.getString(3));
        assertNull(s.getString(1));
        assertEquals(1, s.nullCount());
        assertEquals(s.getCode(0), s.getCode(3));
        assertThrows(IllegalStateException.class, () -> s.getDouble(0));

        Column h = Column.ofHalfs(1.1f, Float.NaN);
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(1.1f)), h.getFloat(0));
        assertTrue(h.isNull(1));

        Column t = Column.ofInstants(Instant.parse("2024-03-01T12:00:00.5Z"), null);
        assertEquals(Instant.parse("2024-03-01T12:00:00.5Z"), t.getInstant(0));
        assertEquals(1_709_294_400_500_000_000L, t.getLong(0));
        assertTrue(t.isNull(1));

        Column dt = Column.ofDates(LocalDate.of(1969, 12, 31), null);
        assertEquals(-1, dt.getInt(0));
        assertEquals(LocalDate.of(1969, 12, 31), dt.getDate(0));

        Column c = Column.categorical(List.of("lo", "hi"), "hi", null, "lo");
        assertEquals(DType.CATEGORY, c.dtype());
        assertEquals(0, c.getCode(2));
        assertEquals("hi", c.getString(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Column.categorical(List.of("lo", "hi"), "lo", "mid"));
        assertTrue(e.getMessage().contains("row 1") && e.getMessage().contains("'mid'"), e.getMessage());

        Column b = Column.ofBooleans(new boolean[] {true, false}, new boolean[] {true, true});
        assertEquals(0, b.nullCount());
        assertFalse(b.getBoolean(1));
        assertThrows(IllegalArgumentException.class, () -> Column.ofInts(new int[2], new boolean[3]));
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void sliceAndTakeAgreeWithGet(DType t) {
        Random r = new Random(t.ordinal() * 31L + 7);
        for (int n : new int[] {0, 1, 130}) {
            Column c = RandomColumns.of(t, n, r);
            int nulls = 0;
            for (int i = 0; i < n; i++) {
                nulls += c.isNull(i) ? 1 : 0;
            }
            assertEquals(nulls, c.nullCount());
            int from = n == 0 ? 0 : r.nextInt(n);
            int to = from + (n == from ? 0 : r.nextInt(n - from + 1));
            Column s = c.slice(from, to);
            assertEquals(to - from, s.length());
            for (int i = from; i < to; i++) {
                assertEquals(c.get(i), s.get(i - from));
                assertEquals(c.isNull(i), s.isNull(i - from));
            }
            int[] rows = new int[n == 0 ? 0 : 2 * n];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = r.nextInt(n);
            }
            Column k = c.take(rows);
            for (int i = 0; i < rows.length; i++) {
                assertEquals(c.get(rows[i]), k.get(i));
            }
            assertEquals(c, c.slice(0, n));
            assertEquals(c.hashCode(), c.slice(0, n).hashCode());
        }
        assertThrows(IndexOutOfBoundsException.class, () -> RandomColumns.of(t, 3, r).take(new int[] {3}));
    }

    @Test
    void validitySlicesAtEveryBitOffset() {
        Random r = new Random(5);
        int n = 200;
        long[] v = new long[n];
        boolean[] ok = new boolean[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
            ok[i] = r.nextInt(3) != 0;
        }
        Column c = Column.ofLongs(v, ok);
        for (int from = 0; from <= 130; from++) {
            for (int to : new int[] {from, from + 1, from + 63, from + 64, from + 65, n}) {
                Column s = c.slice(from, to);
                int nulls = 0;
                for (int i = from; i < to; i++) {
                    assertEquals(!ok[i], s.isNull(i - from));
                    nulls += ok[i] ? 0 : 1;
                }
                assertEquals(nulls, s.nullCount());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(DType.class)
    void everyTypeRoundTripsThroughString(DType t) {
        Column c = RandomColumns.of(t, 200, new Random(t.ordinal()));
        Column s = c.astype(DType.STRING);
        assertEquals(c.nullCount(), s.nullCount());
        Column back = s.astype(t);
        if (t == DType.CATEGORY) {
            // categories are rebuilt from the values present, sorted
            for (int i = 0; i < c.length(); i++) {
                assertEquals(c.getString(i), back.getString(i));
            }
        } else {
            assertEquals(c, back);
        }
    }

    @Test
    void numericCasts() {
        Column d = Column.ofDoubles(1.9, -2.7, Double.NaN);
        Column i = d.astype(DType.I64);
        assertEquals(1, i.getLong(0));
        assertEquals(-2, i.getLong(1));
        assertTrue(i.isNull(2));
        assertEquals(Column.ofDoubles(1, -2, Double.NaN), i.astype(DType.F64));
        assertEquals(Column.ofBooleans(new boolean[] {true, true, false}, new boolean[] {true, true, false}),
                d.astype(DType.BOOL));
        Column f = d.astype(DType.F32);
        assertEquals(1.9f, f.getFloat(0));
        Column h = d.astype(DType.F16);
        assertEquals(Float.float16ToFloat(Float.floatToFloat16(1.9f)), h.getFloat(0));
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Column.ofLongs(1, 1L << 40).astype(DType.I32));
        assertTrue(big.getMessage().contains("row 1"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Column.ofDoubles(1, Double.POSITIVE_INFINITY).astype(DType.I64));
    }

    @Test
    void temporalCasts() {
        Column d = Column.ofDates(LocalDate.of(2024, 2, 29), null);
        Column ts = d.astype(DType.TIMESTAMP);
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), ts.getInstant(0));
        assertTrue(ts.isNull(1));
        assertEquals(d, ts.astype(DType.DATE));
        assertEquals(Column.ofInstants(Instant.parse("2024-02-29T10:11:12Z")),
                Column.ofStrings("2024-02-29 10:11:12").astype(DType.TIMESTAMP));
        assertEquals(Column.ofDates(LocalDate.of(2024, 2, 29)), Column.ofStrings(" 2024-02-29").astype(DType.DATE));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Column.ofDoubles(1).astype(DType.TIMESTAMP));
        assertEquals("cannot cast a f64 column to timestamp", e.getMessage());
    }

    @Test
    void badStringCastNamesRowAndValue() {
        Column s = Column.ofStrings("1.5", null, "abc");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.astype(DType.F64));
        assertEquals("row 2: cannot convert 'abc' to f64", e.getMessage());
        IllegalArgumentException b = assertThrows(IllegalArgumentException.class,
                () -> Column.ofStrings("true", "yes").astype(DType.BOOL));
        assertEquals("row 1: cannot convert 'yes' to bool", b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Column.ofStrings("1.0").astype(DType.I64));
        Column ok = s.slice(0, 2).astype(DType.F64);
        assertEquals(Column.ofDoubles(1.5, Double.NaN), ok);
    }

    @Test
    void categoryCasts() {
        Column s = Column.ofStrings("b", null, "a", "b");
        Column c = s.astype(DType.CATEGORY);
        assertEquals(List.of("a", "b"), c.dictionary());
        assertEquals(Column.categorical(List.of("a", "b"), "b", null, "a", "b"), c);
        assertEquals(s, c.astype(DType.STRING));
        assertEquals(Column.ofInts(new int[] {2, 0, 1}, new boolean[] {true, false, true}),
                Column.categorical(List.of("x", "1", "2"), "2", null, "1").astype(DType.I32));
    }
}
