package io.jdask.dashboard;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdask.distributed.comm.Addresses;
import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.SchedulerDashboard;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.scheduler.WorkerInfo;
import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import io.jdask.distributed.scheduler.monitor.TaskStreamEntry;
import io.jdask.distributed.scheduler.monitor.WorkerSnapshot;
import io.jdask.distributed.scheduler.monitor.WorkerTasks;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.graph.Key;
import io.jdask.distributed.comm.Security;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard: a {@link ClusterMonitor} on the scheduler's loop, and a Javalin server that reads
 * its snapshots from other threads (HTTP handlers, the WebSocket pusher, the system sampler).
 */
final class WebDashboard implements SchedulerDashboard {
    /** How often WebSocket clients get news, at most. */
    static final long PUSH_MILLIS = 1000; // the /status page draws at most once a second too
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClusterMonitor monitor;
    private final BindAddress bind;
    private final SystemSampler system = new SystemSampler(600);
    private final Metrics metrics;
    private final Pusher pusher;
    private final ScheduledExecutorService timer;
    private final WorkerLogs logs;
    private final long startedMillis = System.currentTimeMillis();
    private Javalin app;
    private volatile String link;

    private WebDashboard(BindAddress bind, ClusterMonitor monitor, Security security) {
        this.bind = bind;
        this.logs = new WorkerLogs(security, Duration.ofSeconds(10));
        this.monitor = monitor;
        this.pusher = new Pusher(monitor, JSON);
        this.metrics = new Metrics(monitor, pusher::openSockets, pusher::pausedSockets);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jdask-dashboard-push");
            t.setDaemon(true);
            return t;
        });
    }

    static WebDashboard open(BindAddress bind, ClusterMonitor monitor, Security security) throws IOException {
        WebDashboard d = new WebDashboard(bind, monitor, security);
        try {
            d.app = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.startup.showOldJavalinVersionWarning = false;
                Pages.register(config, d);
                config.routes.ws("/ws", d.pusher::configure);
            });
            d.app.start(bind.host().isEmpty() ? "0.0.0.0" : bind.host(), bind.port());
        } catch (RuntimeException e) {
            d.close();
            throw new IOException("cannot serve the dashboard on " + (bind.host().isEmpty() ? "*" : bind.host()) + ":" + bind.port() + ": " + e.getMessage(), e);
        }
        d.link = "http://" + (bind.host().isEmpty() ? "127.0.0.1" : bind.host()) + ":" + d.app.port() + "/status";
        d.timer.scheduleWithFixedDelay(d::sampleQuietly, 0, 1, TimeUnit.SECONDS);
        d.timer.scheduleWithFixedDelay(d.pusher::push, PUSH_MILLIS, PUSH_MILLIS, TimeUnit.MILLISECONDS);
        return d;
    }

    private void sampleQuietly() {
        try {
            system.sample();
        } catch (RuntimeException e) {
            // a sample lost is a gap in a chart; the next one comes in a second
        }
    }

    // ---- what the pages and the API read

    ClusterMonitor monitor() {
        return monitor;
    }

    String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    void sendJson(Context ctx, Object value) {
        ctx.contentType("application/json").result(json(value));
    }

    Map<String, Object> system() {
        return JsonViews.system(system.samples());
    }

    Map<String, Object> info() {
        return JsonViews.info(monitor.snapshot(), link, startedMillis);
    }

    String metrics() {
        return metrics.scrape();
    }

    /** @return the worker with this address or name, or null */
    WorkerSnapshot findWorker(String address) {
        return findWorker(monitor.snapshot(), address);
    }

    private static WorkerSnapshot findWorker(ClusterSnapshot s, String address) {
        return s.workers().stream().filter(x -> x.address().equals(address) || x.name().equals(address)).findFirst().orElse(null);
    }

    /**
     * @param address a worker's address
     * @param maxLines the most lines
     * @return its log lines, fetched from it without blocking the caller
     */
    java.util.concurrent.CompletableFuture<List<String>> workerLog(String address, int maxLines) {
        return logs.fetch(address, maxLines);
    }

    Map<String, Object> workerDetail(String address) {
        ClusterSnapshot s = monitor.snapshot();
        WorkerSnapshot w = findWorker(s, address);
        if (w == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("worker", JsonViews.worker(w));
        List<TaskStreamEntry> tasks = s.taskStream().stream().filter(e -> e.worker().equals(w.address())).toList();
        m.put("tasks", tasks.subList(Math.max(0, tasks.size() - 200), tasks.size()).stream().map(JsonViews::entry).toList());
        monitor.wantWorkerTasks(w.address());
        WorkerTasks now = s.workerTasks().get(w.address());
        m.put("current", now == null ? Map.of("pending", true) : JsonViews.workerTasks(now));
        m.put("events", s.events().stream().filter(e -> e.contains(w.address())).toList());
        return m;
    }

    // ---- SchedulerDashboard

    @Override
    public String link() {
        return link;
    }

    @Override
    public void started(SchedulerServer scheduler) {
        if (bind.host().isEmpty()) {
            // bound to every interface: link to the host the scheduler tells others
            String host = Addresses.parse(scheduler.address()).getHostString();
            link = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port() + "/status";
        }
        monitor.started(scheduler);
    }

    @Override
    public void taskFinished(String worker, Key key, long nbytes, long durationNanos, long nowNanos) {
        monitor.taskFinished(worker, key, nbytes, durationNanos, nowNanos);
    }

    @Override
    public void taskErred(String worker, Key key, String exceptionType, long durationNanos, long nowNanos) {
        monitor.taskErred(worker, key, exceptionType, durationNanos, nowNanos);
    }

    @Override
    public void workerAdded(WorkerInfo worker) {
        monitor.workerAdded(worker);
    }

    @Override
    public void workerRemoved(String address, String reason) {
        monitor.workerRemoved(address, reason);
    }

    @Override
    public void heartbeat(String worker, WorkerMetrics metrics, long nowNanos) {
        monitor.heartbeat(worker, metrics, nowNanos);
    }

    @Override
    public void workerStatus(String worker, WorkerStatus status) {
        monitor.workerStatus(worker, status);
    }

    @Override
    public void replicasAdded(String worker, Map<Key, Long> nbytes, long nowNanos) {
        monitor.replicasAdded(worker, nbytes, nowNanos);
    }

    @Override
    public void afterBatch(SchedulerState state, long nowNanos) {
        monitor.afterBatch(state, nowNanos);
    }

    @Override
    public void closed() {
        monitor.closed();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        pusher.closeAll();
        if (app != null) {
            app.stop();
        }
        metrics.close();
        logs.close();
    }
}
