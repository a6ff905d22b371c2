package io.jdask.distributed.worker.state;

import io.jdask.graph.Key;
import java.util.HashMap;
import java.util.Map;

/** The invariants of {@link WorkerState}, checked after every event in validate mode. */
final class WorkerInvariants {
    private WorkerInvariants() {}

    static void check(WorkerState s, WorkerConfig config) {
        Map<String, Integer> flights = new HashMap<>();
        Map<String, Double> used = new HashMap<>();
        int readyCount = 0;
        int executingCount = 0;
        for (Map.Entry<Key, WTask> e : s.tasks.entrySet()) {
            WTask t = e.getValue();
            require(s, t, t.key.equals(e.getKey()) && t.state != WorkerTaskState.FORGOTTEN, "stored wrongly or forgotten");
            for (WTask d : t.dependencies) {
                require(s, t, s.tasks.get(d.key) == d && d.dependents.contains(t), "dependency " + d.key + " missing or unlinked");
            }
            for (WTask d : t.dependents) {
                require(s, t, s.tasks.get(d.key) == d && d.dependencies.contains(t), "dependent " + d.key + " missing or unlinked");
            }
            switch (t.state) {
                case WAITING -> {
                    require(s, t, t.toCompute() && !t.waitingOn.isEmpty(), "waiting on nothing");
                    for (WTask d : t.dependencies) {
                        require(s, t, t.waitingOn.contains(d) == (d.state != WorkerTaskState.MEMORY), "waiting-on disagrees about " + d);
                    }
                }
                case READY -> {
                    readyCount++;
                    require(s, t, t.toCompute() && s.ready.contains(t), "ready but not queued");
                    for (WTask d : t.dependencies) {
                        require(s, t, d.state == WorkerTaskState.MEMORY, "ready but " + d + " is not here");
                    }
                }
                case EXECUTING, CANCELLED -> {
                    executingCount++;
                    require(s, t, s.executing.contains(t), "running but not in the executing set");
                    for (Map.Entry<String, Double> r : t.resources.entrySet()) {
                        used.merge(r.getKey(), r.getValue(), Double::sum);
                    }
                }
                case FLIGHT -> {
                    require(s, t, t.fetchPeer != null, "in flight from no peer");
                    flights.merge(t.fetchPeer, 1, Integer::sum);
                }
                case FETCH, MISSING -> {
                    require(s, t, t.neededLocally() || t.computeAgain || t.acquire, "fetched though nothing here needs it");
                    require(s, t, (t.state == WorkerTaskState.FETCH) == s.fetch.all.contains(t), "fetch set disagrees");
                    if (t.state == WorkerTaskState.FETCH) {
                        for (String p : t.whoHas) {
                            require(s, t, s.fetch.byPeer.containsKey(p) && s.fetch.byPeer.get(p).contains(t), "not queued under its holder " + p);
                        }
                        require(s, t, t.whoHas.isEmpty() == s.fetch.noHolder.contains(t), "no-holder set disagrees");
                    }
                }
                case MEMORY -> require(s, t, t.schedulerWants || t.neededLocally(), "held though neither the scheduler nor a local task wants it");
                default -> { }
            }
            if (t.state != WorkerTaskState.WAITING) {
                require(s, t, t.waitingOn.isEmpty(), "stale waiting-on " + t.waitingOn);
            }
        }
        for (WTask t : s.fetch.all) {
            require(s, t, t.state == WorkerTaskState.FETCH && s.tasks.get(t.key) == t, "in the fetch set");
        }
        for (Map.Entry<String, java.util.TreeSet<WTask>> q : s.fetch.byPeer.entrySet()) {
            if (q.getValue().isEmpty()) {
                throw new IllegalStateException("empty fetch queue kept for " + q.getKey());
            }
            for (WTask t : q.getValue()) {
                require(s, t, t.state == WorkerTaskState.FETCH && t.whoHas.contains(q.getKey()), "queued under " + q.getKey());
            }
        }
        for (WTask t : s.fetch.noHolder) {
            require(s, t, t.state == WorkerTaskState.FETCH && t.whoHas.isEmpty(), "in the no-holder set");
        }
        if (readyCount != s.ready.size()) {
            throw new IllegalStateException("ready queue holds " + s.ready.size() + " keys, " + readyCount + " are ready");
        }
        if (executingCount != s.executing.size() || executingCount > config.nthreads()) {
            throw new IllegalStateException("executing set " + s.executing + " disagrees or exceeds " + config.nthreads() + " threads");
        }
        int total = 0;
        for (Map.Entry<String, Integer> e : s.fetchesPerPeer.entrySet()) {
            total += e.getValue();
            if (e.getValue() > config.maxFetchesPerPeer()) {
                throw new IllegalStateException(e.getValue() + " fetches from " + e.getKey() + ", more than " + config.maxFetchesPerPeer());
            }
        }
        for (String peer : flights.keySet()) {
            if (!s.fetchesPerPeer.containsKey(peer)) {
                throw new IllegalStateException("keys in flight from " + peer + " but no fetch counted");
            }
        }
        if (total != s.fetchesTotal || total > config.maxFetchesTotal()) {
            throw new IllegalStateException("fetch count " + s.fetchesTotal + " disagrees with " + total + " or exceeds " + config.maxFetchesTotal());
        }
        for (Map.Entry<String, Double> r : s.resourcesUsed.entrySet()) {
            if (Math.abs(r.getValue() - used.getOrDefault(r.getKey(), 0.0)) > 1e-9) {
                throw new IllegalStateException("resource " + r.getKey() + " in use " + r.getValue() + " but running tasks hold " + used.getOrDefault(r.getKey(), 0.0));
            }
        }
    }

    private static void require(WorkerState s, WTask t, boolean ok, String what) {
        if (!ok) {
            throw s.broken(t, what);
        }
    }
}
