package io.jdask.cli;

import io.jdask.dataframe.Column;
import io.jdask.dataframe.DType;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Frame;
import io.jdask.dataframe.IfExists;
import io.jdask.dataframe.Sql;
import io.jdask.dataframe.SqlOptions;
import io.jdask.dataframe.StockHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The correlation use case, built with the public DataFrame API only: read {@code history(date,
 * stock, close)} partitioned by date, pivot to one column per stock, drop empty columns, cast,
 * pairwise-complete Pearson correlation, upper triangle, stack to {@code (stock1, stock2,
 * correlation)}, write to a table in chunks. Each stage is timed; {@link #check} recomputes some
 * pairs by a plain loop. The same stages run on a local scheduler or a cluster ({@link Engine}).
 */
final class CorrelationDemo {
    private CorrelationDemo() {}

    /** What the demo is asked to do. */
    record Settings(String jdbcUrl, String table, String outputTable, int partitions, DType dtype, int chunkSize, int minPeriods) {}

    /**
     * Where the stages run: {@link #LOCAL} on this process's current scheduler, or a cluster
     * ({@link ClusterEngine}).
     */
    interface Engine {
        /** @return {@code df} with its partitions computed and kept where the stages run */
        DataFrame persist(DataFrame df);

        /** @return the options of the partition reads */
        SqlOptions readOptions();

        /** Writes the pairs to {@code s.outputTable()}, replacing it. @return the rows written */
        long write(DataFrame pairs, Settings s);
    }

    /** This process's current scheduler: persisted values live here, partitions are written in parallel here. */
    static final Engine LOCAL = new Engine() {
        @Override
        public DataFrame persist(DataFrame df) {
            return df.persist();
        }

        @Override
        public SqlOptions readOptions() {
            return SqlOptions.defaults();
        }

        @Override
        public long write(DataFrame pairs, Settings s) {
            return pairs.toSql(s.jdbcUrl(), s.outputTable(), IfExists.REPLACE, s.chunkSize());
        }
    };

    /** One strongly correlated pair. */
    record Pair(String stock1, String stock2, double correlation) {}

    /** What the run produced: the stages' seconds in order, and the results. */
    record Result(Map<String, Double> seconds, long historyRows, int stocks, int dates, int dropped, long pairsWritten,
            Frame wide, Frame corr) {}

    /** Generates the history table unless it exists; @return the rows written, or -1 when it existed */
    static long ensureHistory(String jdbcUrl, String table, int stocks, int years, long seed) {
        if (Sql.tableExists(jdbcUrl, table, SqlOptions.defaults())) {
            return -1;
        }
        return StockHistory.generate(jdbcUrl, table, stocks, years, seed, IfExists.FAIL, SqlOptions.defaults());
    }

    static Result run(Settings s, Engine engine) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        DataFrame history = engine.persist(DataFrame.readSqlQuery(s.jdbcUrl(), "SELECT date, stock, close FROM " + s.table(),
                "date", s.partitions(), engine.readOptions()));
        long rows = history.col("close").count().compute();
        t = lap(seconds, "read " + s.table() + " (" + history.npartitions() + " partitions)", t);

        DataFrame wide = engine.persist(history.pivot("date", "stock", "close"));
        int before = wide.columns().size();
        t = lap(seconds, "pivot to one column per stock", t);

        wide = wide.dropEmptyColumns();
        int dropped = before - wide.columns().size();
        if (s.dtype() != DType.F64) {
            wide = engine.persist(wide.astype(s.dtype()));
        }
        t = lap(seconds, "drop empty columns" + (s.dtype() != DType.F64 ? ", cast to " + s.dtype().label() : ""), t);

        DataFrame corr = engine.persist(wide.corr(s.minPeriods()));
        t = lap(seconds, "pairwise-complete Pearson correlation", t);

        long written = engine.write(corr.upperTriangle(false).stack("stock1", "stock2", "correlation"), s);
        lap(seconds, "upper triangle, stack, write " + s.outputTable(), t);

        Frame w = wide.compute();
        return new Result(seconds, rows, wide.columns().size(), w.numRows(), dropped, written, w, corr.compute());
    }

    private static long lap(Map<String, Double> seconds, String stage, long since) {
        long now = System.nanoTime();
        seconds.put(stage, (now - since) / 1e9);
        return now;
    }

    /** @return the {@code n} pairs with the largest absolute correlation, strongest first */
    static List<Pair> strongest(Frame corr, int n) {
        List<Pair> all = new ArrayList<>();
        List<String> names = corr.columnNames();
        for (int i = 0; i < names.size(); i++) {
            for (int j = i + 1; j < names.size(); j++) {
                double r = corr.column(j).getDouble(i);
                if (!Double.isNaN(r)) {
                    all.add(new Pair(names.get(i), names.get(j), r));
                }
            }
        }
        all.sort((a, b) -> Double.compare(Math.abs(b.correlation()), Math.abs(a.correlation())));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }

    /**
     * Recomputes {@code samples} random pairs of the wide table by a plain two-pass loop over the
     * rows where both are present (NaN below {@code minPeriods} such rows).
     *
     * @return the largest absolute difference from the computed matrix (0 when nothing to compare;
     *     infinity when one is NaN and the other not)
     */
    static double check(Frame wide, Frame corr, int samples, long seed, int minPeriods) {
        Random r = new Random(seed);
        int n = wide.numColumns();
        double worst = 0;
        for (int k = 0; k < samples && n > 1; k++) {
            int a = r.nextInt(n);
            int b = r.nextInt(n);
            double expected = naive(wide.column(a), wide.column(b), minPeriods);
            double got = corr.column(b).getDouble(a);
            if (Double.isNaN(expected) != Double.isNaN(got)) {
                return Double.POSITIVE_INFINITY;
            }
            if (!Double.isNaN(expected)) {
                worst = Math.max(worst, Math.abs(expected - got));
            }
        }
        return worst;
    }

    static double naive(Column x, Column y, int minPeriods) {
        double sx = 0;
        double sy = 0;
        int count = 0;
        for (int i = 0; i < x.length(); i++) {
            double u = x.getDouble(i);
            double v = y.getDouble(i);
            if (!Double.isNaN(u) && !Double.isNaN(v)) {
                sx += u;
                sy += v;
                count++;
            }
        }
        if (count < Math.max(2, minPeriods)) {
            return Double.NaN;
        }
        double mx = sx / count;
        double my = sy / count;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length(); i++) {
            double u = x.getDouble(i);
            double v = y.getDouble(i);
            if (!Double.isNaN(u) && !Double.isNaN(v)) {
                sxy += (u - mx) * (v - my);
                sxx += (u - mx) * (u - mx);
                syy += (v - my) * (v - my);
            }
        }
        return sxx == 0 || syy == 0 ? Double.NaN : sxy / Math.sqrt(sxx * syy);
    }
}
