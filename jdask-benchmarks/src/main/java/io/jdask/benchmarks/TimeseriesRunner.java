package io.jdask.benchmarks;

import io.jdask.Jdask;
import io.jdask.dataframe.Agg;
import io.jdask.dataframe.Column;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Datasets;
import io.jdask.dataframe.Frame;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The side-by-side runner for {@code shared/bench/anchors/bench_c_timeseries.py}: the same
 * workload on the same shape of data,
 *
 * <pre>{@code
 * Datasets.timeseries(2000-01-01, 2000-01-31, 1 s, 1 day, seed 42).groupBy("name").agg(Agg.mean("x"))
 * }</pre>
 *
 * timed like the anchor (median of repeated runs after warm-up): with the data generated inside
 * the partition tasks (as Dask does; the groupby generates only the two columns it reads, the
 * timestamps and the names' codes), data generation of every column alone, the groupby on persisted
 * partitions, and a single-threaded plain Java loop over the materialised frame (the analogue of
 * pandas in memory), which the results are checked against. Prints {@code RESULT | ...} lines.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.TimeseriesRunner [repeats] [end-date]
 * </pre>
 */
public final class TimeseriesRunner {
    private TimeseriesRunner() {}

    /**
     * @param args optionally the number of timed repeats (default 5) and the end date (default
     *     2000-01-31)
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String end = args.length > 1 ? args[1] : "2000-01-31";
        DataFrame df = Datasets.timeseries(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse(end + "T00:00:00Z"),
                java.time.Duration.ofSeconds(1), java.time.Duration.ofDays(1), 42);
        Frame all = df.compute();
        String size = String.format(Locale.ROOT, "%.2fM rows, %d parts", all.numRows() / 1e6, df.npartitions());
        Map<String, Double> reference = plainJava(all);

        for (String name : List.of("threads", "sync")) {
            Scheduler s = Schedulers.byName(name);
            double[] t = Timing.median(repeats, () -> check(reference, (Frame) Jdask.with(s).compute(groupbyMean(df)).get(0)));
            report(size, "jdask " + name + ": groupBy(name).agg(mean(x)) incl. generation", t, all.numRows(),
                    "median of " + repeats + "; == plain Java loop");
        }
        double[] gen = Timing.median(repeats, () -> Jdask.with(Schedulers.threaded()).compute(df.count()).get(0));
        report(size, "jdask threads: data generation only, all columns (count())", gen, all.numRows(), "median of " + repeats);
        DataFrame persisted = df.persist();
        double[] p = Timing.median(repeats, () -> check(reference, groupbyMean(persisted).compute()));
        report(size, "jdask threads: groupBy on persisted data", p, all.numRows(), "median of " + repeats);
        double[] loop = Timing.median(repeats, () -> plainJava(all));
        report(size, "plain Java loop, 1 thread, materialised frame (pandas analogue)", loop, all.numRows(), "median of " + repeats);
    }

    static DataFrame groupbyMean(DataFrame df) {
        return df.groupBy("name").agg(Agg.mean("x"));
    }

    /** One pass over the materialised frame: group by dictionary code into two primitive arrays. */
    static Map<String, Double> plainJava(Frame f) {
        Column name = f.column("name");
        Column x = f.column("x");
        List<String> dict = name.dictionary();
        double[] sum = new double[dict.size()];
        long[] n = new long[dict.size()];
        for (int i = 0, rows = f.numRows(); i < rows; i++) {
            int c = name.getCode(i);
            double v = x.getDouble(i);
            if (!Double.isNaN(v)) {
                sum[c] += v;
                n[c]++;
            }
        }
        Map<String, Double> out = new HashMap<>();
        for (int c = 0; c < sum.length; c++) {
            if (n[c] > 0) {
                out.put(dict.get(c), sum[c] / n[c]);
            }
        }
        return out;
    }

    private static Object check(Map<String, Double> expected, Frame got) {
        if (got.numRows() != expected.size()) {
            throw new AssertionError("groups differ: " + got.numRows() + " vs " + expected.size());
        }
        for (int i = 0; i < got.numRows(); i++) {
            double want = expected.get(got.index().getString(i));
            if (Math.abs(got.column("x").getDouble(i) - want) > 1e-12) {
                throw new AssertionError("mean of " + got.index().getString(i) + " differs: " + got.column("x").getDouble(i) + " vs " + want);
            }
        }
        return got;
    }

    private static void report(String size, String tool, double[] seconds, long rows, String notes) {
        String load = Timing.load();
        System.out.printf(Locale.ROOT, "RESULT | c timeseries groupby | %s | %s | %.4f | %.1f M rows/s | %s; CPU %.2f s; load %s%n",
                size, tool, seconds[0], rows / seconds[0] / 1e6, notes, seconds[1], load);
    }
}
