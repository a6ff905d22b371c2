package io.jdask.dashboard;

import io.jdask.distributed.comm.Versions;
import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import io.jdask.distributed.scheduler.monitor.PrefixProgress;
import io.jdask.distributed.scheduler.monitor.TaskStreamEntry;
import io.jdask.distributed.scheduler.monitor.WorkerSnapshot;
import io.jdask.distributed.scheduler.monitor.WorkerTasks;
import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.scheduler.state.TaskGraphView;
import io.jdask.distributed.scheduler.state.TaskState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns snapshots into the plain maps and lists the JSON API and the WebSocket send. */
final class JsonViews {
    private JsonViews() {}

    static Map<String, Object> worker(WorkerSnapshot w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", w.address());
        m.put("name", w.name());
        m.put("status", w.status().name().toLowerCase(Locale.ROOT));
        m.put("nthreads", w.nthreads());
        m.put("memoryLimit", w.memoryLimit());
        WorkerMetrics x = w.metrics();
        m.put("memory", x.memoryBytes());
        m.put("spilled", x.spilledBytes());
        m.put("cpuPercent", x.cpuPercent());
        m.put("executing", x.executing());
        m.put("processing", w.processing());
        m.put("held", w.held());
        m.put("tasksFinished", w.tasksFinished());
        m.put("tasksErred", w.tasksErred());
        m.put("bytesSent", x.bytesSent());
        m.put("bytesReceived", x.bytesReceived());
        m.put("sendRate", w.sendRate());
        m.put("receiveRate", w.receiveRate());
        m.put("spills", x.spills());
        m.put("spilledBytesTotal", x.spilledBytesTotal());
        m.put("unspills", x.unspills());
        m.put("resources", w.resources());
        m.put("joined", w.joinedMillis());
        m.put("lastHeartbeat", w.lastHeartbeatMillis());
        return m;
    }

    static Map<String, Object> prefix(PrefixProgress p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("prefix", p.prefix());
        m.put("waiting", p.waiting());
        m.put("queued", p.queued());
        m.put("processing", p.processing());
        m.put("memory", p.memory());
        m.put("erred", p.erred());
        m.put("finished", p.finished());
        m.put("released", p.finished() - p.memory());
        m.put("total", p.total());
        m.put("meanMillis", p.meanMillis());
        return m;
    }

    static Map<String, Object> entry(TaskStreamEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("worker", e.worker());
        m.put("key", e.key().toString());
        m.put("prefix", e.prefix());
        m.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
        m.put("start", e.startMillis());
        m.put("stop", e.stopMillis());
        m.put("nbytes", e.nbytes());
        m.put("count", e.count());
        return m;
    }

    static Map<String, Object> totals(ClusterSnapshot.Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tasks", t.tasks());
        m.put("queued", t.queued());
        m.put("transitions", t.transitions());
        m.put("tasksFinished", t.tasksFinished());
        m.put("tasksErred", t.tasksErred());
        m.put("bytesTransferred", t.bytesTransferred());
        m.put("workersJoined", t.workersJoined());
        m.put("workersLeft", t.workersLeft());
        return m;
    }

    /** The snapshot without the task stream (sent separately, as a delta) and without the graph. */
    static Map<String, Object> summary(ClusterSnapshot s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", s.version());
        m.put("time", s.timeMillis());
        m.put("scheduler", s.scheduler());
        m.put("workers", s.workers().stream().map(JsonViews::worker).toList());
        m.put("prefixes", s.prefixes().stream().map(JsonViews::prefix).toList());
        m.put("totals", totals(s.totals()));
        m.put("cluster", cluster(s.workers()));
        return m;
    }

