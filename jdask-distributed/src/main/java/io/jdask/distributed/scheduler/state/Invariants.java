package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.util.LinkedIdentitySet;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Map;

/** The invariants of {@link SchedulerState}, checked after every event in validate mode. */
final class Invariants {
    private Invariants() {}

    static void check(SchedulerState s) {
        if (!s.recommendations.isEmpty()) {
            throw new InvalidTransitionException("recommendations left after an event: " + s.recommendations);
        }
        s.tasks.forEach((key, t) -> {
            require(s, t, t.key.equals(key), "stored under another key");
            require(s, t, t.state != TaskState.FORGOTTEN, "forgotten but still stored");
            checkTask(s, t);
        });
        for (SWorker w : s.workers.values()) {
            long occupancy = 0;
            for (STask t : w.processing) {
                require(s, t, t.state == TaskState.PROCESSING && t.processingOn == w, "listed as processing on " + w.address);
                occupancy += t.expectedNanos;
            }
            if (occupancy != w.occupancyNanos) {
                throw new InvalidTransitionException("worker " + w.address + " occupancy " + w.occupancyNanos + " != " + occupancy);
            }
            for (STask t : w.hasWhat) {
                require(s, t, t.whoHas.contains(w) && s.tasks.get(t.key) == t, "listed as held by " + w.address);
            }
            int steals = 0;
            for (STask t : s.tasks.values()) {
                if (t.stealThief == w) {
                    steals++;
                }
            }
            if (steals != w.pendingSteals) {
                throw new InvalidTransitionException("worker " + w.address + " pending steals " + w.pendingSteals + " != " + steals);
            }
        }
        for (STask t : s.queued) {
            require(s, t, t.state == TaskState.QUEUED, "in the root queue");
        }
        for (STask t : s.unrunnable) {
            require(s, t, t.state == TaskState.NO_WORKER, "in the no-worker set");
        }
        for (Map.Entry<String, LinkedIdentitySet<STask>> e : s.clientDesires.entrySet()) {
            for (STask t : e.getValue()) {
                require(s, t, t.wantedBy.contains(e.getKey()) && s.tasks.get(t.key) == t, "desired by " + e.getKey());
            }
        }
        checkPrefixCounts(s);
    }

    /** Each prefix's counts by state are what its stored tasks say. */
    private static void checkPrefixCounts(SchedulerState s) {
        Map<TaskPrefix, int[]> counted = new IdentityHashMap<>();
        for (STask t : s.tasks.values()) {
            require(s, t, s.prefixes.get(t.prefix.name) == t.prefix, "its prefix is not the state's " + t.prefix.name);
            if (t.state != TaskState.RELEASED) {
                counted.computeIfAbsent(t.prefix, p -> new int[TaskState.values().length])[t.state.ordinal()]++;
            }
        }
        for (TaskPrefix p : s.prefixes.all()) {
            int[] n = counted.getOrDefault(p, new int[TaskState.values().length]);
            if (!Arrays.equals(n, p.byState) || p.live != Arrays.stream(n).sum()) {
                throw new InvalidTransitionException("prefix " + p.name + " counts " + Arrays.toString(p.byState) + " (" + p.live
                        + " live) but its tasks are " + Arrays.toString(n));
            }
        }
    }

    private static void checkTask(SchedulerState s, STask t) {
        for (STask d : t.dependencies) {
            require(s, t, s.tasks.get(d.key) == d && d.dependents.contains(t), "dependency " + d.key + " missing or unlinked");
        }
        for (STask d : t.dependents) {
            require(s, t, s.tasks.get(d.key) == d && d.dependencies.contains(t), "dependent " + d.key + " missing or unlinked");
        }
        for (STask d : t.waiters) {
            require(s, t, d.active() && d.dependencies.contains(t), "waiter " + d + " is not an active dependent");
        }
        if (t.active()) {
            for (STask d : t.dependencies) {
                require(s, t, d.waiters.contains(t), "not among the waiters of its dependency " + d.key);
            }
        }
        require(s, t, (t.state == TaskState.PROCESSING) == (t.processingOn != null), "processingOn does not match the state");
        if (t.processingOn != null) {
            require(s, t, t.processingOn.processing.contains(t) && s.workers.get(t.processingOn.address) == t.processingOn,
                    "processing on a worker that does not list it");
        }
        require(s, t, (t.state == TaskState.MEMORY) == !t.whoHas.isEmpty(), "who-has does not match the state");
        for (SWorker w : t.whoHas) {
            require(s, t, w.hasWhat.contains(t) && s.workers.get(w.address) == w, "held by " + w.address + " which does not list it");
        }
        require(s, t, (t.state == TaskState.QUEUED) == s.queued.contains(t), "queue membership does not match the state");
        require(s, t, (t.state == TaskState.NO_WORKER) == s.unrunnable.contains(t), "no-worker membership does not match the state");
        require(s, t, (t.state == TaskState.ERRED) == (t.error != null && t.blamed != null), "error does not match the state");
        require(s, t, t.stealThief == null || t.state == TaskState.PROCESSING, "steal pending but not processing");
        switch (t.state) {
            case WAITING -> {
                require(s, t, !t.waitingOn.isEmpty(), "waiting on nothing");
                for (STask d : t.dependencies) {
                    boolean waits = t.waitingOn.contains(d);
                    require(s, t, waits == (d.state != TaskState.MEMORY), "waiting-on disagrees about " + d);
                    require(s, t, !waits || d.active(), "waits on " + d + " which is not on its way to memory");
                }
            }
            case QUEUED, NO_WORKER, PROCESSING -> {
                require(s, t, t.waitingOn.isEmpty(), "ready but waiting on " + t.waitingOn);
                for (STask d : t.dependencies) {
                    require(s, t, d.state == TaskState.MEMORY, "ready but dependency " + d + " is not in memory");
                }
                if (t.state == TaskState.QUEUED) {
                    require(s, t, t.isRoot(), "queued but not a root task");
                }
            }
            case MEMORY, RELEASED, ERRED -> require(s, t, t.waitingOn.isEmpty() && t.waiters.stream().allMatch(STask::active), "stale waiting-on");
            default -> { }
        }
        if (t.state == TaskState.MEMORY) {
            require(s, t, t.needed(), "in memory though no client wants it and no task waits for it");
        }
        if (t.state == TaskState.RELEASED) {
            require(s, t, !t.needed() && !t.dependents.isEmpty(), "released but needed, or kept without dependents");
        }
        if (t.active()) {
            require(s, t, t.needed(), "computed though no client wants it and no task waits for it");
        }
    }

    private static void require(SchedulerState s, STask t, boolean ok, String what) {
        if (!ok) {
            throw new InvalidTransitionException("invariant broken for " + t.key + " in state " + t.state + ": " + what + "; its story:" + s.storyText(t.key));
        }
    }
}
