package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.dataframe.Sql;
import io.jdask.dataframe.SqlOptions;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.cluster.LocalCluster;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code jdask demo correlation} on a cluster: a local cluster of worker processes it starts
 * ({@code --workers 2}, whose workers read the embedded DuckDB file read-only) and a running
 * cluster given by address ({@code --scheduler}), each writing exactly the correlations of the
 * threaded run on the same data; and the errors of an unreachable scheduler.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class CorrelationDemoClusterTest {
    private static final Pattern DASHBOARD = Pattern.compile("(?m)^  dashboard (http://127\\.0\\.0\\.1:\\d+/status)$");
    private static final String[] SMALL = {"demo", "correlation", "--stocks", "30", "--years", "2", "--partitions", "4"};

    @TempDir
    Path temp;

    private final List<String> urls = new ArrayList<>();

    @AfterEach
    void letGoOfTheFiles() {
        urls.forEach(Sql::closeEmbedded);
    }

    private String[] args(Path db, String... more) {
        List<String> a = new ArrayList<>(List.of(SMALL));
        a.addAll(List.of("--db", db.toString()));
        a.addAll(List.of(more));
        urls.add("jdbc:duckdb:" + db.toAbsolutePath());
        return a.toArray(String[]::new);
    }

    /** The pairs of a written table, by "stock1 stock2". */
    private static Map<String, Double> pairs(Path db, String table) throws Exception {
        Map<String, Double> m = new LinkedHashMap<>();
        Sql.closeEmbedded("jdbc:duckdb:" + db.toAbsolutePath());
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + db.toAbsolutePath());
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT stock1, stock2, correlation FROM " + table + " ORDER BY stock1, stock2")) {
            while (r.next()) {
                m.put(r.getString(1) + " " + r.getString(2), r.getDouble(3));
            }
        }
        return m;
    }

    private static void assertSameCorrelations(Map<String, Double> expected, Map<String, Double> got) {
        assertThat(expected).hasSizeGreaterThan(100);
        assertThat(got.keySet()).containsExactlyElementsOf(expected.keySet());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertThat(Math.abs(got.get(e.getKey()) - e.getValue())).as(e.getKey()).isLessThanOrEqualTo(1e-12);
        }
    }

    private static String strongest(String out) {
        return out.substring(out.indexOf("Strongest pairs:"), out.indexOf("Check:"));
    }

    private static int httpStatus(String link) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(20)).GET().build();
        return http.send(get, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void onTwoWorkerProcessesItWritesTheCorrelationsOfTheThreadedRunAndServesItsDashboard() throws Exception {
        Path db = temp.resolve("s.duckdb");
        CliRun threads = CliRun.of(args(db, "--output-table", "corr_threads"));
        assertThat(threads.exitCode()).as(threads.out() + threads.err()).isZero();

        // the cluster run in the background, to fetch its dashboard while it runs
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = JdaskCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.execute(args(db, "--workers", "2",
                "--memory-limit", "512MiB", "--dashboard-address", "127.0.0.1:0", "--output-table", "corr_cluster")));
        Matcher link = DASHBOARD.matcher("");
        while (!run.isDone() && !link.reset(out.toString()).find()) {
            Thread.sleep(20);
        }
        assertThat(link.reset(out.toString()).find()).as(out + err.toString()).isTrue();
        // the run takes seconds after printing the link; only if it ended meanwhile can the page be gone
        int status;
        try {
            status = httpStatus(link.group(1));
        } catch (java.io.IOException e) {
            if (!run.isDone()) {
                throw e;
            }
            status = -1;
        }
        boolean servedWhileRunning = !run.isDone();
        int exit = run.get(240, TimeUnit.SECONDS);

        assertThat(exit).as(out + err.toString()).isZero();
        if (servedWhileRunning) {
            assertThat(status).isEqualTo(200);
        }
        assertThat(out.toString())
                .containsPattern("(?m)^Cluster: 2 worker processes on 127\\.0\\.0\\.1, 1 thread each, memory limit 512 MiB each,"
                        + " scheduler tcp://127\\.0\\.0\\.1:\\d+ \\(started in [0-9.]+ s\\)$")
                .contains("using the history generated earlier", "pairs written to corr_cluster", "(ok)");
        assertThat(strongest(out.toString())).isEqualTo(strongest(threads.out()));
        assertSameCorrelations(pairs(db, "corr_threads"), pairs(db, "corr_cluster"));
    }

    @Test
    void onARunningClusterGivenByAddressTwiceInARow() throws Exception {
        Path db = temp.resolve("s.duckdb");
        CliRun threads = CliRun.of(args(db, "--scheduler", "sync", "--output-table", "corr_sync"));
        assertThat(threads.exitCode()).as(threads.out() + threads.err()).isZero();
        Map<String, Double> expected = pairs(db, "corr_sync");

        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(2).processes(true)
                .dashboardAddress("127.0.0.1:0").log(line -> { }).start()) {
            for (String table : List.of("corr_a", "corr_b")) {
                if (table.equals("corr_b")) {
                    // as after a run that failed half-way: the workers hold the file open read-only, which keeps
                    // this process from opening it read-write until the demo makes them let go of it
                    String url = "jdbc:duckdb:" + db.toAbsolutePath();
                    try (Client client = Client.builder().address(cluster.schedulerAddress()).asDefault(false).connect()) {
                        Map<String, Integer> rows = client.run(() -> Sql.tableSource(url, "history", "date", 1,
                                SqlOptions.defaults().withProperty("duckdb.read_only", "true")).read(0).numRows());
                        assertThat(rows).hasSize(2).allSatisfy((w, n) -> assertThat(n).isPositive());
                    }
                    assertThatThrownBy(() -> Sql.tableExists(url, "history", SqlOptions.defaults()))
                            .hasMessageContaining("lock");
                }
                CliRun run = CliRun.of(args(db, "--scheduler", cluster.schedulerAddress(), "--output-table", table));
                assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
                assertThat(run.out()).contains("Cluster: scheduler " + cluster.schedulerAddress() + ", 2 workers, 4 threads\n")
                        .contains("  dashboard " + cluster.dashboardLink().orElseThrow() + "\n")
                        .contains("pairs written to " + table, "(ok)");
                assertSameCorrelations(expected, pairs(db, table));
            }
            assertThat(httpStatus(cluster.dashboardLink().orElseThrow())).isEqualTo(200);
            assertThat(cluster.workerProcesses()).hasSize(2);
        }
    }

    @Test
    void anUnreachableSchedulerIsNamedInAnErrorNotAHang() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String refused = "tcp://127.0.0.1:" + port;
        CliRun run = CliRun.of(args(temp.resolve("s.duckdb"), "--scheduler", refused));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("jdask: error: cannot use the scheduler at " + refused + ": ");

        // a port that accepts connections but never answers: bounded by --connect-timeout
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + silent.getLocalPort();
            CliRun mute = CliRun.of(args(temp.resolve("s.duckdb"), "--scheduler", address, "--connect-timeout", "2s"));
            assertThat(mute.exitCode()).isEqualTo(1);
            assertThat(mute.err()).startsWith("jdask: error: cannot use the scheduler at " + address + ": ").contains("2000 ms");
        }
    }

    @Test
    void clusterOptionsAreCheckedWithTheirNames() {
        Path db = temp.resolve("x.duckdb");
        CliRun both = CliRun.of(args(db, "--workers", "2", "--scheduler", "sync"));
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("--workers starts a local cluster and --scheduler names another scheduler");

        CliRun alone = CliRun.of(args(db, "--memory-limit", "1GiB"));
        assertThat(alone.exitCode()).isEqualTo(2);
        assertThat(alone.err()).contains("apply to a local cluster (--workers N) only");

        CliRun name = CliRun.of(args(db, "--scheduler", "bogus"));
        assertThat(name.exitCode()).isEqualTo(2);
        assertThat(name.err()).contains("--scheduler: 'bogus' is neither", "tcp://host:8786");

        CliRun none = CliRun.of(args(db, "--workers", "0"));
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("--workers and --threads-per-worker must be at least 1");
        assertThat(db).doesNotExist();
    }
}
