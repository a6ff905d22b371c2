package io.jdask.cli;

import io.jdask.config.Units;
import io.jdask.dataframe.DType;
import io.jdask.dataframe.DataSourceException;
import io.jdask.distributed.comm.Security;
import io.jdask.scheduler.Schedulers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdask demo correlation}: the correlation use case of the design on an embedded DuckDB
 * database (generated on first use) or any database holding a {@code history(date, stock, close)}
 * table; on this process's scheduler, a local cluster of worker processes ({@code --workers N}) or a
 * running cluster ({@code --scheduler ADDRESS}), see {@link DemoCluster}.
 */
@Command(
        name = "correlation",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Correlate every pair of stocks: read history(date, stock, close) partitioned by date, pivot to one column"
                    + " per stock, drop empty columns, optionally cast, pairwise-complete Pearson correlation, keep the upper"
                    + " triangle, stack to (stock1, stock2, correlation) and write it to a table in chunks.",
            "Without --jdbc-url the history is generated once into an embedded DuckDB file (random walks, stocks listed"
                    + " over the years). Prints the time of each stage and the strongest pairs; checks some pairs against a"
                    + " plain loop and exits with 1 if they differ.",
            "Runs on this process's threads by default; --workers N starts a local cluster of N worker processes (and"
                    + " prints its dashboard link), --scheduler ADDRESS uses a running cluster. On a cluster the workers read"
                    + " the embedded DuckDB file read-only, so they must see it at the same path (this machine)."
        })
