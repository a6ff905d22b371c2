package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jdask.scheduler.TaskFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lazy rolling windows equal the pandas-tested kernel run on the whole frame, across partition boundaries. */
class LazyRollingTest {
    /** Sorted timestamp index with repeated instants and gaps; columns a (f64 with NaN), b (i64 with missing), c (string). */
    private static Frame data(int n, long seed) {
        Random r = new Random(seed);
        long[] t = new long[n];
        long now = 946_684_800_000_000_000L;
        for (int i = 0; i < n; i++) {
            now += r.nextInt(4) == 0 ? 0 : (1 + r.nextInt(90)) * 1_000_000_000L;
            t[i] = now;
        }
        return Frame.builder()
                .index("time", Column.ofTimestamps(t, null))
                .column("a", RandomColumns.of(DType.F64, n, r))
                .column("b", RandomKeys.rowNumbers(n, -50, r))
                .column("c", RandomColumns.of(DType.STRING, n, r))
                .build();
    }

    @Test
    void rowAndTimeWindowsMatchTheWholeFrameAcrossUnevenAndEmptyPartitions() {
        Random r = new Random(7);
        List<Window> windows = List.of(Window.ofRows(1), Window.ofRows(3), Window.ofRows(25), Window.ofRows(4).withMinPeriods(1),
                Window.ofTime(Duration.ofSeconds(1)), Window.ofTime(Duration.ofMinutes(2)), Window.ofTime(Duration.ofMinutes(30)).withMinPeriods(3));
        for (int rep = 0; rep < 6; rep++) {
            Frame f = data(r.nextInt(300), rep);
            DataFrame df = FrameRows.randomParts(f, r, 9);
            for (Window w : windows) {
                for (RollingAgg agg : RollingAgg.values()) {
                    DataFrame got = df.rolling(w).agg(agg);
                    assertThat(got.npartitions()).isEqualTo(df.npartitions());
                    assertThat(got.columns()).containsExactly("a", "b");
                    assertClose(Rolling.rolling(f, w, agg), got.compute(), "rep " + rep + " " + w + " " + agg);
                }
            }
        }
    }

    /** Same index and columns; values equal to 1e-9 relative (running sums that start at a partition round differently). */
    private static void assertClose(Frame expected, Frame actual, String what) {
        assertThat(actual.index()).as(what).isEqualTo(expected.index());
        assertThat(actual.columnNames()).as(what).isEqualTo(expected.columnNames());
        for (String c : expected.columnNames()) {
            for (int i = 0; i < expected.numRows(); i++) {
                PandasFrames.assertClose(expected.column(c).getDouble(i), actual.column(c).getDouble(i), 1e-9, what + " column " + c + " row " + i);
            }
        }
    }

    @TempDir
    Path dir;

    /** Directly against pandas' rolling of the whole frame, for a frame cut into uneven partitions with empty ones. */
    @Test
    void matchesPandasRollingOfTheWholeFrame() throws Exception {
        Frame f = data(300, 12);
        DataFrame df = DataFrame.fromFrames(TestData.cut(f, 2, 0, 40, 1, 0, 0, 90, 3));
        PandasFrames.write(f, dir.resolve("in.csv"));
        StringBuilder script = new StringBuilder("f = load('in.csv').drop(columns=['c']).astype({'b': 'float64'})\n");
        List<Frame> ours = new ArrayList<>();
        for (Window w : List.of(Window.ofRows(4), Window.ofRows(6).withMinPeriods(2), Window.ofTime(Duration.ofMinutes(3)))) {
            String size = w.isTime() ? "'" + w.duration().toMillis() + "ms'" : Integer.toString(w.rows());
            String call = "rolling(" + size + (w.minPeriods() >= 0 ? ", min_periods=" + w.minPeriods() : "") + ")";
            for (RollingAgg agg : RollingAgg.values()) {
                ours.add(df.rolling(w).agg(agg).compute());
                script.append("save(f.").append(call).append('.').append(agg.name().toLowerCase())
                        .append("(), 'out").append(ours.size() - 1).append(".csv')\n");
            }
        }
        PandasFrames.run(dir, script.toString());
        for (int c = 0; c < ours.size(); c++) {
            PandasFrames.assertMatches(ours.get(c), dir.resolve("out" + c + ".csv"), 1e-9, "case " + c);
        }
    }

    @Test
    void shortcutsAndDivisionsAreKept() {
        Frame f = data(200, 3);
        DataFrame df = DataFrame.fromFrame(f, 4);
        Window w = Window.ofTime(Duration.ofMinutes(5));
        assertThat(df.rolling(w).mean().divisions()).isEqualTo(df.divisions());
        assertClose(Rolling.rolling(f, w, RollingAgg.SUM), df.rolling(w).sum().compute(), "sum");
        assertClose(Rolling.rolling(f, w, RollingAgg.MEAN), df.rolling(w).mean().compute(), "mean");
        assertThat(df.rolling(w).count().compute()).isEqualTo(Rolling.rolling(f, w, RollingAgg.COUNT));
        assertThat(df.rolling(w).min().compute()).isEqualTo(Rolling.rolling(f, w, RollingAgg.MIN));
        assertThat(df.rolling(w).max().compute()).isEqualTo(Rolling.rolling(f, w, RollingAgg.MAX));
    }

    @Test
    void timeWindowsNeedATimeIndexSortedAcrossPartitions() {
        Frame f = data(100, 4);
        Frame noIndex = Frame.builder().column("a", f.column("a")).build();
        assertThat(assertThrows(IllegalArgumentException.class,
                () -> DataFrame.fromFrame(noIndex, 2).rolling(Window.ofTime(Duration.ofMinutes(1)))).getMessage()).contains("timestamp or date index");
        DataFrame backwards = DataFrame.fromFrames(List.of(f.slice(50, 100), f.slice(0, 50)));
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> backwards.rolling(Window.ofTime(Duration.ofMinutes(1))).sum().compute());
        assertThat(e.getMessage()).contains("sorted index");
    }
}
