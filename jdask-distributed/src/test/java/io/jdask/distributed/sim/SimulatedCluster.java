package io.jdask.distributed.sim;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerToScheduler;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerInstruction;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.worker.state.WorkerConfig;
import io.jdask.distributed.worker.state.WorkerEvent;
import io.jdask.distributed.worker.state.WorkerInstruction;
import io.jdask.distributed.worker.state.WorkerState;
import io.jdask.graph.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Drives one {@link SchedulerState} and several {@link WorkerState}s with in-memory links: the
 * runtime the real scheduler and worker processes will be, minus sockets and threads. Every step
 * picks at random among the things that could happen next (deliver a message on one link, end an
 * execution, end a fetch), so message interleavings vary with the seed; each link stays FIFO.
 *
 * <p>Task values are longs computed from the key and the dependencies' values, read from the
 * executing worker's simulated data store, so a task that runs without its inputs present fails
 * the test.
 */
final class SimulatedCluster {
    static final String CLIENT = "client";

    final Random rng;
    long clock;
    int stimuli;
    final SchedulerState scheduler;
    final Map<String, Node> nodes = new TreeMap<>();
    final ArrayDeque<SchedulerToClient> toClient = new ArrayDeque<>();
    final Map<Key, SchedulerToClient> lastClientMessage = new HashMap<>();
    /**
     * What each task computes: its dependencies. A task whose name starts with "fail" throws; one
     * whose name starts with "flaky" throws the first time it runs anywhere.
     */
    final Map<Key, List<Key>> graph = new HashMap<>();
    int workerCounter;
    /** How many messages of each kind the scheduler sent, and how many workers died: proof the seeds exercise the policies. */
    final Map<String, Integer> counts = new TreeMap<>();

    /** One simulated worker process. */
    final class Node {
        final String address;
        final WorkerState state;
        final int nthreads;
        final Map<Key, Long> store = new HashMap<>();
        final ArrayDeque<SchedulerToWorker> inbox = new ArrayDeque<>();
        final ArrayDeque<WorkerToScheduler> outbox = new ArrayDeque<>();
        /** Runs in progress with the value each will produce (its inputs are read when it starts). */
        final Map<Key, Long> running = new LinkedHashMap<>();
        final List<WorkerInstruction.Fetch> fetches = new ArrayList<>();

        final Map<String, Double> resources;
        /** Told to close by the scheduler (which has already removed it). */
        boolean closed;

        Node(String address, int nthreads, Map<String, Double> resources) {
            this.address = address;
            this.nthreads = nthreads;
            this.resources = resources;
            this.state = new WorkerState(WorkerConfig.of(address, nthreads).withMemoryLimit(1_000_000).withResources(resources)
                    .withFetchLimits(1 + rng.nextInt(2), 1 + rng.nextInt(3)).withValidate(true), () -> clock);
        }

        void apply(List<WorkerInstruction> instructions) {
            for (WorkerInstruction i : instructions) {
                switch (i) {
                    case WorkerInstruction.Execute e -> running.put(e.key(), e.key().name().startsWith("fail") ? 0L : value(e.key(), store));
                    case WorkerInstruction.Fetch f -> fetches.add(f);
                    case WorkerInstruction.Interrupt in -> { } // the run notices later, or finishes anyway
                    case WorkerInstruction.Discard d -> d.keys().forEach(store::remove);
                    case WorkerInstruction.Send s -> outbox.add(s.message());
                    case WorkerInstruction.Close c -> closed = true;
                    case WorkerInstruction.Restart r -> outbox.add(r.reply()); // a worker without a nanny stays
                }
            }
        }
    }

    SimulatedCluster(long seed, SchedulerConfig config) {
        this.rng = new Random(seed);
        this.scheduler = new SchedulerState(config.withValidate(true), () -> clock);
    }

    String sid(String what) {
        return what + "-" + (++stimuli);
    }

    Node addWorker() {
        return addWorker(rng.nextInt(3) == 0 ? Map.of("GPU", 1.0) : Map.of());
    }

    Node addWorker(Map<String, Double> resources) {
        String address = "tcp://w" + (workerCounter++) + ":1";
        Node n = new Node(address, 1 + rng.nextInt(3), resources);
        nodes.put(address, n);
        toScheduler(new SchedulerEvent.AddWorker(address, address, n.nthreads, 1_000_000, resources, sid("add")));
        return n;
    }

    /** Keys of "flaky" tasks that already failed once: they succeed from then on. */
    final java.util.Set<Key> flakyFailed = new java.util.HashSet<>();

    void killWorker(String address) {
        nodes.remove(address);
        toScheduler(new SchedulerEvent.RemoveWorker(address, "killed", sid("kill")));
    }

    void submit(List<TaskSpec> tasks, List<Key> wanted) {
        for (TaskSpec t : tasks) {
            graph.put(t.key(), t.dependencies());
        }
        toScheduler(new SchedulerEvent.UpdateGraph(CLIENT, tasks, wanted, sid("graph")));
    }

