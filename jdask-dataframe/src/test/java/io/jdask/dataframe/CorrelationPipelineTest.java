package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The correlation use case through the lazy DataFrame: long table -> pivot -> corr -> upper
 * triangle -> stack -> SQL, each step against a naive computation on seeded data with missing
 * values (late listings) and uneven partitions.
 */
class CorrelationPipelineTest {
    private static final int DAYS = 120;
    private static final int STOCKS = 9;

    /** A long table (date index, stock, close) with late listings and scattered gaps, sorted by date. */
    private static Frame history(long seed) {
        Random r = new Random(seed);
        List<LocalDate> dates = new ArrayList<>();
        List<String> stocks = new ArrayList<>();
        List<Double> closes = new ArrayList<>();
        int[] listed = new int[STOCKS];
        double[] price = new double[STOCKS];
        for (int s = 0; s < STOCKS; s++) {
            listed[s] = s % 3 == 0 ? r.nextInt(DAYS / 2) : 0;
            price[s] = 1e4 + 100 * r.nextDouble();
        }
        for (int d = 0; d < DAYS; d++) {
            for (int s = 0; s < STOCKS; s++) {
                price[s] += r.nextGaussian();
                if (d >= listed[s] && r.nextInt(10) != 0) {
                    dates.add(LocalDate.of(2020, 1, 1).plusDays(d));
                    stocks.add("S" + (char) ('A' + (STOCKS - 1 - s)));
                    closes.add(price[s]);
                }
            }
        }
        return Frame.builder()
                .index("date", Column.ofDates(dates.toArray(LocalDate[]::new)))
                .column("stock", Column.ofStrings(stocks.toArray(String[]::new)))
                .column("close", Column.ofDoubles(closes.stream().mapToDouble(Double::doubleValue).toArray()))
                .build();
    }

    /** date -> stock -> close, the naive wide table. */
    private static Map<String, Map<LocalDate, Double>> series(Frame history) {
        Map<String, Map<LocalDate, Double>> out = new java.util.TreeMap<>();
        for (int i = 0; i < history.numRows(); i++) {
            out.computeIfAbsent(history.column("stock").getString(i), k -> new HashMap<>())
                    .put(history.index().getDate(i), history.column("close").getDouble(i));
        }
        return out;
    }

    /** Pairwise-complete Pearson of two series, two passes over the common dates. */
    private static double naiveCorr(Map<LocalDate, Double> a, Map<LocalDate, Double> b) {
        List<double[]> both = new ArrayList<>();
        for (Map.Entry<LocalDate, Double> e : a.entrySet()) {
            Double y = b.get(e.getKey());
            if (y != null) {
                both.add(new double[] {e.getValue(), y});
            }
        }
        double mx = 0;
        double my = 0;
        for (double[] p : both) {
            mx += p[0];
            my += p[1];
        }
        mx /= both.size();
        my /= both.size();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : both) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    @Test
    void pivotCorrTriangleAndStackMatchANaivePairwiseComputation() {
        Frame history = history(3);
        Map<String, Map<LocalDate, Double>> naive = series(history);
        List<String> names = new ArrayList<>(naive.keySet());
        for (int np : new int[] {1, 4, 7}) {
            DataFrame wide = DataFrame.fromFrame(history, np).pivot("date", "stock", "close");
            assertThat(wide.columns()).isEqualTo(names);
            assertThat(wide.npartitions()).isEqualTo(Math.min(np, DAYS));
            Frame w = wide.compute();
            assertThat(w.numRows()).isEqualTo(DAYS);
            assertThat(w.isSorted()).isTrue();

            DataFrame corr = wide.corr();
            Frame c = corr.compute();
            assertThat(c.columnNames()).isEqualTo(names);
            for (int i = 0; i < names.size(); i++) {
                assertThat(c.index().getString(i)).isEqualTo(names.get(i));
                for (int j = 0; j < names.size(); j++) {
                    double expected = i == j ? 1.0 : naiveCorr(naive.get(names.get(i)), naive.get(names.get(j)));
                    assertThat(c.column(j).getDouble(i)).as("corr %s %s with %d partitions", names.get(i), names.get(j), np)
                            .isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
                }
            }

            Frame pairs = corr.upperTriangle(false).stack("stock1", "stock2", "correlation").compute();
            assertThat(pairs.numRows()).isEqualTo(names.size() * (names.size() - 1) / 2);
            int row = 0;
            for (int i = 0; i < names.size(); i++) {
                for (int j = i + 1; j < names.size(); j++, row++) {
                    assertThat(pairs.column("stock1").getString(row)).isEqualTo(names.get(i));
                    assertThat(pairs.column("stock2").getString(row)).isEqualTo(names.get(j));
                    assertThat(pairs.column("correlation").getDouble(row))
                            .isCloseTo(naiveCorr(naive.get(names.get(i)), naive.get(names.get(j))), org.assertj.core.api.Assertions.within(1e-9));
                }
            }
        }
    }

