package io.jdask.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Loads each page in headless Chromium while a computation runs on a local cluster, and checks that
 * the pages show it. Keeps screenshots in {@code target/dashboard-*.png} ({@code status} among them).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardBrowserTest {
    static final double WAIT_MS = 30_000;
    static Browser browser;
    static LocalCluster cluster;
    static Client client;
    static Thread load;
    static final AtomicBoolean running = new AtomicBoolean(true);
    static final AtomicLong rounds = new AtomicLong();
    static String base;
    static final String MARKER = "browser test: logged by a task on the worker";

    BrowserContext context;
    Page page;
    final List<String> errors = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() throws Exception {
        browser = Browser.launch();
        cluster = LocalCluster.builder().workers(2).threadsPerWorker(2).dashboardAddress("127.0.0.1:0").start();
        client = cluster.client();
        String link = cluster.dashboardLink().orElseThrow();
        base = link.substring(0, link.length() - "/status".length());
        // a line in the workers' log (they are threads of this JVM here, so they share one log buffer)
        ClusterFuture<Integer> logged = client.submit(() -> {
            org.slf4j.LoggerFactory.getLogger("io.jdask.dashboard.test").info(MARKER);
            return 1;
        });
        logged.get(30, TimeUnit.SECONDS);
        logged.release();
        // keeps the cluster busy while the pages load: rounds of 40 tasks of 25 ms, checked each time
        load = new Thread(() -> {
            while (running.get()) {
                List<Integer> items = IntStream.range(0, 40).boxed().toList();
                List<ClusterFuture<Integer>> fs = client.map((Integer i) -> {
                    Thread.sleep(25);
                    return i * 2;
                }, items);
                List<Integer> out = client.gather(fs);
                if (!out.equals(items.stream().map(i -> i * 2).toList())) {
                    throw new AssertionError("wrong results " + out);
                }
                fs.forEach(ClusterFuture::release);
                rounds.incrementAndGet();
            }
        }, "dashboard-test-load");
        load.setDaemon(true);
        load.start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        running.set(false);
        if (load != null) {
            load.join(20_000);
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 1000));
        page = context.newPage();
        page.onPageError(errors::add);
        page.onConsoleMessage(m -> {
            if (m.type().equals("error")) {
                errors.add(m.text());
            }
        });
        page.setDefaultTimeout(WAIT_MS);
    }

    @AfterEach
    void closePage() {
        context.close();
        assertThat(errors).as("errors in the page").isEmpty();
    }

    /** Saves the page as {@code target/dashboard-NAME.png}, a test artifact. */
    Path screenshot(String name) throws java.io.IOException {
        Path shot = Path.of("target", "dashboard-" + name + ".png");
        Files.createDirectories(shot.getParent());
        page.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
        return shot;
    }

    @Test
    void statusShowsTheTaskStreamProgressAndWorkers() throws Exception {
        page.navigate(base + "/status");
        page.waitForFunction("() => Number(document.getElementById('stream-count').textContent) > 40");
        page.waitForSelector(".progress-row[data-prefix] .bar span");
        page.waitForFunction("() => [...document.querySelectorAll('.progress-row')].some(r => Number(r.dataset.finished) > 0)");
        assertThat(page.locator("#stream canvas").count()).isEqualTo(1);
        assertThat(page.locator("#memory canvas").count()).isEqualTo(1);
        assertThat(page.locator("#processing canvas").count()).isEqualTo(1);
        // no chart library on this page: plain canvases
        assertThat(page.evaluate("() => typeof echarts")).isEqualTo("undefined");
        // the stream's bars are drawn in rows of worker threads: 2 workers x 2 threads
        page.waitForFunction("() => jdaskStatus.stream.rows.length === 4");
        assertThat(page.evaluate("() => jdaskStatus.stream.rows.join(',')").toString()).contains("local-0 #0").contains("local-0 #1")
                .contains("local-1 #0").contains("local-1 #1");
        // the bars: tasks of the load's prefix, coloured by it, in those rows, within the window drawn
        Object bars = page.evaluate("() => { const s = jdaskStatus.stream; const bs = jdaskStatus.streamBars();"
                + " return bs.length > 0 && bs.every(b => b.row >= 0 && b.row < 4 && b.stop > s.from && b.start <= s.to)"
                + " && bs.some(b => b.kind === 'compute' && b.colour === Jd.colour(b.prefix)); }");
        assertThat(bars).isEqualTo(true);
        // the canvas holds what was drawn: the pixel at the middle of the newest wide task bar has its prefix's colour
        Object pixel = page.evaluate("() => { const s = jdaskStatus.stream, c = document.querySelector('#stream canvas');"
                + " const bs = jdaskStatus.streamBars().filter(b => b.kind === 'compute');"
                + " const w = c.width / devicePixelRatio - 130, band = (c.height / devicePixelRatio - 28) / s.rows.length;"
                + " const b = bs.reduce((x, y) => (y.stop - y.start > x.stop - x.start ? y : x));"
                + " const x = 110 + w * ((b.start + b.stop) / 2 - s.from) / Math.max(1, s.to - s.from), y = 6 + band * (b.row + 0.5);"
                + " const d = c.getContext('2d').getImageData(Math.round(x * devicePixelRatio), Math.round(y * devicePixelRatio), 1, 1).data;"
                + " const hex = '#' + [d[0], d[1], d[2]].map(v => v.toString(16).padStart(2, '0')).join('');"
                + " return hex === b.colour || hex + ' != ' + b.colour; }");
        assertThat(pixel).isEqualTo(true);
        // its tooltip, worked out from the data drawn when the mouse moves over the bar (in one task: no redraw in between)
        Object tip = page.evaluate("() => { const s = jdaskStatus.stream, c = document.querySelector('#stream canvas'), r = c.getBoundingClientRect();"
                + " const b = jdaskStatus.streamBars().filter(b => b.kind === 'compute').reduce((x, y) => (y.stop - y.start > x.stop - x.start ? y : x));"
                + " const w = r.width - 130, band = (r.height - 28) / s.rows.length;"
                + " const x = r.left + 110 + w * ((b.start + b.stop) / 2 - s.from) / Math.max(1, s.to - s.from), y = r.top + 6 + band * (b.row + 0.5);"
                + " c.dispatchEvent(new MouseEvent('mousemove', {clientX: x, clientY: y, bubbles: true}));"
                + " const t = document.querySelector('.tip'); return t && t.style.display === 'block' ? t.innerText : 'no tooltip'; }");
        assertThat(tip.toString()).contains("compute on local-").contains(" ms");
        // cluster memory: in memory and spilled, stacked per worker; processing per worker
        assertThat(page.evaluate("() => jdaskStatus.memory.kind + ':' + jdaskStatus.memory.series.join(',')")).isEqualTo("bars:in memory,spilled");
        assertThat(page.evaluate("() => jdaskStatus.memory.rows.map(r => r.name).sort().join(',')")).isEqualTo("local-0,local-1");
        assertThat(page.evaluate("() => jdaskStatus.processing.map(r => r.name).sort().join(',')")).isEqualTo("local-0,local-1");
        assertThat(page.locator("#memory-total").innerText()).contains("in memory").contains("spilled to disk");
        assertThat(Files.size(screenshot("status"))).isGreaterThan(10_000);
    }

    @Test
    void statusUpdatesItsProgressRowsInPlace() {
        page.navigate(base + "/status");
        page.waitForFunction("() => [...document.querySelectorAll('.progress-row')].some(r => Number(r.dataset.finished) > 0)");
        // the row element of a prefix stays the same one while its numbers change (the load's prefix finishes more tasks)
        page.evaluate("() => { window.rowsBefore = [...document.querySelectorAll('.progress-row')].map(r => [r, r.dataset.finished]); }");
        page.waitForFunction("() => window.rowsBefore.some(([r, f]) => r.isConnected && r.dataset.finished !== f)");
        assertThat(page.evaluate("() => { const [r] = window.rowsBefore.find(([r, f]) => r.dataset.finished !== f);"
                + " const same = [...document.querySelectorAll('.progress-row')].filter(x => x.dataset.prefix === r.dataset.prefix);"
                + " return same.length === 1 && same[0] === r && r.querySelectorAll('.bar span').length === 6; }")).isEqualTo(true);
        assertThat(page.locator("#progress-empty").isVisible()).isFalse();
    }

    @Test
    void aHiddenStatusPageStopsThePushesAndCatchesUpWhenShown() throws Exception {
        page.navigate(base + "/status");
        page.waitForFunction("() => Number(document.getElementById('stream-count').textContent) > 0");
        // as the browser does when the tab goes to the background
        page.evaluate("() => { Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});"
                + " Object.defineProperty(document, 'visibilityState', {configurable: true, get: () => 'hidden'});"
                + " document.dispatchEvent(new Event('visibilitychange')); }");
        awaitMetric("jdask_dashboard_websockets_paused 1.0");
        Object updates = page.evaluate("() => Jd.state.updates");
        long seen = rounds.get();
        while (rounds.get() < seen + 2) { // the load runs two more rounds: the page gets nothing meanwhile
            Thread.sleep(50);
        }
        Thread.sleep(3 * WebDashboard.PUSH_MILLIS);
        assertThat(page.evaluate("() => Jd.state.updates")).as("updates while hidden").isEqualTo(updates);
        String count = page.locator("#stream-count").innerText();
        page.evaluate("() => { delete document.hidden; delete document.visibilityState; document.dispatchEvent(new Event('visibilitychange')); }");
        awaitMetric("jdask_dashboard_websockets_paused 0.0");
        page.waitForFunction("c => Number(document.getElementById('stream-count').textContent) > Number(c)", count);
    }

    /** Waits until the dashboard's metrics show this line. */
    private static void awaitMetric(String line) throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body().contains(line)) {
            assertThat(System.nanoTime() - deadline).as("waiting for " + line + " in /metrics").isNegative();
            Thread.sleep(100);
        }
    }

    @Test
    void statusDrawsSpillsAndAHistogramOfManyWorkers() {
        page.navigate(base + "/status");
        page.waitForFunction("() => Number(document.getElementById('stream-count').textContent) > 0");
        // a spill mark as the monitor sends it, drawn over the first row of a worker (this cluster has no memory limit, so it never spills)
        Object kinds = page.evaluate("() => { const s = Jd.state.summary; const w = s.workers[0]; const now = Date.now();"
                + " const e = {seq: 1e12, worker: w.address, key: 'spill', prefix: 'spill', kind: 'spill', start: now - 1000, stop: now, nbytes: 4096, count: 3};"
                + " Jd.state.stream.push(e); assignLanes(s, [e]); renderStream(s);"
                + " return jdaskStatus.streamBars().filter(b => b.kind === 'spill').map(b => b.label + ' ' + b.colour); }");
        assertThat(kinds.toString()).contains("3 values spilled to disk (4.00 KiB) #607d8b");
        // beyond 100 workers the memory chart is a histogram of memory / limit in 10 bins
        Object bins = page.evaluate("() => { const ws = []; for (let i = 0; i < 150; i++) ws.push({name: 'w' + i, address: 'tcp://w:' + i,"
                + " memory: i * 10, spilled: 0, memoryLimit: 1500, nthreads: 1, processing: 0});"
                + " renderMemory({workers: ws}); const m = jdaskStatus.memory;"
                + " return m.kind + ':' + m.bins.join(',') + ':' + m.labels[0]; }");
        assertThat(bins).isEqualTo("histogram:15,15,15,15,15,15,15,15,15,15:0–10%");
    }

    @Test
    void workersTableListsBothWorkersAndTheirWork() throws Exception {
        page.navigate(base + "/workers");
        page.waitForFunction("() => document.querySelectorAll('tr.worker-row').length === 2");
        page.waitForFunction("() => [...document.querySelectorAll('tr.worker-row td.finished')].every(td => Number(td.textContent) > 0)");
        assertThat(page.locator("tr.worker-row").allInnerTexts()).anySatisfy(t -> assertThat(t).contains("local-0"))
                .anySatisfy(t -> assertThat(t).contains("local-1"));
        assertThat(page.locator("#workers thead").innerText()).contains("CPU").contains("memory / limit").contains("spilled")
                .contains("executing").contains("bytes in").contains("bytes out");
        // the heartbeat's figures: CPU in percent once a heartbeat came, spilled and traffic in bytes
        page.waitForFunction("() => [...document.querySelectorAll('tr.worker-row td.cpu')].every(td => td.textContent.endsWith('%'))");
        assertThat(page.locator("tr.worker-row td.spilled").allInnerTexts()).allSatisfy(t -> assertThat(t).matches("[0-9.]+ (B|KiB|MiB|GiB)"));
        assertThat(page.locator("tr.worker-row td.bytes-in").allInnerTexts()).allSatisfy(t -> assertThat(t).matches("[0-9.]+ (B|KiB|MiB|GiB) .*/s"));
        assertThat(page.locator("tr.worker-row td.bytes-out").allInnerTexts()).allSatisfy(t -> assertThat(t).matches("[0-9.]+ (B|KiB|MiB|GiB) .*/s"));
        assertThat(page.locator("tr.worker-row td.memory").allInnerTexts()).allSatisfy(t -> assertThat(t).contains("(no limit)"));
        page.locator("tr.worker-row a").first().click();
        page.waitForURL("**/worker?address=*");
        page.waitForSelector("tr.task-row");
        // its own log, fetched from the worker: the line a task logged on it
        page.waitForFunction("() => document.getElementById('log').textContent.includes('" + MARKER + "')");
        assertThat(page.locator("#log-status").innerText()).contains("lines, fetched");
        assertThat(page.locator("#events").innerText()).contains("joined");
        page.waitForFunction("() => document.getElementById('held-count').textContent !== ''");
        screenshot("worker");
    }

    @Test
    void graphShowsTheLiveTasks() throws Exception {
        page.navigate(base + "/graph");
        page.waitForFunction("() => window.jdaskGraph && window.jdaskGraph.nodes().length > 0");
        assertThat(page.locator("#graph-summary").innerText()).contains("tasks");
        assertThat(page.locator("#graph canvas").count()).isPositive();
        screenshot("graph");
    }

    @Test
    void systemAndInfoPagesFillIn() throws Exception {
        page.navigate(base + "/system");
        page.waitForFunction("() => { const c = echarts.getInstanceByDom(document.getElementById('cpu'));"
                + " return c && c.getOption() && c.getOption().series.length > 0 && c.getOption().series[0].data.length > 0; }");
        page.navigate(base + "/info");
        page.waitForFunction("() => document.querySelector('#versions').innerText.includes('jdask')");
        assertThat(page.locator("#scheduler").innerText()).contains(cluster.schedulerAddress());
        assertThat(page.locator("#log").innerText()).contains("worker local-0 joined");
        screenshot("info");
    }
}
