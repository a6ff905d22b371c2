package io.jdask.distributed.client;

import io.jdask.Lazy;
import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.RunInfo;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.logs.LogBuffer;
import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client's cluster-management calls: named datasets, running a function on every worker,
 * restart, retirement, who holds what, scheduler info and logs. Each is a request with one reply
 * ({@link Requests}), to the scheduler or straight to each worker.
 */
final class ClusterOps {
    /** Run ids of distributed computes, far above the local schedulers' so that callbacks never confuse them. */
    private static final AtomicLong RUN_IDS = new AtomicLong(1L << 48);
    /** How long a function run on the workers ({@link #run}) may take. */
    private static final Duration RUN_TIMEOUT = Duration.ofHours(24);

    private final ClientImpl client;
    private final Connection scheduler;
    private final Gatherer gatherer;
    private final Requests requests;
    private final Duration timeout;

    ClusterOps(ClientImpl client, Connection scheduler, Gatherer gatherer, Requests requests, Duration timeout) {
        this.client = client;
        this.scheduler = scheduler;
        this.gatherer = gatherer;
        this.requests = requests;
        this.timeout = timeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : timeout;
    }

    /** Tells the callbacks a distributed compute starts. */
    static RunInfo startRun(TaskGraph graph, List<Key> outputs, Callback callback) {
        RunInfo run = new RunInfo(RUN_IDS.getAndIncrement(), "distributed", graph, List.copyOf(outputs), System.nanoTime());
        callback.onStart(run);
        return run;
    }

    private ClientReply ask(java.util.function.Function<String, ClientRequest> request) {
        client.flushReleases();
        return requests.ask(scheduler, request, timeout);
    }

    private static void check(ClientReply reply, String what) {
        if (reply instanceof ClientReply.Done d && !d.ok()) {
            throw new IllegalArgumentException(what + ": " + d.error());
        }
    }

    // ---- datasets

    void publish(String name, List<? extends ClusterFuture<?>> futures, boolean overwrite) {
        List<Key> keys = new ArrayList<>(futures.size());
        for (ClusterFuture<?> f : futures) {
            keys.add(GraphSpecs.ours(client, f, f.key()));
        }
        send(name, keys, new PublishedValues.Futures(keys), overwrite);
    }

    void publish(String name, Lazy<?> collection, boolean overwrite) {
        Map<Key, Key> held = heldKeys(collection);
        Lazy<?> persisted = collection;
        boolean fresh = held == null;
        if (fresh) {
            persisted = client.persist(collection);
            held = heldKeys(persisted);
        }
        Map<Key, Object> refs = new HashMap<>();
        held.forEach((k, f) -> refs.put(k, new PublishedValues.Ref(f)));
        try {
            send(name, List.copyOf(new java.util.LinkedHashSet<>(held.values())), persisted.rebuild(refs), overwrite);
        } finally {
            if (fresh) {
                releaseAll(persisted); // the dataset holds them now (or the publication failed)
            }
        }
    }

    private void send(String name, List<Key> keys, Object value, boolean overwrite) {
        Payload p = Payload.wrap(Serialization.get().toBytes(value));
        check(ask(id -> new ClientRequest.PublishDataset(name, keys, p, overwrite, id)), "cannot publish dataset '" + name + "'");
    }

    /** For a collection persisted by this client: each of its keys with the key its future holds; null when not persisted. */
    private Map<Key, Key> heldKeys(Lazy<?> c) {
        TaskGraph g = c.graph().materialize();
        Map<Key, Key> out = new LinkedHashMap<>();
        for (Key k : c.keys()) {
            if (!(g.get(k) instanceof Literal lit) || !(lit.value() instanceof ClusterFuture<?> f)) {
                return null;
            }
            out.put(k, GraphSpecs.ours(client, f, k));
        }
        return out;
    }

    static void releaseAll(Lazy<?> persisted) {
        TaskGraph g = persisted.graph().materialize();
        for (Node n : g.nodes().values()) {
            if (n instanceof Literal lit && lit.value() instanceof ClusterFuture<?> f) {
                f.release();
            }
        }
    }

    @SuppressWarnings("unchecked")
    <T> T getDataset(String name) {
        ClientReply reply = ask(id -> new ClientRequest.GetDataset(name, id));
        check(reply, "cannot get dataset '" + name + "'");
        ClientReply.Dataset d = (ClientReply.Dataset) reply;
        Object value = Gatherer.decode(d.value());
        List<ClusterFuture<Object>> futures = client.want(d.keys());
        Map<Key, ClusterFuture<Object>> byKey = new HashMap<>();
        for (ClusterFuture<Object> f : futures) {
            byKey.put(f.key(), f);
        }
        if (value instanceof PublishedValues.Futures) {
            return (T) futures;
        }
        if (value instanceof Lazy<?> template) {
            Map<Key, Object> results = new HashMap<>();
            TaskGraph g = template.graph().materialize();
            for (Key k : template.keys()) {
                if (g.get(k) instanceof Literal lit && lit.value() instanceof PublishedValues.Ref ref) {
                    results.put(k, byKey.get(ref.key()));
                }
            }
            return (T) template.rebuild(results);
        }
        throw new IllegalStateException("dataset '" + name + "' holds a " + (value == null ? "null" : value.getClass().getName())
                + ", not something a jdask client published");
    }