    @Test
    void covarianceAndMinPeriodsFollowTheKernelOnTheWholeFrame() {
        Frame wide = Reshape.pivot(Frame.builder().column("date", history(5).index()).column("stock", history(5).column("stock"))
                .column("close", history(5).column("close")).build(), "date", "stock", "close");
        PairwiseMoments all = PairwiseMoments.of(wide);
        DataFrame df = DataFrame.fromFrame(wide, 5);
        assertClose(df.cov().compute(), all.covariance(1, 1));
        assertClose(df.corr(100).compute(), all.correlation(100));
        assertThat(df.corr(100).compute().column(0).nullCount()).isPositive();
    }

    private static void assertClose(Frame actual, Frame expected) {
        assertThat(actual.columnNames()).isEqualTo(expected.columnNames());
        assertThat(actual.index()).isEqualTo(expected.index());
        for (int j = 0; j < expected.numColumns(); j++) {
            for (int i = 0; i < expected.numRows(); i++) {
                double e = expected.column(j).getDouble(i);
                double a = actual.column(j).getDouble(i);
                if (Double.isNaN(e)) {
                    assertThat(a).as("row %d column %d", i, j).isNaN();
                } else {
                    assertThat(a).as("row %d column %d", i, j).isCloseTo(e, org.assertj.core.api.Assertions.within(1e-9 * Math.max(1, Math.abs(e))));
                }
            }
        }
    }

    @Test
    void misuseIsRefusedWithAReason() {
        Frame history = history(1);
        DataFrame unsorted = DataFrame.fromFrames(List.of(history.slice(0, 50), history.slice(50, history.numRows())))
                .mapPartitions(f -> f);
        assertThatThrownBy(() -> unsorted.pivot("date", "stock", "close", List.of("SA")))
                .hasMessageContaining("needs each index value in one partition");
        DataFrame strings = DataFrame.fromFrame(Frame.builder().column("s", Column.ofStrings("a")).build(), 1);
        assertThatThrownBy(strings::corr).hasMessageContaining("numeric");
        assertThatThrownBy(() -> DataFrame.fromFrame(history, 2).select("close").upperTriangle(false).compute())
                .hasStackTraceContaining("square frame");
    }

    @Test
    void theLongResultGoesToSqlCsvAndParquetAndComesBack(@TempDir Path dir) {
        Frame history = history(9);
        DataFrame pairs = DataFrame.fromFrame(history, 3).pivot("date", "stock", "close").corr().upperTriangle(false)
                .stack("stock1", "stock2", "correlation");
        Frame expected = pairs.compute();
        String url = "jdbc:duckdb:" + dir.resolve("c.db");
        assertThat(pairs.toSql(url, "correlations", IfExists.FAIL, 7)).isEqualTo(expected.numRows());
        assertThatThrownBy(() -> pairs.toSql(url, "correlations", IfExists.FAIL, 7)).hasMessageContaining("correlations");
        assertThat(pairs.toSql(url, "correlations", IfExists.APPEND, 1000)).isEqualTo(expected.numRows());
        DataFrame back = DataFrame.readSqlQuery(url, "SELECT row_number() OVER (ORDER BY stock1, stock2) AS n, * FROM correlations",
                "n", 3);
        assertThat(back.compute().numRows()).isEqualTo(2 * expected.numRows());
        assertThat(pairs.toSql(url, "correlations", IfExists.REPLACE, 5)).isEqualTo(expected.numRows());
        Frame once = DataFrame.readSqlTable(url, "correlations", "correlation", 2).compute();
        assertThat(once.numRows()).isEqualTo(expected.numRows());

        List<Path> csv = pairs.toCsv(dir.resolve("csv/part-*.csv").toString());
        assertThat(csv).hasSize(pairs.npartitions());
        assertThat(DataFrame.readCsv(dir.resolve("csv/part-*.csv").toString()).compute()).isEqualTo(expected);
        Path single = pairs.toSingleCsv(dir.resolve("all.csv"), CsvWriteOptions.defaults());
        assertThat(DataFrame.readCsv(single.toString()).compute()).isEqualTo(expected);
        pairs.toParquet(dir.resolve("pq/part-*.parquet").toString());
        Frame pq = DataFrame.readParquet(dir.resolve("pq").toString()).compute();
        assertThat(pq.numRows()).isEqualTo(expected.numRows());
        assertThat(pq.column("correlation")).isEqualTo(expected.column("correlation"));
    }
}
