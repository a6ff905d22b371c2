package io.jdask.distributed.scheduler.monitor;

import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.scheduler.WorkerInfo;
import io.jdask.distributed.scheduler.state.PrefixCounts;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskGraphView;
import io.jdask.distributed.util.StringMap;
import io.jdask.graph.Key;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ClusterMonitor}: everything but {@link #snapshot()} and {@link #wantGraph()} runs on
 * the scheduler's loop and touches plain fields; snapshots are published through a volatile field.
 */
final class Monitor implements ClusterMonitor {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
    /** Prefixes whose tasks all finished and left, kept for their progress bars. */
    private static final int MAX_IDLE_PREFIXES = 100;
    private static final Key SPILL = Key.of("spill");
    private static final Key UNSPILL = Key.of("unspill");

    private final long publishNanos;
    private final long graphNanos;
    private final long graphLeaseNanos;
    private final int graphMaxTasks;
    private final int workerTasksMax;
    /** The wall clock at {@link #baseNanos}, to turn the loop's nano times into epoch milliseconds. */
    private final long baseMillis = System.currentTimeMillis();
    private final long baseNanos = System.nanoTime();

    // owned by the loop
    private final Map<String, Row> workers = new LinkedHashMap<>();
    /**
     * {@link #workers} by address again, for the lookup of every finished task: a {@code StringMap},
     * whose calls no other code of the process can turn virtual (see {@code OpenHashMap}); the
     * {@code LinkedHashMap} keeps the order.
     */
    private final StringMap<Row> workerIndex = new StringMap<>();
    private final Ring<TaskStreamEntry> stream;
    private final Ring<String> events;
    private String scheduler = "";
    /** The state's transition count at the last snapshot: the progress bars changed when it moved. */
    private long transitions;
    /** The progress bars of the last snapshot, kept for the one published when the scheduler closes. */
    private List<PrefixProgress> progress = List.of();
    private long finished;
    private long erred;
    private long bytesTransferred;
    private long joined;
    private long left;
    private long version;
    /** Whether anything was recorded since the last snapshot (an idle scheduler publishes nothing new). */
    private boolean changed = true;
    private long lastPublish = Long.MIN_VALUE;
    private long lastGraph = Long.MIN_VALUE;
    private TaskGraphView graph;

    private long graphWantedUntil;
    private boolean graphWanted;
    private long graphRequestsSeen;

    /** Incremented by readers who want the graph; the loop turns a new request into a lease on its own clock. */
    private final AtomicLong graphRequests = new AtomicLong();
    /** Workers whose tasks readers asked for, with the number of their latest request; the loop turns new ones into leases. */
    private final Map<String, Long> workerTasksRequests = new ConcurrentHashMap<>();
    private final AtomicLong requestCounter = new AtomicLong();
    /** Owned by the loop: the request each lease came from, and when it ends on the loop's clock. */
    private final Map<String, long[]> workerTasksLeases = new LinkedHashMap<>();
    private volatile ClusterSnapshot latest;

    Monitor(ClusterMonitor.Builder b) {
        this.publishNanos = b.publishInterval.toNanos();
        this.graphNanos = b.graphInterval.toNanos();
        this.graphLeaseNanos = b.graphLease.toNanos();
        this.graphMaxTasks = b.graphMaxTasks;
        this.workerTasksMax = b.workerTasksMax;
        this.stream = new Ring<>(b.taskStreamCapacity);
        this.events = new Ring<>(b.eventCapacity);
        this.latest = new ClusterSnapshot(0, System.currentTimeMillis(), "", List.of(), List.of(), List.of(),
                new ClusterSnapshot.Totals(0, 0, 0, 0, 0, 0, 0, 0), List.of(), Optional.empty(), Map.of());
    }

    /** A worker's mutable counters. */
    private static final class Row {
        final WorkerInfo info;
        final long joinedMillis;
        WorkerStatus status;
        WorkerMetrics metrics = WorkerMetrics.NONE;
        long tasksFinished;
        long tasksErred;
        double sendRate;
        double receiveRate;
        long lastHeartbeatNanos;
        long lastHeartbeatMillis;

        Row(WorkerInfo info, long joinedMillis) {
            this.info = info;
            this.joinedMillis = joinedMillis;
            this.status = info.status();
        }
    }

    @Override
    public ClusterSnapshot snapshot() {
        return latest;
    }

    @Override
    public void wantGraph() {
        graphRequests.incrementAndGet();
    }

    @Override
    public void wantWorkerTasks(String address) {
        workerTasksRequests.put(Objects.requireNonNull(address, "address"), requestCounter.incrementAndGet());
    }

    // ---- on the loop

    @Override
    public void started(SchedulerServer s) {
        scheduler = s.address();
        event("scheduler started at " + scheduler);
    }

    @Override
    public void taskFinished(String worker, Key key, long nbytes, long durationNanos, long nowNanos) {
        finished++;
        changed = true;
        Row r = workerIndex.get(worker);
        if (r != null) {
            r.tasksFinished++;
        }
        if (durationNanos >= 0) {
            stream.add(new TaskStreamEntry(stream.added() + 1, worker, key, TaskStreamEntry.Kind.COMPUTE,
                    millis(nowNanos - durationNanos), millis(nowNanos), nbytes, 1));
        }
    }

    @Override
    public void taskErred(String worker, Key key, String exceptionType, long durationNanos, long nowNanos) {
        erred++;
        changed = true;
        Row r = workerIndex.get(worker);
        if (r != null) {
            r.tasksErred++;
        }
        stream.add(new TaskStreamEntry(stream.added() + 1, worker, key, TaskStreamEntry.Kind.ERROR,
                millis(nowNanos - Math.max(0, durationNanos)), millis(nowNanos), 0, 1));
        event("task " + key + " failed on " + worker + ": " + exceptionType);
    }

    @Override
    public void replicasAdded(String worker, Map<Key, Long> nbytes, long nowNanos) {
        long stop = millis(nowNanos);
        changed = true;
        for (Map.Entry<Key, Long> e : nbytes.entrySet()) {
            long n = Math.max(0, e.getValue());
            bytesTransferred += n;
            stream.add(new TaskStreamEntry(stream.added() + 1, worker, e.getKey(), TaskStreamEntry.Kind.TRANSFER, stop, stop, n, 1));
        }
    }

    @Override
    public void workerAdded(WorkerInfo worker) {
        joined++;
        changed = true;
        Row row = new Row(worker, System.currentTimeMillis());
        workers.put(worker.address(), row);
        workerIndex.put(worker.address(), row);
        event("worker " + worker.name() + " joined at " + worker.address() + " (" + worker.nthreads() + " threads)");
    }

    @Override
    public void workerRemoved(String address, String reason) {
        Row r = workers.remove(address);
        workerIndex.remove(address);
        if (r != null) {
            changed = true;
            left++;
            event("worker " + r.info.name() + " at " + address + " left: " + reason);
        }
    }

    @Override
    public void heartbeat(String worker, WorkerMetrics m, long now) {
        Row r = workerIndex.get(worker);
        if (r == null) {
            return;
        }
        changed = true;
        long nowMillis = millis(now);
        WorkerMetrics before = r.metrics;
        // the span since the previous heartbeat (since it joined, for the first)
        long fromMillis = r.lastHeartbeatNanos == 0 ? Math.min(nowMillis, r.joinedMillis) : millis(r.lastHeartbeatNanos);
        if (r.lastHeartbeatNanos != 0 && now > r.lastHeartbeatNanos) {
            double seconds = (now - r.lastHeartbeatNanos) / 1e9;
            r.sendRate = Math.max(0, m.bytesSent() - before.bytesSent()) / seconds;
            r.receiveRate = Math.max(0, m.bytesReceived() - before.bytesReceived()) / seconds;
        }
        if (m.spills() > before.spills()) {
            stream.add(new TaskStreamEntry(stream.added() + 1, worker, SPILL, TaskStreamEntry.Kind.SPILL, fromMillis, nowMillis,
                    Math.max(0, m.spilledBytesTotal() - before.spilledBytesTotal()), m.spills() - before.spills()));
        }
        if (m.unspills() > before.unspills()) {
            stream.add(new TaskStreamEntry(stream.added() + 1, worker, UNSPILL, TaskStreamEntry.Kind.UNSPILL, fromMillis, nowMillis, 0,
                    m.unspills() - before.unspills()));
        }
        r.metrics = m;
        r.lastHeartbeatNanos = now;
        r.lastHeartbeatMillis = System.currentTimeMillis();
    }

    @Override
    public void workerStatus(String worker, WorkerStatus status) {
        Row r = workerIndex.get(worker);
        if (r != null && r.status != status) {
            r.status = status;
            changed = true;
            event("worker " + r.info.name() + " is " + status.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Override
    public void afterBatch(SchedulerState state, long nowNanos) {
        if (lastPublish != Long.MIN_VALUE && nowNanos - lastPublish < publishNanos) {
            return;
        }
        if (state.transitionCount() != transitions) {
            changed = true; // tasks moved: the progress bars did
        }
        long requests = graphRequests.get();
        if (!changed && requests == graphRequestsSeen && !graphWanted && workerTasksRequests.isEmpty()) {
            return; // nothing new to publish
        }
        lastPublish = nowNanos;
        changed = false;
        if (requests != graphRequestsSeen) {
            graphRequestsSeen = requests;
            graphWanted = true;
            graphWantedUntil = nowNanos + graphLeaseNanos;
        }
        if (graphWanted && nowNanos - graphWantedUntil >= 0) {
            graphWanted = false;
        }
        if (graphWanted) {
            if (graph == null || nowNanos - lastGraph >= graphNanos) {
                graph = TaskGraphView.of(state, graphMaxTasks);
                lastGraph = nowNanos;
            }
        } else {
            graph = null;
        }
        latest = build(state, workerTasks(state, nowNanos));
    }

    /** The tasks of the workers under a lease (renewed by each new request), bounded lists each. */
    private Map<String, WorkerTasks> workerTasks(SchedulerState state, long nowNanos) {
        if (workerTasksRequests.isEmpty()) {
            return Map.of();
        }
        for (Map.Entry<String, Long> e : workerTasksRequests.entrySet()) {
            long[] lease = workerTasksLeases.get(e.getKey());
            if (lease == null || lease[0] != e.getValue()) {
                workerTasksLeases.put(e.getKey(), new long[] {e.getValue(), nowNanos + graphLeaseNanos});
            }
        }
        Map<String, WorkerTasks> out = new LinkedHashMap<>();
        for (var it = workerTasksLeases.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, long[]> e = it.next();
            String w = e.getKey();
            if (nowNanos - e.getValue()[1] >= 0 || !workers.containsKey(w)) {
                it.remove();
                workerTasksRequests.remove(w, e.getValue()[0]); // unless asked again meanwhile
            } else {
                out.put(w, new WorkerTasks(w, state.processingCount(w), state.workerKeys(w, false, workerTasksMax), state.hasWhatCount(w),
                        state.workerKeys(w, true, workerTasksMax)));
            }
        }
        return out;
    }

    @Override
    public void closed() {
        event("scheduler closed");
        lastPublish = Long.MIN_VALUE;
        latest = build(null, Map.of());
    }

    private ClusterSnapshot build(SchedulerState state, Map<String, WorkerTasks> workerTasks) {
        List<WorkerSnapshot> ws = new ArrayList<>(workers.size());
        for (Map.Entry<String, Row> e : workers.entrySet()) {
            Row r = e.getValue();
            WorkerInfo i = r.info;
            int processing = state == null ? 0 : state.processingCount(e.getKey());
            int held = state == null ? 0 : state.hasWhatCount(e.getKey());
            ws.add(new WorkerSnapshot(i.address(), i.name(), i.nthreads(), i.memoryLimit(), i.resources(), r.status, r.metrics, processing, held,
                    r.tasksFinished, r.tasksErred, r.sendRate, r.receiveRate, r.joinedMillis, r.lastHeartbeatMillis));
        }
        if (state != null) {
            transitions = state.transitionCount();
            progress = progress(state);
        }
        var totals = new ClusterSnapshot.Totals(state == null ? 0 : state.taskCount(), state == null ? 0 : state.queuedCount(), transitions,
                finished, erred, bytesTransferred, joined, left);
        return new ClusterSnapshot(++version, System.currentTimeMillis(), scheduler, ws, progress, stream.toList(), totals, events.toList(),
                Optional.ofNullable(graph), workerTasks);
    }

    /**
     * The progress bars from the scheduler's counts: every prefix with tasks in an active state or
     * in memory, and the {@value #MAX_IDLE_PREFIXES} that set out most recently among those whose
     * tasks all finished and left.
     */
    private static List<PrefixProgress> progress(SchedulerState state) {
        List<PrefixCounts> all = state.prefixCounts();
        long[] idle = new long[all.size()];
        int idleCount = 0;
        for (PrefixCounts c : all) {
            if (!c.live() && c.finished() > 0) {
                idle[idleCount++] = c.startedAt();
            }
        }
        long oldestShown = Long.MIN_VALUE;
        if (idleCount > MAX_IDLE_PREFIXES) {
            Arrays.sort(idle, 0, idleCount);
            oldestShown = idle[idleCount - MAX_IDLE_PREFIXES];
        }
        List<PrefixProgress> out = new ArrayList<>();
        for (PrefixCounts c : all) {
            if (c.live() || (c.finished() > 0 && c.startedAt() >= oldestShown)) {
                double mean = state.prefixStats(c.prefix()).map(s -> s.totalNanos() / 1e6 / s.count()).orElse(-1.0);
                out.add(new PrefixProgress(c.prefix(), c.waiting(), c.queued() + c.noWorker(), c.processing(), c.memory(), c.erred(), c.finished(), mean));
            }
        }
        return out;
    }

    private long millis(long nanos) {
        return baseMillis + (nanos - baseNanos) / 1_000_000;
    }

    private void event(String text) {
        changed = true;
        events.add(TIME.format(Instant.now()) + " " + text);
    }
}
