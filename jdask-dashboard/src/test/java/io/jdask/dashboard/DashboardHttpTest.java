package io.jdask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The dashboard's HTTP, JSON, metrics and WebSocket endpoints on a local cluster that computes. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class DashboardHttpTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static LocalCluster cluster;
    static Client client;
    static String base;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().workers(2).threadsPerWorker(2).dashboardAddress("127.0.0.1:0").start();
        client = cluster.client();
        String link = cluster.dashboardLink().orElseThrow();
        assertThat(link).startsWith("http://127.0.0.1:").endsWith("/status");
        base = link.substring(0, link.length() - "/status".length());
        assertThat(client.dashboardLink()).contains(link);
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        List<ClusterFuture<Integer>> fs = client.map((Integer i) -> i * 3, items);
        assertThat(client.gather(fs)).isEqualTo(items.stream().map(i -> i * 3).toList());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonNode json(String path) throws Exception {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    @Test
    void healthSaysOk() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("ok");
    }

    @Test
    void theSnapshotShowsTheWorkersAndTheComputation() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode s = json("/api/snapshot");
            assertThat(s.get("scheduler").asText()).isEqualTo(cluster.schedulerAddress());
            assertThat(s.get("workers")).hasSize(2);
            assertThat(s.get("totals").get("tasksFinished").asLong()).isGreaterThanOrEqualTo(200);
            assertThat(s.get("stream").size()).isGreaterThanOrEqualTo(200);
            JsonNode first = s.get("stream").get(0);
            assertThat(first.get("kind").asText()).isEqualTo("compute");
            assertThat(first.get("stop").asLong()).isGreaterThanOrEqualTo(first.get("start").asLong());
            long since = s.get("stream").get(s.get("stream").size() - 2).get("seq").asLong();
            assertThat(json("/api/taskstream?since=" + since)).hasSize(1);
        });
        JsonNode workers = json("/api/workers");
        assertThat(workers).hasSize(2);
        assertThat(workers.get(0).get("nthreads").asInt()).isEqualTo(2);
        String address = workers.get(0).get("address").asText();
        JsonNode w = json("/api/worker?address=" + java.net.URLEncoder.encode(address, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(w.get("worker").get("address").asText()).isEqualTo(address);
        assertThat(w.get("events").toString()).contains(address);
        for (String field : List.of("cpuPercent", "spilled", "bytesSent", "bytesReceived", "sendRate", "receiveRate", "held", "spills")) {
            assertThat(workers.get(0).has(field)).as(field).isTrue();
        }
    }

    @Test
    void badQueriesGetClearErrors() throws Exception {
        HttpResponse<String> r = get("/api/worker?address=tcp%3A%2F%2Fnowhere%3A1");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("no worker 'tcp://nowhere:1'");
        assertThat(get("/api/worker").statusCode()).isEqualTo(400);
        assertThat(get("/api/worker/logs").statusCode()).isEqualTo(400);
        HttpResponse<String> lines = get("/api/worker/logs?address=local-0&lines=x");
        assertThat(lines.statusCode()).isEqualTo(400);
        assertThat(lines.body()).contains("lines");
        HttpResponse<String> bad = get("/api/taskstream?since=abc");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("since").contains("abc");
        assertThat(get("/static/..%2Fsecret.js").statusCode()).isEqualTo(404);
    }

    @Test
    void theGraphIsBuiltWhenAskedFor() throws Exception {
        ClusterFuture<Integer> a = client.submit(() -> {
            Thread.sleep(300);
            return 1;
        });
        ClusterFuture<Integer> b = client.submit((Integer x) -> x + 1, a);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> r = get("/api/graph");
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode g = JSON.readTree(r.body());
            assertThat(g.get("grouped").asBoolean()).isFalse();
            assertThat(g.get("nodes").toString()).contains(a.key().toString());
            assertThat(g.get("edges").toString()).contains(a.key().toString()).contains(b.key().toString());
        });
        assertThat(b.get(20, TimeUnit.SECONDS)).isEqualTo(2);
        a.release();
        b.release();
    }

    @Test
    void metricsArePrometheusText() throws Exception {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> r = get("/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("# TYPE jdask_scheduler_workers gauge").contains("jdask_scheduler_workers 2.0")
                    .contains("jdask_scheduler_threads 4.0").contains("jdask_scheduler_tasks_finished_total")
                    .contains("jdask_worker_threads{").contains("jdask_worker_spilled_bytes{").contains("jdask_worker_cpu_percent{")
                    .contains("jdask_worker_sent_bytes{").contains("jdask_worker_received_bytes{").contains("jdask_scheduler_spilled_bytes 0.0")
                    .contains("jvm_memory_used_bytes");
        });
    }

    @Test
    void pagesScriptsAndLibrariesAreServed() throws Exception {
        for (String page : List.of("/status", "/workers", "/worker?address=x", "/graph", "/system", "/info")) {
            HttpResponse<String> r = get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).contains("<html").contains("/static/common.js");
        }
        assertThat(get("/lib/echarts.min.js").body()).contains("echarts");
        assertThat(get("/lib/cytoscape.min.js").body()).contains("cytoscape");
        assertThat(get("/static/status.js").statusCode()).isEqualTo(200);
        assertThat(get("/lib/nothing.js").statusCode()).isEqualTo(404);
        assertThat(json("/api/info").get("versions").get("java").asText()).isEqualTo(Runtime.version().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> json("/api/system").get("time").size() >= 1);
    }

    @Test
    void theWebSocketPushesUpdates() throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = openSocket(first::complete);
        try {
            JsonNode m = JSON.readTree(first.get(20, TimeUnit.SECONDS));
            assertThat(m.get("type").asText()).isEqualTo("update");
            assertThat(m.get("summary").get("workers")).hasSize(2);
            // a new socket gets the whole task stream the monitor keeps, tasks that ran back to back on a thread merged into runs
            long tasks = 0;
            for (JsonNode e : m.get("stream")) {
                tasks += e.get("kind").asText().equals("compute") ? e.get("count").asLong() : 0;
            }
            assertThat(tasks).isGreaterThanOrEqualTo(200);
            assertThat(m.get("stream").size()).isLessThanOrEqualTo((int) tasks);
            // and the events, which later messages carry only when one was added
            assertThat(m.get("events").toString()).contains("joined");
            assertThat(get("/metrics").body()).contains("jdask_dashboard_websockets 1.0");
        } finally {
            ws.abort();
        }
    }

    @Test
    void aPausedSocketGetsNothingUntilItResumesThenWhatItMissed() throws Exception {
        java.util.concurrent.BlockingQueue<String> messages = new java.util.concurrent.LinkedBlockingQueue<>();
        WebSocket ws = openSocket(messages::add);
        try {
            JsonNode first = JSON.readTree(messages.poll(20, TimeUnit.SECONDS));
            JsonNode stream = first.get("stream");
            long lastSeq = stream.get(stream.size() - 1).get("seq").asLong();
            // what the server does not know is ignored: the socket stays open and unpaused
            ws.sendText("not json", true).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"other\"}", true).get(10, TimeUnit.SECONDS);
            ws.sendText("{\"type\":\"pause\"}", true).get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/metrics").body().contains("jdask_dashboard_websockets_paused 1.0"));
            Thread.sleep(2 * WebDashboard.PUSH_MILLIS); // a push that had passed the check before the pause
            messages.clear();
            long finished = json("/api/snapshot").get("totals").get("tasksFinished").asLong();
            List<Integer> items = IntStream.range(0, 50).boxed().toList();
            List<ClusterFuture<Integer>> fs = client.map((Integer i) -> i + 7, items);
            assertThat(client.gather(fs)).isEqualTo(items.stream().map(i -> i + 7).toList());
            // three push intervals after the scheduler published the 50 tasks: nothing for the paused socket
            await().atMost(Duration.ofSeconds(10)).until(() -> json("/api/snapshot").get("totals").get("tasksFinished").asLong() >= finished + 50);
            Thread.sleep(3 * WebDashboard.PUSH_MILLIS);
            assertThat(messages).as("pushed to a paused socket").isEmpty();
            ws.sendText("{\"type\":\"resume\"}", true).get(10, TimeUnit.SECONDS);
            JsonNode next = JSON.readTree(messages.poll(20, TimeUnit.SECONDS));
            long missed = 0;
            for (JsonNode e : next.get("stream")) {
                assertThat(e.get("seq").asLong()).isGreaterThan(lastSeq);
                missed += e.get("kind").asText().equals("compute") ? e.get("count").asLong() : 0;
            }
            assertThat(missed).as("the entries the paused socket missed").isGreaterThanOrEqualTo(50);
            assertThat(get("/metrics").body()).contains("jdask_dashboard_websockets_paused 0.0");
        } finally {
            ws.abort();
            await().atMost(Duration.ofSeconds(10)).until(() -> get("/metrics").body().contains("jdask_dashboard_websockets 0.0"));
        }
    }

    /** Opens a WebSocket to {@code /ws} that hands each whole text message (its fragments joined) to {@code onMessage}. */
    private static WebSocket openSocket(java.util.function.Consumer<String> onMessage) throws Exception {
        return HTTP.newWebSocketBuilder().buildAsync(URI.create(base.replace("http://", "ws://") + "/ws"), new WebSocket.Listener() {
            final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    onMessage.accept(text.toString());
                    text.setLength(0);
                }
                socket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
    }
}
