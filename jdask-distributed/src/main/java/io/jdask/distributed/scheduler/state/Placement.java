package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.protocol.SchedulerToWorker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where ready tasks go: the policies of placement by data locality, root-task queuing,
 * restrictions and work stealing. Reads and updates the state of its {@link SchedulerState}.
 */
final class Placement {
    private final SchedulerState s;
    /** The worker {@link #decide} chose, read by the transition to processing. */
    SWorker chosen;
    /** Set by {@link #fillFromQueue} to send a queued task to one worker. */
    private SWorker forced;
    /** The list {@link #candidates} fills (valid until its next call: {@link #decide} only reads it). */
    private final List<SWorker> scratch = new ArrayList<>();
    /** Work (expected nanoseconds) a worker may hold per thread in short root tasks beyond the saturation. */
    static final long SHORT_QUEUE_NANOS = 5_000_000L;
    /** At most this many short root tasks per thread are processing on a worker at once. */
    static final long MAX_SLOTS_PER_THREAD = 64;
    /**
     * What fetching one input from another worker costs beyond its bytes, in the placement of a
     * task with dependencies: a round trip between workers and the work on both sides, which for
     * small values dwarfs the bytes at the assumed bandwidth.
     */
    static final long FETCH_LATENCY_NANOS = 1_000_000L;
    /** The worker of the run of consecutive root tasks that {@link #decide} is handing out (this event only). */
    private SWorker runWorker;
    /** The prefix of that run's tasks. */
    private TaskPrefix runPrefix;
    /** How many more tasks that run may take. */
    private int runLeft;

    Placement(SchedulerState s) {
        this.s = s;
    }

    /**
     * Decides where a ready task goes: {@link TaskState#PROCESSING} (on {@link #chosen}), {@link
     * TaskState#QUEUED} (a root task while every worker is saturated) or {@link
     * TaskState#NO_WORKER} (no worker may run it).
     */
    TaskState decide(STask t) {
        chosen = null;
        if (forced != null) {
            chosen = forced;
            return TaskState.PROCESSING;
        }
        List<SWorker> candidates = candidates(t);
        if (candidates.isEmpty()) {
            return TaskState.NO_WORKER;
        }
        if (queues(t)) {
            if (inRun(t) && runWorker.processing.size() < slots(runWorker, t)) {
                runLeft--;
                chosen = runWorker;
                return TaskState.PROCESSING;
            }
            SWorker best = null;
            for (SWorker w : candidates) {
                if (w.processing.size() < slots(w, t) && (best == null || lessLoaded(w, best))) {
                    best = w;
                }
            }
            if (best == null) {
                return TaskState.QUEUED;
            }
            chosen = best;
            startRun(best, t);
            return TaskState.PROCESSING;
        }
        boolean rootRun = t.isRoot() && t.restrictions.isNone();
        if (rootRun && inRun(t)) {
            // queuing off: short root tasks still go in runs, so siblings share a worker
            runLeft--;
            chosen = runWorker;
            return TaskState.PROCESSING;
        }
        boolean holdersOnly = false;
        for (SWorker w : candidates) {
            if (holdsInput(t, w)) {
                holdersOnly = true;
                break;
            }
        }
        SWorker best = null;
        double bestCost = Double.POSITIVE_INFINITY;
        for (SWorker w : candidates) {
            if (holdersOnly && !holdsInput(t, w)) {
                continue;
            }
            double cost = transferNanos(t, w) + (double) w.occupancyNanos / w.nthreads;
            if (best == null || cost < bestCost || (cost == bestCost && lessLoaded(w, best))) {
                best = w;
                bestCost = cost;
            }
        }
        chosen = best;
        if (rootRun) {
            startRun(best, t);
        }
        return TaskState.PROCESSING;
    }

    /** Whether {@code t} continues the current run: same prefix, tasks left, its worker still running. */
    private boolean inRun(STask t) {
        return runLeft > 0 && t.prefix == runPrefix && runWorker.running() && s.workers.get(runWorker.address) == runWorker;
    }

    private void startRun(SWorker w, STask t) {
        runWorker = w;
        runPrefix = t.prefix;
        runLeft = batch(w, t) - 1;
    }