    void unpublish(String name) {
        check(ask(id -> new ClientRequest.UnpublishDataset(name, id)), "cannot unpublish dataset '" + name + "'");
    }

    List<String> listDatasets() {
        return ((ClientReply.DatasetNames) ask(ClientRequest.ListDatasets::new)).names();
    }

    // ---- workers

    SchedulerInfo schedulerInfo() {
        ClientReply.SchedulerInfo s = (ClientReply.SchedulerInfo) ask(ClientRequest.GetSchedulerInfo::new);
        return new SchedulerInfo(s.address(), s.clients(), s.tasks(), s.workers());
    }

    Map<String, List<Key>> hasWhat() {
        return new TreeMap<>(((ClientReply.HasWhat) ask(ClientRequest.GetHasWhat::new)).holdings());
    }

    @SuppressWarnings("unchecked")
    <R> Map<String, R> run(Fn0<R> fn) {
        Payload function = Payload.wrap(Serialization.get().toBytes(new Calls.Call0(fn)));
        Map<String, CompletableFuture<ClientReply>> replies = new TreeMap<>();
        for (String w : schedulerInfo().workerAddresses()) {
            replies.put(w, requests.send(worker(w), id -> new ClientRequest.RunFunction(function, id)));
        }
        Map<String, R> out = new TreeMap<>();
        for (Map.Entry<String, CompletableFuture<ClientReply>> e : replies.entrySet()) {
            ClientReply reply = Requests.await(e.getValue(), "worker " + e.getKey(), RUN_TIMEOUT);
            check(reply, "cannot run the function on worker " + e.getKey());
            ClientReply.RunResult r = (ClientReply.RunResult) reply;
            if (r.error() != null) {
                Throwable cause = client.remoteCause(r.error());
                throw new IllegalStateException("the function failed on worker " + e.getKey() + ": " + r.error().exceptionType() + ": "
                        + r.error().message(), cause);
            }
            out.put(e.getKey(), (R) Gatherer.decode(r.value()));
        }
        return out;
    }

    void replicate(List<Key> keys) {
        check(ask(id -> new ClientRequest.Replicate(keys, id)), "cannot replicate");
    }

    void restart(Duration wait) {
        int before = active(schedulerInfo());
        check(ask(ClientRequest.Restart::new), "cannot restart");
        // the scheduler marked every worker it asked to restart CLOSING_GRACEFULLY before it answered:
        // each is running again once it registered as a fresh process or reported that it stays
        SchedulerInfo info = pollUntil(wait, i -> active(i) >= before, "the workers restarted");
        if (active(info) < before) {
            throw new IllegalStateException("restart: " + active(info) + " of " + before + " workers came back within "
                    + wait.toMillis() + " ms (the workers now: " + info.workers().stream()
                    .map(w -> w.address() + " " + w.status()).toList() + ")");
        }
    }

    /** @return the workers that run or are paused (not leaving) */
    private static int active(SchedulerInfo info) {
        return (int) info.workers().stream()
                .filter(w -> w.status() == WorkerStatus.RUNNING || w.status() == WorkerStatus.PAUSED).count();
    }

    void retire(List<String> workers, Duration wait) throws TimeoutException {
        check(ask(id -> new ClientRequest.RetireWorkers(workers, id)), "cannot retire workers");
        SchedulerInfo info = pollUntil(wait, i -> leaving(i, workers).isEmpty(), "workers retired");
        List<String> left = leaving(info, workers);
        if (!left.isEmpty()) {
            throw new TimeoutException("workers " + left + " were still retiring after " + wait.toMillis() + " ms");
        }
    }

    private static List<String> leaving(SchedulerInfo info, List<String> workers) {
        List<String> left = new ArrayList<>(info.workerAddresses());
        left.retainAll(workers);
        return left;
    }

    /**
     * Asks the scheduler for its info every 50 ms until {@code done} holds or {@code wait} has passed.
     *
     * @return the last info (for which {@code done} holds unless the time ran out)
     */
    private SchedulerInfo pollUntil(Duration wait, java.util.function.Predicate<SchedulerInfo> done, String what) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            SchedulerInfo info = schedulerInfo();
            if (done.test(info) || System.nanoTime() - deadline > 0) {
                return info;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.jdask.scheduler.ComputeCancelledException("interrupted while " + what);
            }
        }
    }

    // ---- logs

    List<String> schedulerLogs() {
        return ((ClientReply.Logs) ask(id -> new ClientRequest.GetLogs(LogBuffer.CAPACITY, id))).lines();
    }

    Map<String, List<String>> workerLogs() {
        Map<String, CompletableFuture<ClientReply>> replies = new TreeMap<>();
        for (String w : schedulerInfo().workerAddresses()) {
            replies.put(w, requests.send(worker(w), id -> new ClientRequest.GetLogs(LogBuffer.CAPACITY, id)));
        }
        Map<String, List<String>> out = new TreeMap<>();
        for (Map.Entry<String, CompletableFuture<ClientReply>> e : replies.entrySet()) {
            out.put(e.getKey(), ((ClientReply.Logs) Requests.await(e.getValue(), "worker " + e.getKey(), timeout)).lines());
        }
        return out;
    }

    private Connection worker(String address) {
        try {
            return gatherer.connection(address);
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach worker " + address + ": " + e.getMessage(), e);
        }
    }
}
