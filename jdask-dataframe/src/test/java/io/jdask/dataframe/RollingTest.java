package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingTest {
    @TempDir
    Path dir;

    /** A frame with a sorted, irregular timestamp index (with repeats), floats and ints with gaps, bools and strings. */
    private static Frame data(int n, Random r) {
        long[] t = new long[n];
        long now = 1_700_000_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(4) == 0 ? 0 : r.nextInt(3_000) * 1_000_000L;
            t[i] = now;
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextInt(4) == 0 ? Double.NaN : r.nextGaussian() * 100;
        return Frame.builder().index("t", Column.ofTimestamps(t, null))
                .column("x", Column.ofDoubles(x))
                .column("n", RandomColumns.of(DType.I32, n, r))
                .column("b", RandomColumns.of(DType.BOOL, n, r))
                .column("s", RandomColumns.of(DType.STRING, n, r))
                .build();
    }

    private static List<Window> windows() {
        return List.of(Window.ofRows(1), Window.ofRows(3), Window.ofRows(7).withMinPeriods(2), Window.ofRows(5).withMinPeriods(0),
                Window.ofTime(Duration.ofSeconds(1)), Window.ofTime(Duration.ofSeconds(5)).withMinPeriods(3),
                Window.ofTime(Duration.ofMinutes(1)));
    }

    private static String pandasWindow(Window w) {
        String size = w.isTime() ? "'" + w.duration().toMillis() + "ms'" : Integer.toString(w.rows());
        return "rolling(" + size + (w.minPeriods() >= 0 ? ", min_periods=" + w.minPeriods() : "") + ")";
    }

    @Test
    void matchesPandas() throws Exception {
        Random r = new Random(8);
        Frame f = data(400, r);
        PandasFrames.write(f, dir.resolve("in.csv"));
        StringBuilder script = new StringBuilder("""
                import warnings
                warnings.simplefilter('ignore')
                f = load('in.csv').drop(columns=['s'])
                f = f.astype({'n': 'float64', 'b': 'float64'})
                """);
        List<Frame> ours = new ArrayList<>();
        for (Window w : windows()) {
            for (RollingAgg agg : RollingAgg.values()) {
                ours.add(Rolling.rolling(f, w, agg));
                script.append("save(f.").append(pandasWindow(w)).append('.').append(agg.name().toLowerCase())
                        .append("(), 'out").append(ours.size() - 1).append(".csv')\n");
            }
        }
        PandasFrames.run(dir, script.toString());
        int c = 0;
        for (Window w : windows()) {
            for (RollingAgg agg : RollingAgg.values()) {
                Frame o = ours.get(c);
                assertEquals(List.of("x", "n", "b"), o.columnNames());
                assertEquals(f.index(), o.index());
                PandasFrames.assertMatches(o, dir.resolve("out" + c + ".csv"), 1e-9, w + " " + agg);
                c++;
            }
        }
    }

    @Test
    void partitionsWithBorrowedTailsEqualTheWholeFrame() {
        Random r = new Random(21);
        for (int rep = 0; rep < 20; rep++) {
            Frame f = data(r.nextInt(200), r);
            int nparts = 1 + r.nextInt(8);
            int[] cuts = new int[nparts + 1];
            cuts[nparts] = f.numRows();
            for (int p = 1; p < nparts; p++) cuts[p] = r.nextInt(f.numRows() + 1);
            java.util.Arrays.sort(cuts);
            for (Window w : windows()) {
                for (RollingAgg agg : RollingAgg.values()) {
                    Frame whole = Rolling.rolling(f, w, agg);
                    List<Frame> pieces = new ArrayList<>();
                    Frame tail = null;
                    for (int p = 0; p < nparts; p++) {
                        Frame part = f.slice(cuts[p], cuts[p + 1]);
                        pieces.add(Rolling.rolling(part, tail, w, agg));
                        tail = Rolling.tailFor(tail == null ? part : Frame.concat(List.of(tail, part)), w);
                    }
                    Frame joined = Frame.concat(pieces);
                    String what = "rep " + rep + " cuts " + java.util.Arrays.toString(cuts) + " " + w + " " + agg;
                    assertEquals(whole.index(), joined.index(), what);
                    for (String col : whole.columnNames()) {
                        for (int i = 0; i < whole.numRows(); i++) {
                            PandasFrames.assertClose(whole.column(col).getDouble(i), joined.column(col).getDouble(i), 1e-12,
                                    what + " column " + col + " row " + i);
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowWindowsNeedNoIndexAndTimeWindowsCheckTheirs() {
        Frame f = Frame.builder().column("x", Column.ofDoubles(1, 2, Double.NaN, 4)).build();
        assertEquals(Column.ofDoubles(Double.NaN, 3, Double.NaN, Double.NaN), Rolling.rolling(f, Window.ofRows(2), RollingAgg.SUM).column("x"));
        assertEquals(Column.ofDoubles(1, 2, 1, 1), Rolling.rolling(f, Window.ofRows(2), RollingAgg.COUNT).column("x"));
        assertEquals(Column.ofDoubles(1, 2, 2, 4), Rolling.rolling(f, Window.ofRows(2).withMinPeriods(1), RollingAgg.MAX).column("x"));
        assertThrows(IllegalArgumentException.class, () -> Rolling.rolling(f, Window.ofTime(Duration.ofSeconds(1)), RollingAgg.SUM));
        Frame unsorted = f.withIndex("t", Column.ofDates(java.time.LocalDate.of(2024, 1, 2), java.time.LocalDate.of(2024, 1, 1),
                java.time.LocalDate.of(2024, 1, 3), java.time.LocalDate.of(2024, 1, 4)));
        assertThrows(IllegalArgumentException.class, () -> Rolling.rolling(unsorted, Window.ofTime(Duration.ofDays(2)), RollingAgg.SUM));
        Frame days = unsorted.withIndex("t", Column.ofDates(java.time.LocalDate.of(2024, 1, 1), java.time.LocalDate.of(2024, 1, 2),
                java.time.LocalDate.of(2024, 1, 3), java.time.LocalDate.of(2024, 1, 5)));
        assertEquals(Column.ofDoubles(1, 3, 2, 4), Rolling.rolling(days, Window.ofTime(Duration.ofDays(2)), RollingAgg.SUM).column("x"));
        assertThrows(IllegalArgumentException.class, () -> Window.ofRows(0));
        assertThrows(IllegalArgumentException.class, () -> Window.ofTime(Duration.ZERO));
        assertEquals(0, Rolling.rolling(f.head(0), Window.ofRows(3), RollingAgg.MEAN).numRows());
    }
}