final class CorrelationDemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--stocks", paramLabel = "N", defaultValue = "2000", description = "Stocks to generate (default ${DEFAULT-VALUE}).")
    int stocks;

    @Option(names = "--years", paramLabel = "Y", defaultValue = "20", description = "Years of business days to generate (default ${DEFAULT-VALUE}).")
    int years;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated prices (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "20",
            description = "Date-range partitions to read (default ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--dtype", defaultValue = "f64", description = "Cast the wide table to f64, f32 or f16 before correlating (default ${DEFAULT-VALUE}).")
    String dtype;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "A database that holds the history table (default: an embedded DuckDB file, see --db).")
    String jdbcUrl;

    @Option(names = "--db", paramLabel = "FILE",
            description = "The embedded DuckDB file (default: jdask-demo/stocks-<stocks>x<years>-seed<seed>.duckdb in the temp directory).")
    Path db;

    @Option(names = "--table", defaultValue = "history", description = "The history table (default ${DEFAULT-VALUE}).")
    String table;

    @Option(names = "--output-table", defaultValue = "correlations", description = "The table written (replaced) (default ${DEFAULT-VALUE}).")
    String outputTable;

    @Option(names = "--chunk-size", paramLabel = "ROWS", defaultValue = "100000",
            description = "Rows per insert transaction (default ${DEFAULT-VALUE}).")
    int chunkSize;

    @Option(names = "--min-periods", paramLabel = "N", defaultValue = "20",
            description = "Correlate a pair only over at least N common dates, else NaN and not written (default ${DEFAULT-VALUE};"
                    + " pandas' corr default is 1, which makes stocks that overlap on two dates correlate at +-1).")
    int minPeriods;

    @Option(names = "--top", defaultValue = "10", description = "How many of the strongest pairs to print (default ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--scheduler", paramLabel = "NAME|ADDRESS",
            description = "threads (default: this process, one thread per core), sync (every task on the calling thread),"
                    + " or a running cluster's scheduler address (tcp://host:8786, tls://host:8786 or host:8786).")
    String scheduler;

    @Option(names = "--workers", paramLabel = "N",
            description = "Run on a local cluster of N worker processes on 127.0.0.1, started and stopped by the demo.")
    Integer workers;

    @Option(names = "--threads-per-worker", paramLabel = "T", description = "With --workers: task threads per worker (default 1).")
    Integer threadsPerWorker;

    @Option(names = "--memory-limit", paramLabel = "LIMIT",
            description = "With --workers: per worker, a size (4GiB), a fraction of this machine's memory (0.5), auto (machine"
                    + " memory / N) or 0 for none (default auto).")
    String memoryLimit;

    @Option(names = "--dashboard-address", paramLabel = "ADDRESS",
            description = "With --workers: where the cluster's dashboard is served, host:port, :port or port (default "
                    + DemoCluster.DEFAULT_DASHBOARD + ", another free port when taken; 'none' for none).")
    String dashboardAddress;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "10s",
            description = "With --scheduler ADDRESS: how long to wait for the scheduler to answer (default ${DEFAULT-VALUE}).")
    String connectTimeout;

    @Mixin
    SecurityOptions security;

    @Override
    public Integer call() {
        DType type = switch (dtype.toLowerCase(Locale.ROOT)) {
            case "f64" -> DType.F64;
            case "f32" -> DType.F32;
            case "f16" -> DType.F16;
            default -> throw new ParameterException(spec.commandLine(), "--dtype must be f64, f32 or f16, not " + dtype);
        };
        if (stocks < 2 || years < 1 || partitions < 1 || chunkSize < 1 || top < 0 || minPeriods < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--stocks must be at least 2, --years, --partitions, --chunk-size and --min-periods at least 1, --top at least 0");
        }
        DemoCluster.Plan plan = plan();
        PrintWriter out = spec.commandLine().getOut();
        String url = jdbcUrl;
        if (url == null) {
            Path file = db != null ? db
                    : Path.of(System.getProperty("java.io.tmpdir"), "jdask-demo",
                            String.format(Locale.ROOT, "stocks-%dx%d-seed%d.duckdb", stocks, years, seed));
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the directory of " + file + ": " + e.getMessage(), e);
            }
            url = "jdbc:duckdb:" + file.toAbsolutePath();
        }
        out.printf(Locale.ROOT, "Correlation of every pair of stocks in %s.%s%n", redact(url), table);
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> log = line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
        try (DemoCluster cluster = DemoCluster.open(plan, out, log)) {
            return correlate(url, type, cluster);
        } catch (DemoCluster.Unavailable e) {
            spec.commandLine().getErr().println("jdask: error: " + e.getMessage());
            return 1;
        }
    }

    private int correlate(String url, DType type, DemoCluster cluster) {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        long generated;
        try {
            cluster.release(url);
            generated = jdbcUrl == null ? CorrelationDemo.ensureHistory(url, table, stocks, years, seed) : -1;
        } catch (DataSourceException e) {
            spec.commandLine().getErr().println("jdask: error: " + e.getMessage());
            return 1;
        }
        if (generated >= 0) {
            out.printf(Locale.ROOT, "  generated %,d rows (%,d stocks x %d years of business days) in %.1f s%n", generated, stocks,
                    years, (System.nanoTime() - t0) / 1e9);
        } else if (jdbcUrl == null) {
            out.println("  using the history generated earlier (delete the file to generate it again)");
        }
        out.flush();

        CorrelationDemo.Result r = cluster.run(
                new CorrelationDemo.Settings(url, table, outputTable, partitions, type, chunkSize, minPeriods));
        out.printf(Locale.ROOT, "  %,d prices of %,d stocks on %,d dates; %d empty column%s dropped; %,d pairs written to %s%n",
                r.historyRows(), r.stocks(), r.dates(), r.dropped(), r.dropped() == 1 ? "" : "s", r.pairsWritten(), outputTable);
        out.println("Stages:");
        double total = 0;
        for (Map.Entry<String, Double> e : r.seconds().entrySet()) {
            out.printf(Locale.ROOT, "  %-58s %8.2f s%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        out.printf(Locale.ROOT, "  %-58s %8.2f s%n", "total", total);
        List<CorrelationDemo.Pair> strongest = CorrelationDemo.strongest(r.corr(), top);
        if (!strongest.isEmpty()) {
            out.println("Strongest pairs:");
            for (CorrelationDemo.Pair p : strongest) {
                out.printf(Locale.ROOT, "  %-8s %-8s %+.6f%n", p.stock1(), p.stock2(), p.correlation());
            }
        }
        double tolerance = type == DType.F64 ? 1e-9 : type == DType.F32 ? 1e-4 : 1e-2;
        double worst = CorrelationDemo.check(r.wide(), r.corr(), 20, seed, minPeriods);
        boolean ok = worst <= tolerance;
        out.printf(Locale.ROOT, "Check: 20 random pairs recomputed by a plain loop differ by at most %.2e %s%n", worst,
                ok ? "(ok)" : "(MISMATCH, tolerance " + tolerance + ")");
        out.flush();
        return ok ? 0 : 1;
    }

    /** Checks the scheduler options: which scheduler or cluster the stages run on. */
    private DemoCluster.Plan plan() {
        boolean address = scheduler != null && DemoCluster.isAddress(scheduler);
        if (workers != null && scheduler != null) {
            throw new ParameterException(spec.commandLine(),
                    "--workers starts a local cluster and --scheduler names another scheduler: give one of them");
        }
        if (workers == null && (threadsPerWorker != null || memoryLimit != null || dashboardAddress != null)) {
            throw new ParameterException(spec.commandLine(),
                    "--threads-per-worker, --memory-limit and --dashboard-address apply to a local cluster (--workers N) only");
        }
        Duration timeout;
        try {
            timeout = Units.parseDuration(connectTimeout);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--connect-timeout: " + e.getMessage());
        }
        Security sec;
        try {
            sec = security.resolve(System.getenv());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (workers != null) {
            int threads = threadsPerWorker == null ? 1 : threadsPerWorker;
            if (workers < 1 || threads < 1) {
                throw new ParameterException(spec.commandLine(), "--workers and --threads-per-worker must be at least 1");
            }
            long limit;
            try {
                limit = WorkerCommand.parseMemoryLimit(memoryLimit == null ? "auto" : memoryLimit, workers);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            String dashboard = dashboardAddress == null ? DemoCluster.DEFAULT_DASHBOARD : dashboardAddress; // 'none': the builder serves none
            return DemoCluster.Plan.local(workers, threads, limit, dashboard, sec);
        }
        if (address) {
            return DemoCluster.Plan.existing(scheduler.strip(), timeout, sec);
        }
        try {
            return DemoCluster.Plan.inProcess(Schedulers.byName(scheduler == null ? "threads" : scheduler));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scheduler: '" + scheduler + "' is neither a scheduler name"
                    + " (threads, sync) nor a cluster's address (tcp://host:8786, tls://host:8786 or host:8786)");
        }
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }
}