    private static boolean holdsInput(STask t, SWorker w) {
        for (STask d : t.dependencies) {
            if (d.whoHas.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** Root tasks without restrictions wait in the scheduler's queue while workers are saturated. */
    private boolean queues(STask t) {
        return t.isRoot() && t.restrictions.isNone() && Double.isFinite(s.config.saturation());
    }

    private static boolean lessLoaded(SWorker a, SWorker b) {
        long l = (long) a.processing.size() * b.nthreads - (long) b.processing.size() * a.nthreads;
        if (l != 0) {
            return l < 0;
        }
        if (a.occupancyNanos != b.occupancyNanos) {
            return a.occupancyNanos < b.occupancyNanos;
        }
        return a.address.compareTo(b.address) < 0;
    }

    /**
     * How many tasks a worker may process before root task {@code t} waits in the queue: {@code
     * ceil(nthreads * saturation)}, or more when tasks of {@code t}'s prefix are known to be short:
     * enough for {@link #SHORT_QUEUE_NANOS} of work per thread, at most {@link #MAX_SLOTS_PER_THREAD}
     * per thread. With only two tasks in flight a worker idles for a scheduler round trip after
     * each short task; the bound keeps root tasks from all going out at once (a prefix without
     * statistics, or slower than that, gets the plain saturation).
     */
    int slots(SWorker w, STask t) {
        double sat = s.config.saturation();
        if (!Double.isFinite(sat)) {
            return Integer.MAX_VALUE;
        }
        long expected = Math.max(1, s.expectedDuration(t));
        long perThread = Math.min(MAX_SLOTS_PER_THREAD, SHORT_QUEUE_NANOS / expected);
        return (int) Math.max(baseSlots(w), perThread * w.nthreads);
    }

    /** The plain saturation's slots: {@code ceil(nthreads * saturation)}, at least 1 (saturation finite). */
    private int baseSlots(SWorker w) {
        return Math.max(1, (int) Math.ceil(w.nthreads * s.config.saturation()));
    }

    /**
     * How many consecutive queued root tasks go to a worker in one go: a quarter of its {@link
     * #slots} when those are more than the plain saturation's (short tasks), else 1. With queuing
     * off, root tasks without restrictions go in runs of the same length (a quarter of the short
     * slots, 1 for a prefix without statistics or slower than {@code SHORT_QUEUE_NANOS}), each run
     * to the worker with the least estimated start time. Siblings in
     * the queue are neighbours by priority, so a run keeps the task combining them on one worker;
     * and one refill per quarter of the slots (not one per finished task) means one message burst
     * per many tasks on both sides.
     */
    int batch(SWorker w, STask t) {
        long expected = Math.max(1, s.expectedDuration(t));
        long shortSlots = Math.min(MAX_SLOTS_PER_THREAD, SHORT_QUEUE_NANOS / expected) * w.nthreads;
        long base = Double.isFinite(s.config.saturation()) ? baseSlots(w) : 0;
        return shortSlots > base ? (int) Math.max(1, shortSlots / 4) : 1;
    }

    /** Forgets the run {@link #decide} was handing out (at the start of each event). */
    void endRun() {
        runWorker = null;
        runPrefix = null;
        runLeft = 0;
    }

    /**
     * The nanoseconds needed to move the dependencies {@code w} lacks: their bytes at the assumed
     * bandwidth plus {@link #FETCH_LATENCY_NANOS} for each.
     */
    double transferNanos(STask t, SWorker w) {
        long bytes = 0;
        int missing = 0;
        for (STask d : t.dependencies) {
            if (!d.whoHas.contains(w)) {
                bytes += Math.max(0, d.nbytes);
                missing++;
            }
        }
        return bytes / s.config.bandwidth() * 1e9 + (double) missing * FETCH_LATENCY_NANOS;
    }

    /** Running workers that may run the task: allowed ones, or (loose restrictions) any with the resources. */
    List<SWorker> candidates(STask t) {
        Restrictions r = t.restrictions;
        List<SWorker> out = scratch;
        out.clear();
        for (SWorker w : s.workers.values()) {
            if (w.running() && hasResources(r, w) && (r.workers().isEmpty() || named(r, w))) {
                out.add(w);
            }
        }
        if (out.isEmpty() && r.allowOtherWorkers() && !r.workers().isEmpty()) {
            for (SWorker w : s.workers.values()) {
                if (w.running() && hasResources(r, w)) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** Whether {@code w} may run the task (ignoring its status). */
    boolean allowed(STask t, SWorker w) {
        Restrictions r = t.restrictions;
        return hasResources(r, w) && (r.workers().isEmpty() || named(r, w) || r.allowOtherWorkers());
    }

    private static boolean named(Restrictions r, SWorker w) {
        return r.workers().contains(w.address) || r.workers().contains(w.name);
    }

    private static boolean hasResources(Restrictions r, SWorker w) {
        for (Map.Entry<String, Double> e : r.resources().entrySet()) {
            if (w.resources.getOrDefault(e.getKey(), 0.0) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Sends queued root tasks to {@code w} while it has free slots. With short tasks ({@link
     * #batch} above 1) it waits until a batch's worth of slots is free, then sends whole batches:
     * a run of consecutive tasks whose length is a multiple of the batch, so runs keep starting
     * where a sibling group starts. A worker below the plain saturation is always refilled, so
     * none idles while tasks are queued.
     */
    void fillFromQueue(SWorker w) {
        if (s.workers.get(w.address) != w || !w.running() || s.queued.isEmpty()) {
            return;
        }
        STask first = s.queued.first();
        int free = slots(w, first) - w.processing.size();
        int batch = batch(w, first);
        int n = free >= batch ? free - free % batch : w.processing.size() < baseSlots(w) ? free : 0;
        for (int i = 0; i < n && s.workers.get(w.address) == w && w.running() && !s.queued.isEmpty()
                && w.processing.size() < slots(w, s.queued.first()); i++) {
            STask t = s.queued.first();
            forced = w;
            try {
                s.transition(t, TaskState.PROCESSING, w.slotFree);
            } finally {
                forced = null;
            }
        }
    }

    /**
     * Work stealing: each worker with idle threads asks saturated (or paused) workers to give up
     * tasks they have not started, worst priority first, when moving the task's inputs costs less
     * than twice its expected duration (per-prefix statistics).
     */
    void balance() {
        if (s.workers.size() < 2) {
            return;
        }
        List<SWorker> thieves = new ArrayList<>();
        List<SWorker> victims = new ArrayList<>();
        Map<SWorker, Integer> outgoing = new HashMap<>();
        for (SWorker w : s.workers.values()) {
            int out = 0;
            for (STask t : w.processing) {
                if (t.stealThief != null) {
                    out++;
                }
            }
            outgoing.put(w, out);
            if (w.running() && w.processing.size() + w.pendingSteals < w.nthreads) {
                thieves.add(w);
            } else if (excess(w, out) > 0) {
                victims.add(w);
            }
        }
        if (thieves.isEmpty() || victims.isEmpty()) {
            return;
        }
        thieves.sort(Comparator.comparingDouble((SWorker w) -> (double) (w.processing.size() + w.pendingSteals) / w.nthreads).thenComparing(w -> w.address));
        victims.sort(Comparator.comparingInt((SWorker w) -> -excess(w, outgoing.get(w))).thenComparing(w -> w.address));
        for (SWorker victim : victims) {
            List<STask> candidates = new ArrayList<>(victim.processing);
            candidates.sort(Comparator.<STask, io.jdask.distributed.protocol.Priority>comparing(t -> t.priority).thenComparing(t -> t.key).reversed());
            for (STask t : candidates) {
                if (excess(victim, outgoing.get(victim)) <= 0) {
                    break;
                }
                if (t.stealThief != null) {
                    continue;
                }
                SWorker thief = null;
                for (SWorker th : thieves) {
                    if (th.processing.size() + th.pendingSteals < th.nthreads && allowed(t, th)
                            && transferNanos(t, th) <= 2.0 * s.expectedDuration(t)) {
                        thief = th;
                        break;
                    }
                }
                if (thief == null) {
                    continue;
                }
                t.stealThief = thief;
                thief.pendingSteals++;
                outgoing.merge(victim, 1, Integer::sum);
                s.story(t, t.state, t.state, "steal requested from " + victim.address + " for " + thief.address);
                s.toWorker(victim, new SchedulerToWorker.StealRequest(t.key, s.stimulus));
            }
        }
    }

    /** How many tasks a worker could give away: all when it takes no new work, else those beyond its threads. */
    private static int excess(SWorker w, int outgoing) {
        int keep = w.running() ? w.nthreads : 0;
        return w.processing.size() - outgoing - keep;
    }
}
