package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden outputs written to what pandas 2 prints for the same data (nullable Int64/boolean dtypes
 * for the integer and boolean columns, object dtype for strings).
 */
class FramePrinterTest {
    @Test
    void smallFrameWithEveryKindOfMissingValue() {
        Frame f = Frame.builder()
                .column("x", Column.ofDoubles(1.0, Double.NaN, 2.5))
                .column("name", Column.ofStrings("alice", null, "bob"))
                .column("n", Column.ofLongs(new long[] {1, 0, 300}, new boolean[] {true, false, true}))
                .column("flag", Column.ofBooleans(new boolean[] {true, false, false}, new boolean[] {true, true, false}))
                .column("t", Column.ofInstants(Instant.parse("2024-01-01T00:00:00Z"), null,
                        Instant.parse("2024-01-02T03:04:05Z")))
                .build();
        assertEquals(String.join("\n",
                "     x   name     n   flag                   t",
                "0  1.0  alice     1   True 2024-01-01 00:00:00",
                "1  NaN   None  <NA>  False                 NaT",
                "2  2.5    bob   300   <NA> 2024-01-02 03:04:05"), f.toString());
    }

    @Test
    void floatsShareTheirDecimalsAndMidnightTimestampsPrintAsDates() {
        Frame f = Frame.builder()
                .column("a", Column.ofDoubles(1.25, 3, -0.5))
                .column("b", Column.ofFloats(1.23456789f, 100f, Float.NaN))
                .column("d", Column.ofDates(LocalDate.of(2024, 1, 1), null, LocalDate.of(1999, 12, 31)))
                .column("ts", Column.ofInstants(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2024-01-02T00:00:00Z"), null))
                .column("c", Column.categorical(List.of("lo", "hi"), "hi", null, "lo"))
                .build();
        assertEquals(String.join("\n",
                "      a           b           d         ts    c",
                "0  1.25    1.234568  2024-01-01 2024-01-01   hi",
                "1  3.00  100.000000         NaT 2024-01-02  NaN",
                "2 -0.50         NaN  1999-12-31        NaT   lo"), f.toString());
    }

    @Test
    void namedIndex() {
        Frame f = Frame.builder().index("key", Column.ofStrings("x", "yy"))
                .column("a", Column.ofDoubles(1, 2)).build();
        assertEquals(String.join("\n",
                "       a",
                "key     ",
                "x    1.0",
                "yy   2.0"), f.toString());
    }

    @Test
    void dateIndexAsInTheDocs() {
        Frame f = Frame.builder()
                .index("date", Column.ofDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2)))
                .column("stock", Column.ofStrings("ACME", null))
                .column("close", Column.ofDoubles(10.5, Double.NaN))
                .build();
        assertEquals(String.join("\n",
                "           stock  close",
                "date                   ",
                "2024-01-01  ACME   10.5",
                "2024-01-02  None    NaN"), f.toString());
    }

    @Test
    void longFramesShowTheirEnds() {
        long[] v = new long[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        Frame f = Frame.builder().column("v", Column.ofLongs(v)).build();
        assertEquals(String.join("\n",
                "     v",
                "0    0",
                "1    1",
                "2    2",
                "3    3",
                "4    4",
                "..  ..",
                "95  95",
                "96  96",
                "97  97",
                "98  98",
                "99  99",
                "",
                "[100 rows x 1 columns]"), f.toString());
        assertEquals(61, f.head(60).toString().lines().count());
        assertEquals(14, f.head(61).toString().lines().count());
        Frame two = f.withColumn("v", Column.ofLongs(java.util.stream.LongStream.of(v).map(x -> x * 10).toArray()))
                .withColumn("w", Column.ofDoubles(java.util.stream.LongStream.of(v).mapToDouble(x -> -x - 0.5).toArray()));
        assertEquals(String.join("\n",
                "      v     w",
                "0     0  -0.5",
                "1    10  -1.5",
                "2    20  -2.5",
                "3    30  -3.5",
                "4    40  -4.5",
                "..  ...   ...",
                "95  950 -95.5",
                "96  960 -96.5",
                "97  970 -97.5",
                "98  980 -98.5",
                "99  990 -99.5",
                "",
                "[100 rows x 2 columns]"), two.toString());
    }

    @Test
    void emptyAndSingleRowFrames() {
        Frame empty = Frame.builder().column("a", Column.ofDoubles()).column("b", Column.ofStrings()).build();
        assertEquals("Empty DataFrame\nColumns: [a, b]\nIndex: []", empty.toString());
        Frame one = Frame.builder().column("a", Column.ofDoubles(Double.NaN)).build();
        assertEquals("     a\n0  NaN", one.toString());
        assertEquals("   a\n0  7", Frame.builder().column("a", Column.ofInts(7)).build().toString());
        assertEquals("   a\n0 -7", Frame.builder().column("a", Column.ofInts(-7)).build().toString());
        assertEquals("   longname\n0         1", Frame.builder().column("longname", Column.ofInts(1)).build().toString());
    }
}
