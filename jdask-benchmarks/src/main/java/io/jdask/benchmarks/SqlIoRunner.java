package io.jdask.benchmarks;

import io.jdask.dataframe.Frame;
import io.jdask.dataframe.IfExists;
import io.jdask.dataframe.Parquet;
import io.jdask.dataframe.PartitionSource;
import io.jdask.dataframe.Sql;
import io.jdask.dataframe.SqlOptions;
import io.jdask.dataframe.StockHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Times the SQL and Parquet I/O of the correlation use case on an embedded DuckDB file: generating
 * the stock history, reading it in date-range partitions on a thread pool, writing it back to a
 * table partition by partition in parallel, and a Parquet round trip. Prints {@code RESULT | ...}
 * lines.
 *
 * <p>Usage: {@code SqlIoRunner [stocks] [years] [partitions] [threads] [dir]} (defaults 2000 20 20
 * 2 /tmp/jdask-sqlio); the directory is deleted afterwards.
 */
public final class SqlIoRunner {
    private SqlIoRunner() {}

    public static void main(String[] args) throws Exception {
        int stocks = args.length > 0 ? Integer.parseInt(args[0]) : StockHistory.DEFAULT_STOCKS;
        int years = args.length > 1 ? Integer.parseInt(args[1]) : StockHistory.DEFAULT_YEARS;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path dir = Path.of(args.length > 4 ? args[4] : "/tmp/jdask-sqlio");
        Files.createDirectories(dir);
        String url = "jdbc:duckdb:" + dir.resolve("stocks.db");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long t0 = System.nanoTime();
            long rows = StockHistory.generate(url, StockHistory.TABLE, stocks, years, 42, IfExists.REPLACE,
                    SqlOptions.defaults());
            report("generate", rows, t0);

            t0 = System.nanoTime();
            PartitionSource src = Sql.tableSource(url, StockHistory.TABLE, "date", partitions);
            List<Future<Frame>> reads = new ArrayList<>();
            for (int p = 0; p < src.numPartitions(); p++) {
                int q = p;
                reads.add(pool.submit(() -> src.read(q)));
            }
            List<Frame> parts = new ArrayList<>();
            for (Future<Frame> f : reads) {
                parts.add(f.get());
            }
            report("read " + src.numPartitions() + " partitions", parts.stream().mapToLong(Frame::numRows).sum(), t0);

            t0 = System.nanoTime();
            Sql.prepareTable(url, "history_copy", parts.get(0), IfExists.REPLACE, SqlOptions.defaults());
            List<Future<Long>> writes = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                int q = p;
                writes.add(pool.submit(() -> Sql.write(parts.get(q), url, "history_copy", 100_000, q, SqlOptions.defaults())));
            }
            long written = 0;
            for (Future<Long> f : writes) {
                written += f.get();
            }
            report("write " + parts.size() + " partitions", written, t0);

            t0 = System.nanoTime();
            List<Future<Long>> pw = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                int q = p;
                pw.add(pool.submit(() -> Parquet.write(parts.get(q), dir.resolve("part." + q + ".parquet"))));
            }
            long pr = 0;
            for (Future<Long> f : pw) {
                pr += f.get();
            }
            report("parquet write", pr, t0);

            t0 = System.nanoTime();
            PartitionSource ps = Parquet.source(dir + "/part.*.parquet", "date", Parquet.Split.FILE);
            List<Future<Frame>> preads = new ArrayList<>();
            for (int p = 0; p < ps.numPartitions(); p++) {
                int q = p;
                preads.add(pool.submit(() -> ps.read(q)));
            }
            long prr = 0;
            for (Future<Frame> f : preads) {
                prr += f.get().numRows();
            }
            report("parquet read", prr, t0);
        } finally {
            pool.shutdown();
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static void report(String what, long rows, long t0) {
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("RESULT | %-24s | %,11d rows | %8.3f s | %6.2f M rows/s%n", what, rows, s, rows / s / 1e6);
    }
}
