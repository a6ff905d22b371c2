package io.jdask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The figures workers report in their heartbeats, through the JSON API: two workers limited to
 * 8 MiB each hold 24 MiB of chunks, so their stores spill; tasks that read neighbouring chunks copy
 * values between the workers. The workers' spilled bytes, CPU, bytes in and out, the spill marks in
 * the task stream, a worker's current tasks and its own log lines (fetched from it) all show. With
 * worker processes, each answers with its own log.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DashboardWorkerFiguresTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int CHUNKS = 24;
    private static final int DOUBLES = 1 << 17; // 1 MiB
    private static final long LIMIT = 8L << 20;

    static double[] chunk(int i) {
        Random rng = new Random(7 + i);
        double[] a = new double[DOUBLES];
        for (int j = 0; j < a.length; j++) {
            a[j] = rng.nextDouble();
        }
        return a;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static JsonNode json(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(15)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    static long sum(JsonNode workers, String field) {
        long s = 0;
        for (JsonNode w : workers) {
            s += w.get(field).asLong();
        }
        return s;
    }

    @Test
    void spillingTrafficCpuTasksAndLogsShow(@TempDir Path tmp) throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).memoryLimit(LIMIT).localDirectory(tmp)
                .dashboardAddress("127.0.0.1:0").start();
             Client client = cluster.client()) {
            String link = cluster.dashboardLink().orElseThrow();
            String base = link.substring(0, link.length() - "/status".length());

            List<ClusterFuture<double[]>> chunks = client.map((Integer i) -> chunk(i), IntStream.range(0, CHUNKS).boxed().toList());
            List<ClusterFuture<Double>> dots = new ArrayList<>();
            for (int i = 0; i < CHUNKS; i++) {
                dots.add(client.submit((double[] a, double[] b) -> dot(a, b), chunks.get(i), chunks.get((i + 1) % CHUNKS)));
            }
            List<Double> got = client.gather(dots);
            for (int i = 0; i < CHUNKS; i++) {
                assertThat(got.get(i)).as("dot %d", i).isEqualTo(dot(chunk(i), chunk((i + 1) % CHUNKS)));
            }
            String marker = "dashboard test: a line logged by a task " + System.nanoTime();
            ClusterFuture<String> logged = client.submit(() -> {
                LoggerFactory.getLogger("io.jdask.dashboard.test").info(marker);
                return "logged";
            });
            assertThat(logged.get(30, TimeUnit.SECONDS)).isEqualTo("logged");

            // the figures arrive with the next heartbeats (one a second)
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode workers = json(base + "/api/workers");
                assertThat(workers).hasSize(2);
                assertThat(sum(workers, "spilled")).as("bytes spilled now").isPositive();
                assertThat(sum(workers, "spills")).as("values spilled").isPositive();
                assertThat(sum(workers, "spilledBytesTotal")).isGreaterThanOrEqualTo(sum(workers, "spilled"));
                assertThat(sum(workers, "bytesReceived")).as("bytes copied from peers").isGreaterThanOrEqualTo(DOUBLES * 8L);
                assertThat(sum(workers, "bytesSent")).as("bytes sent to peers and the client").isGreaterThanOrEqualTo(sum(workers, "bytesReceived"));
                for (JsonNode w : workers) {
                    assertThat(w.get("cpuPercent").asDouble()).as("CPU of %s", w.get("name")).isGreaterThanOrEqualTo(0);
                    assertThat(w.get("memory").asLong()).isLessThanOrEqualTo(LIMIT);
                    assertThat(w.get("held").asInt()).isPositive();
                    assertThat(w.get("sendRate").asDouble()).isGreaterThanOrEqualTo(0);
                }
                JsonNode snapshot = json(base + "/api/snapshot");
                assertThat(snapshot.get("cluster").get("spilled").asLong()).isEqualTo(sum(workers, "spilled"));
                assertThat(snapshot.get("cluster").get("bytesReceived").asLong()).isEqualTo(sum(workers, "bytesReceived"));
                List<JsonNode> spills = new ArrayList<>();
                List<JsonNode> transfers = new ArrayList<>();
                for (JsonNode e : snapshot.get("stream")) {
                    if (e.get("kind").asText().equals("spill")) {
                        spills.add(e);
                    } else if (e.get("kind").asText().equals("transfer")) {
                        transfers.add(e);
                    }
                }
                assertThat(spills).as("spill marks in the task stream").isNotEmpty()
                        .allSatisfy(e -> {
                            assertThat(e.get("count").asLong()).isPositive();
                            assertThat(e.get("nbytes").asLong()).isPositive();
                            assertThat(e.get("stop").asLong()).isGreaterThanOrEqualTo(e.get("start").asLong());
                        });
                assertThat(spills.stream().mapToLong(e -> e.get("count").asLong()).sum()).isEqualTo(sum(workers, "spills"));
                assertThat(transfers).as("copies between the workers").isNotEmpty();
            });

            JsonNode workers = json(base + "/api/workers");
            String address = workers.get(0).get("address").asText();
            String q = URLEncoder.encode(address, StandardCharsets.UTF_8);
            // a worker's tasks come once the page asks: the loop lists them with its next snapshot
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode w = json(base + "/api/worker?address=" + q);
                JsonNode now = w.get("current");
                assertThat(now.has("pending")).isFalse();
                assertThat(now.get("heldCount").asInt()).isEqualTo(w.get("worker").get("held").asInt()).isPositive();
                assertThat(now.get("held").size()).isEqualTo(Math.min(100, now.get("heldCount").asInt()));
                assertThat(now.get("processingCount").asInt()).isZero();
            });
            JsonNode logs = json(base + "/api/worker/logs?address=" + q + "&lines=2000");
            assertThat(logs.get("worker").asText()).isEqualTo(address);
            assertThat(logs.get("lines").toString()).contains(marker);
            HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/worker/logs?address=nobody")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("no worker 'nobody'");

            chunks.forEach(ClusterFuture::release);
            dots.forEach(ClusterFuture::release);
        }
    }

    @Test
    void workerProcessesReportTheirTrafficAndServeTheirOwnLogs() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).dashboardAddress("127.0.0.1:0").start();
             Client client = cluster.client()) {
            String link = cluster.dashboardLink().orElseThrow();
            String base = link.substring(0, link.length() - "/status".length());
            int n = 8;
            List<ClusterFuture<double[]>> chunks = client.map((Integer i) -> chunk(i), IntStream.range(0, n).boxed().toList());
            List<ClusterFuture<Double>> dots = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                dots.add(client.submit((double[] a, double[] b) -> dot(a, b), chunks.get(i), chunks.get((i + 1) % n)));
            }
            List<Double> got = client.gather(dots);
            for (int i = 0; i < n; i++) {
                assertThat(got.get(i)).isEqualTo(dot(chunk(i), chunk((i + 1) % n)));
            }
            String marker = "dashboard test: logged in a worker process " + System.nanoTime();
            ClusterFuture<String> logged = client.submit(() -> {
                LoggerFactory.getLogger("io.jdask.dashboard.test").info(marker);
                return "logged";
            });
            assertThat(logged.get(60, TimeUnit.SECONDS)).isEqualTo("logged");
            String ranOn = client.whoHas(List.of(logged)).get(logged.key()).getFirst();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode workers = json(base + "/api/workers");
                assertThat(workers).hasSize(2);
                assertThat(sum(workers, "bytesReceived")).as("bytes copied from peers").isGreaterThanOrEqualTo(DOUBLES * 8L);
                assertThat(sum(workers, "bytesSent")).as("bytes sent to peers and the client").isGreaterThanOrEqualTo(sum(workers, "bytesReceived"));
                for (JsonNode w : workers) {
                    assertThat(w.get("cpuPercent").asDouble()).as("CPU of %s", w.get("name")).isGreaterThanOrEqualTo(0);
                    assertThat(w.get("lastHeartbeat").asLong()).isPositive();
                }
            });
            // each worker process answers with its own log: the line is in the log of the worker that ran the task
            for (String address : cluster.workerAddresses()) {
                JsonNode logs = json(base + "/api/worker/logs?address=" + URLEncoder.encode(address, StandardCharsets.UTF_8) + "&lines=2000");
                if (address.equals(ranOn)) {
                    assertThat(logs.get("lines").toString()).as("log of %s, which ran the task", address).contains(marker);
                } else {
                    assertThat(logs.get("lines").toString()).as("log of %s, which did not", address).doesNotContain(marker);
                }
            }
            chunks.forEach(ClusterFuture::release);
            dots.forEach(ClusterFuture::release);
            logged.release();
        }
    }
}
