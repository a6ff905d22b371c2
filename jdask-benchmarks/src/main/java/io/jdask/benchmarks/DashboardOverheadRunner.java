package io.jdask.benchmarks;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What the dashboard costs the scheduler: the distributed overhead workloads (50,000 no-op tasks by
 * map + gather, the 19,999-task delayed sum tree) on a local cluster of 2 worker processes x 1
 * thread, in three set-ups one after the other in the same sitting: no dashboard; the dashboard
 * served but not watched; the dashboard with a headless Chromium showing {@code /status} (its
 * WebSocket open and its charts drawn). Prints {@code RESULT | ...} lines and the ratio of each
 * set-up's throughput to the first.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.DashboardOverheadRunner [repeats=5] [chromium=/usr/bin/chromium] [tasks=50000]
 * </pre>
 */
public final class DashboardOverheadRunner {
    private DashboardOverheadRunner() {}

    /**
     * @param args optional: the number of timed repeats (default 5), the path of Chromium, the
     *     map's task count (default 50,000; the tree has a fifth as many leaves)
     * @throws Exception when the cluster or the browser cannot start, or a result is wrong
     */
    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path chromium = Path.of(args.length > 1 ? args[1] : "/usr/bin/chromium");
        int tasks = args.length > 2 ? Integer.parseInt(args[2]) : 50_000;
        if (!Files.isExecutable(chromium)) {
            throw new IllegalArgumentException("no chromium at " + chromium + " (give its path as the second argument)");
        }
        double[] base = run("no dashboard", repeats, tasks, false, null);
        double[] served = run("dashboard, nobody watching", repeats, tasks, true, null);
        double[] watched = run("dashboard + headless chromium on /status", repeats, tasks, true, chromium);
        System.out.printf(Locale.ROOT, "RATIO | map+gather %,d | served %.3f | watched %.3f | (throughput relative to no dashboard)%n",
                tasks, base[0] / served[0], base[0] / watched[0]);
        System.out.printf(Locale.ROOT, "RATIO | delayed sum tree %,d | served %.3f | watched %.3f |%n", 2 * (tasks / 5) - 1, base[1] / served[1], base[1] / watched[1]);
    }

    /** @return the median seconds of map+gather and of the tree */
    private static double[] run(String label, int repeats, int n, boolean dashboard, Path chromium) throws Exception {
        LocalCluster.Builder b = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true);
        if (dashboard) {
            b.dashboardAddress("127.0.0.1:0");
        }
        Process browser = null;
        try (LocalCluster cluster = b.start(); Client client = cluster.client()) {
            if (chromium != null) {
                String link = cluster.dashboardLink().orElseThrow(() -> new IllegalStateException("the cluster serves no dashboard"));
                browser = openBrowser(chromium, link);
                awaitSocket(link, browser);
            }
            double[] map = Timing.median(repeats, () -> mapGather(client, n));
            report("map+gather", n, label, map, repeats);
            int leaves = n / 5;
            Delayed<Long> tree = OverheadWorkloads.tree(leaves);
            long expected = OverheadWorkloads.treeExpected(leaves);
            double[] t = Timing.median(repeats, () -> {
                long r = tree.compute();
                if (r != expected) {
                    throw new AssertionError("tree: " + r + ", expected " + expected);
                }
                return r;
            });
            report("delayed sum tree", 2 * leaves - 1, label, t, repeats);
            if (browser != null && !browser.isAlive()) {
                throw new IllegalStateException("chromium exited during the run (code " + browser.exitValue() + ")");
            }
            return new double[] {map[0], t[0]};
        } finally {
            if (browser != null) {
                browser.destroy();
                if (!browser.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    browser.destroyForcibly();
                }
            }
        }
    }

    private static Process openBrowser(Path chromium, String link) throws IOException {
        Path profile = Files.createTempDirectory("jdask-bench-chromium");
        profile.toFile().deleteOnExit();
        return new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, link)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Waits until the page's WebSocket is open (the dashboard counts it in /metrics). */
    private static void awaitSocket(String link, Process browser) throws Exception {
        String metrics = link.replace("/status", "/metrics");
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!browser.isAlive()) {
                throw new IllegalStateException("chromium exited at once (code " + browser.exitValue() + ")");
            }
            String body = http.send(HttpRequest.newBuilder(URI.create(metrics)).build(), HttpResponse.BodyHandlers.ofString()).body();
            if (body.lines().anyMatch(l -> l.startsWith("jdask_dashboard_websockets ") && !l.endsWith(" 0.0"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the headless chromium did not open the dashboard's WebSocket within 60 s");
    }

    private static Object mapGather(Client client, int n) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        List<ClusterFuture<Integer>> fs = client.map((Integer x) -> x + 1, items);
        List<Integer> out = client.gather(fs);
        if (out.size() != n || out.get(n - 1) != n) {
            throw new AssertionError("map+gather returned a wrong result");
        }
        fs.forEach(ClusterFuture::release);
        return out;
    }

    private static void report(String workload, int tasks, String label, double[] secondsAndCpu, int repeats) {
        System.out.printf(Locale.ROOT, "RESULT | %s | %d tasks | %s | %.4f s | %,.0f tasks/s | cpu %.2f s | median of %d, load %s%n",
                workload, tasks, label, secondsAndCpu[0], tasks / secondsAndCpu[0], secondsAndCpu[1], repeats, Timing.load());
    }
}