    /** Sums over the workers now: memory, spilled, traffic (totals since each started, and rates). */
    static Map<String, Object> cluster(List<WorkerSnapshot> workers) {
        long memory = 0;
        long spilled = 0;
        long limit = 0;
        long sent = 0;
        long received = 0;
        double sendRate = 0;
        double receiveRate = 0;
        for (WorkerSnapshot w : workers) {
            memory += w.memoryBytes();
            spilled += w.spilledBytes();
            limit += w.memoryLimit();
            sent += w.bytesSent();
            received += w.bytesReceived();
            sendRate += w.sendRate();
            receiveRate += w.receiveRate();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("memory", memory);
        m.put("spilled", spilled);
        m.put("memoryLimit", limit);
        m.put("bytesSent", sent);
        m.put("bytesReceived", received);
        m.put("sendRate", sendRate);
        m.put("receiveRate", receiveRate);
        return m;
    }

    static Map<String, Object> workerTasks(WorkerTasks t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("processingCount", t.processingCount());
        m.put("processing", t.processing().stream().map(Object::toString).toList());
        m.put("heldCount", t.heldCount());
        m.put("held", t.held().stream().map(Object::toString).toList());
        return m;
    }

    /**
     * @param s a snapshot
     * @param afterSeq the last entry the reader has
     * @param max the most entries to return (the newest)
     * @return the task-stream entries after {@code afterSeq}, oldest first
     */
    static List<Map<String, Object>> streamAfter(ClusterSnapshot s, long afterSeq, int max) {
        List<TaskStreamEntry> all = s.taskStream();
        int from = all.size();
        while (from > 0 && all.get(from - 1).seq() > afterSeq && all.size() - from < max) {
            from--;
        }
        List<Map<String, Object>> out = new ArrayList<>(all.size() - from);
        for (int i = from; i < all.size(); i++) {
            out.add(entry(all.get(i)));
        }
        return out;
    }

    /**
     * Writes the task-stream entries after {@code afterSeq} (the newest {@code max}) as a JSON array,
     * the same fields as {@link #entry}, straight into text (what {@code /api/taskstream} answers):
     * the ring holds 10,000 entries, and a map per entry through the object mapper cost several
     * times more.
     *
     * @param out where to write
     * @param s a snapshot
     * @param afterSeq the last entry the reader has
     * @param max the most entries to write
     * @return the seq of the last entry written, or {@code afterSeq} when none
     */
    static long writeStreamAfter(StringBuilder out, ClusterSnapshot s, long afterSeq, int max) {
        List<TaskStreamEntry> all = s.taskStream();
        int from = all.size();
        while (from > 0 && all.get(from - 1).seq() > afterSeq && all.size() - from < max) {
            from--;
        }
        out.append('[');
        long last = afterSeq;
        for (int i = from; i < all.size(); i++) {
            TaskStreamEntry e = all.get(i);
            if (i > from) {
                out.append(',');
            }
            writeEntry(out, e.seq(), e.worker(), e.key().toString(), e.prefix(), e.kind(), e.startMillis(), e.stopMillis(), e.nbytes(), e.count());
            last = e.seq();
        }
        out.append(']');
        return last;
    }

    /** Writes one task-stream entry as a JSON object with the fields of {@link #entry}. */
    static void writeEntry(StringBuilder out, long seq, String worker, String key, String prefix, TaskStreamEntry.Kind kind, long start, long stop,
            long nbytes, long count) {
        out.append("{\"seq\":").append(seq).append(",\"worker\":");
        quote(out, worker);
        out.append(",\"key\":");
        quote(out, key);
        out.append(",\"prefix\":");
        quote(out, prefix);
        out.append(",\"kind\":\"").append(KINDS[kind.ordinal()]).append("\",\"start\":").append(start).append(",\"stop\":").append(stop)
                .append(",\"nbytes\":").append(nbytes).append(",\"count\":").append(count).append('}');
    }

    private static final String[] KINDS = java.util.Arrays.stream(TaskStreamEntry.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
            .toArray(String[]::new);

    private static void quote(StringBuilder out, String text) {
        out.append('"');
        com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(text, out);
        out.append('"');
    }

    static Map<String, Object> graph(TaskGraphView g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grouped", g.grouped());
        m.put("taskCount", g.taskCount());
        List<Map<String, Object>> nodes = new ArrayList<>(g.nodes().size());
        for (TaskGraphView.Node n : g.nodes()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", n.id());
            node.put("prefix", n.prefix());
            Map<String, Integer> states = new LinkedHashMap<>();
            TaskState main = null;
            for (TaskState st : TaskState.values()) {
                Integer c = n.states().get(st);
                if (c != null) {
                    states.put(st.name().toLowerCase(Locale.ROOT), c);
                    if (main == null || c > n.states().get(main)) {
                        main = st;
                    }
                }
            }
            node.put("states", states);
            node.put("state", main == null ? "released" : main.name().toLowerCase(Locale.ROOT));
            node.put("count", n.states().values().stream().mapToInt(Integer::intValue).sum());
            node.put("worker", n.worker());
            nodes.add(node);
        }
        m.put("nodes", nodes);
        m.put("edges", g.edges().stream().map(e -> Map.of("from", e.from(), "to", e.to())).toList());
        return m;
    }

    static Map<String, Object> system(List<SystemSampler.Sample> samples) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", samples.stream().map(SystemSampler.Sample::timeMillis).toList());
        m.put("cpuPercent", samples.stream().map(SystemSampler.Sample::cpuPercent).toList());
        m.put("heapUsed", samples.stream().map(SystemSampler.Sample::heapUsed).toList());
        m.put("heapMax", samples.stream().map(SystemSampler.Sample::heapMax).toList());
        m.put("rss", samples.stream().map(SystemSampler.Sample::rss).toList());
        m.put("openFiles", samples.stream().map(SystemSampler.Sample::openFiles).toList());
        m.put("threads", samples.stream().map(SystemSampler.Sample::threads).toList());
        m.put("netReadPerSecond", samples.stream().map(SystemSampler.Sample::netReadPerSecond).toList());
        m.put("netWritePerSecond", samples.stream().map(SystemSampler.Sample::netWritePerSecond).toList());
        return m;
    }

    static Map<String, Object> info(ClusterSnapshot s, String link, long startedMillis) {
        Map<String, Object> versions = new LinkedHashMap<>();
        versions.put("jdask", Versions.jdask());
        versions.put("java", Runtime.version().toString());
        versions.put("javaVendor", System.getProperty("java.vendor"));
        versions.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scheduler", s.scheduler());
        m.put("dashboard", link);
        m.put("started", startedMillis);
        m.put("versions", versions);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        m.put("maxHeap", Runtime.getRuntime().maxMemory());
        m.put("totals", totals(s.totals()));
        m.put("events", s.events());
        return m;
    }
}