    void toScheduler(SchedulerEvent e) {
        if (e instanceof SchedulerEvent.RemoveWorker) {
            counts.merge("RemoveWorker", 1, Integer::sum);
        }
        for (SchedulerInstruction i : scheduler.handle(e)) {
            Object m = i instanceof SchedulerInstruction.ToWorker tw ? tw.message() : ((SchedulerInstruction.ToClient) i).message();
            counts.merge(m.getClass().getSimpleName(), 1, Integer::sum);
            switch (i) {
                case SchedulerInstruction.ToWorker tw -> {
                    Node n = nodes.get(tw.worker());
                    if (n != null) {
                        n.inbox.add(tw.message());
                    }
                }
                case SchedulerInstruction.ToClient tc -> {
                    toClient.add(tc.message());
                    lastClientMessage.put(tc.message().key(), tc.message());
                }
            }
        }
    }

    /** The value a task computes, from the values of its dependencies as read from a store. */
    long value(Key key, Map<Key, Long> store) {
        long v = key.name().hashCode();
        for (Key d : graph.get(key)) {
            Long dv = store.get(d);
            if (dv == null) {
                throw new AssertionError("task " + key + " runs without its dependency " + d + " in the data store");
            }
            v = v * 31 + dv;
        }
        return v;
    }

    /** The value computed without any cluster. */
    long expected(Key key, Map<Key, Long> memo) {
        Long v = memo.get(key);
        if (v != null) {
            return v;
        }
        long r = key.name().hashCode();
        for (Key d : graph.get(key)) {
            r = r * 31 + expected(d, memo);
        }
        memo.put(key, r);
        return r;
    }

    /** Performs one random step; returns false when nothing is left to do. */
    boolean step() {
        nodes.values().removeIf(n -> n.closed);
        List<Runnable> options = new ArrayList<>();
        for (Node n : nodes.values()) {
            if (!n.inbox.isEmpty()) {
                options.add(() -> n.apply(n.state.handle(new WorkerEvent.FromScheduler(n.inbox.poll()))));
            }
            if (!n.outbox.isEmpty()) {
                options.add(() -> deliverToScheduler(n, n.outbox.poll()));
            }
            if (!n.running.isEmpty()) {
                options.add(() -> finishRun(n));
            }
            if (!n.fetches.isEmpty()) {
                options.add(() -> finishFetch(n));
            }
        }
        if (options.isEmpty()) {
            return false;
        }
        clock += 1 + rng.nextInt(1000);
        options.get(rng.nextInt(options.size())).run();
        return true;
    }

    private void deliverToScheduler(Node n, WorkerToScheduler m) {
        if (!nodes.containsKey(n.address)) {
            return;
        }
        SchedulerEvent e = switch (m) {
            case WorkerToScheduler.TaskFinished f -> new SchedulerEvent.TaskFinished(n.address, f.key(), f.nbytes(), f.typeName(), f.durationNanos(), f.seen(), f.stimulusId());
            case WorkerToScheduler.TaskErred f -> new SchedulerEvent.TaskErred(n.address, f.key(), f.error(), f.durationNanos(), f.seen(), f.stimulusId());
            case WorkerToScheduler.AddReplicas a -> new SchedulerEvent.AddReplicas(n.address, a.nbytes(), a.seen(), a.stimulusId());
            case WorkerToScheduler.MissingData md -> new SchedulerEvent.MissingData(n.address, md.key(), md.holder(), md.stimulusId());
            case WorkerToScheduler.StealResponse r -> new SchedulerEvent.StealResponse(n.address, r.key(), r.released(), r.stimulusId());
            case WorkerToScheduler.StatusChanged s -> new SchedulerEvent.WorkerStatusChanged(n.address, s.status(), s.stimulusId());
            case WorkerToScheduler.Heartbeat h -> new SchedulerEvent.Heartbeat(n.address, h.memoryBytes(), h.stimulusId());
            case WorkerToScheduler.RegisterWorker r -> throw new AssertionError("registration is simulated by addWorker");
        };
        toScheduler(e);
    }

    private void finishRun(Node n) {
        List<Key> keys = new ArrayList<>(n.running.keySet());
        Key key = keys.get(rng.nextInt(keys.size()));
        long v = n.running.remove(key);
        String sid = sid("run");
        if (key.name().startsWith("fail") || (key.name().startsWith("flaky") && flakyFailed.add(key))) {
            n.apply(n.state.handle(new WorkerEvent.ExecuteFailure(key, ErrorInfo.of("java.lang.IllegalStateException", key + " fails"), 10, sid)));
        } else {
            n.store.put(key, v);
            n.apply(n.state.handle(new WorkerEvent.ExecuteSuccess(key, 8, "java.lang.Long", 10 + rng.nextInt(100), sid)));
        }
    }

    private void finishFetch(Node n) {
        WorkerInstruction.Fetch f = n.fetches.remove(rng.nextInt(n.fetches.size()));
        Node peer = nodes.get(f.peer());
        String sid = sid("fetch");
        if (peer == null) {
            n.apply(n.state.handle(new WorkerEvent.FetchFailed(f.peer(), f.keys(), "connection refused", sid)));
            return;
        }
        Map<Key, Long> received = new HashMap<>();
        List<Key> missing = new ArrayList<>();
        for (Key k : f.keys()) {
            Long v = peer.store.get(k);
            if (v == null) {
                missing.add(k);
            } else {
                n.store.put(k, v);
                received.put(k, 8L);
            }
        }
        n.apply(n.state.handle(new WorkerEvent.FetchDone(f.peer(), received, missing, sid)));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
