package io.jdask.distributed.worker.state;

import static io.jdask.distributed.worker.state.WorkerTaskState.CANCELLED;
import static io.jdask.distributed.worker.state.WorkerTaskState.ERROR;
import static io.jdask.distributed.worker.state.WorkerTaskState.EXECUTING;
import static io.jdask.distributed.worker.state.WorkerTaskState.FETCH;
import static io.jdask.distributed.worker.state.WorkerTaskState.FLIGHT;
import static io.jdask.distributed.worker.state.WorkerTaskState.FORGOTTEN;
import static io.jdask.distributed.worker.state.WorkerTaskState.MEMORY;
import static io.jdask.distributed.worker.state.WorkerTaskState.MISSING;
import static io.jdask.distributed.worker.state.WorkerTaskState.READY;
import static io.jdask.distributed.worker.state.WorkerTaskState.RELEASED;
import static io.jdask.distributed.worker.state.WorkerTaskState.WAITING;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.WorkerToScheduler;
import io.jdask.distributed.worker.state.WorkerEvent.ExecuteFailure;
import io.jdask.distributed.worker.state.WorkerEvent.ExecuteSuccess;
import io.jdask.distributed.worker.state.WorkerEvent.FetchDone;
import io.jdask.distributed.worker.state.WorkerEvent.FetchFailed;
import io.jdask.distributed.worker.state.WorkerEvent.FromScheduler;
import io.jdask.distributed.worker.state.WorkerEvent.MemoryUsage;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * One worker's state: the keys it computes, holds and fetches. A pure state machine: {@link
 * #handle(WorkerEvent)} applies one event and returns instructions; no I/O, no threads.
 *
 * <p>Not thread-safe: the worker's event loop owns it. The worker process drives it like this: wrap
 * each scheduler message in {@link FromScheduler}; carry out each instruction ({@link
 * WorkerInstruction.Execute} on a task thread, {@link WorkerInstruction.Fetch} over a peer
 * connection, {@link WorkerInstruction.Discard} on the data store, {@link WorkerInstruction.Send}
 * to the scheduler); feed the outcome back as {@link ExecuteSuccess}, {@link ExecuteFailure},
 * {@link FetchDone} or {@link FetchFailed}; report the data store's size with {@link MemoryUsage}.
 *
 * <p>Transitions are checked against a table of allowed {@code (from, to)} pairs; leaving and
 * entering a state keep the ready queue, the executing set and the fetch counters in step. A pair
 * outside the table throws {@link IllegalStateException} with the key's story.
 */
public final class WorkerState {
    private static final Map<WorkerTaskState, Set<WorkerTaskState>> TABLE = new EnumMap<>(WorkerTaskState.class);

    static {
        allow(RELEASED, WAITING, READY, FETCH, FORGOTTEN);
        allow(WAITING, READY, RELEASED);
        allow(READY, EXECUTING, RELEASED);
        allow(EXECUTING, MEMORY, ERROR, CANCELLED);
        allow(CANCELLED, MEMORY, READY, RELEASED);
        allow(FETCH, FLIGHT, MISSING, RELEASED);
        allow(FLIGHT, MEMORY, FETCH, MISSING, RELEASED);
        allow(MISSING, FETCH, RELEASED);
        allow(MEMORY, RELEASED);
        allow(ERROR, RELEASED);
    }

    private static void allow(WorkerTaskState from, WorkerTaskState... to) {
        TABLE.put(from, EnumSet.of(to[0], to));
    }

    private final WorkerConfig config;
    private final LongSupplier nanos;
    final Map<Key, WTask> tasks = new HashMap<>();
    final TreeSet<WTask> ready = new TreeSet<>((a, b) -> {
        int c = a.priority.compareTo(b.priority);
        return c != 0 ? c : a.key.compareTo(b.key);
    });
    final Set<WTask> executing = new LinkedHashSet<>();
    /** Keys in {@link WorkerTaskState#FETCH}, queued per holding peer, so starting fetches does not scan every key. */
    final FetchQueues fetch = new FetchQueues();
    final Map<String, Integer> fetchesPerPeer = new TreeMap<>();
    int fetchesTotal;
    /** Fetch requests started and keys received from peers, since the start. */
    private long fetchRequests;
    private long keysFetched;
    final Map<String, Double> resourcesUsed = new HashMap<>();
    boolean paused;
    /** How many scheduler messages this worker has handled, sent along with reports of keys. */
    private long seen;
    /** The latest transitions of all keys, oldest first, at most {@link WorkerConfig#storyLimit()}. */
    private final WorkerStoryLog log;

    private List<WorkerInstruction> out = new ArrayList<>();
    private final List<Key> discards = new ArrayList<>();
    /** Dependencies of tasks that stopped needing them during this event: released if no one else does. */
    private final Set<WTask> recheck = new LinkedHashSet<>();
    private String stimulus = "";

    /**
     * @param config the worker's settings
     * @param nanos the clock, in nanoseconds
     */
    public WorkerState(WorkerConfig config, LongSupplier nanos) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.log = new WorkerStoryLog(config.storyLimit());
    }

    /**
     * Applies one event.
     *
     * @param event the event
     * @return what to do, in order
     * @throws IllegalStateException if a transition outside the table is attempted, or (with
     *     validation on) an invariant breaks; the message tells the key's story
     */
    public List<WorkerInstruction> handle(WorkerEvent event) {
        out = new ArrayList<>();
        stimulus = event.stimulusId();
        switch (event) {
            case FromScheduler e -> {
                seen++;
                fromScheduler(e.message());
            }
            case ExecuteSuccess e -> executeSuccess(e);
            case ExecuteFailure e -> executeFailure(e);
            case FetchDone e -> fetchDone(e);
            case FetchFailed e -> fetchFailed(e);
            case MemoryUsage e -> memoryUsage(e.bytes());
        }
        while (!recheck.isEmpty()) {
            WTask d = recheck.iterator().next();
            recheck.remove(d);
            if (d.state != FORGOTTEN) {
                releaseIfUnneeded(d, "no local task needs it any more");
            }
        }
        ensureFetching();
        ensureComputing();
        if (!discards.isEmpty()) {
            out.add(new WorkerInstruction.Discard(List.copyOf(discards), stimulus));
            discards.clear();
        }
        if (config.validate()) {
            validate();
        }
        return out; // the next event starts a fresh list
    }

    private void fromScheduler(SchedulerToWorker m) {
        switch (m) {
            case SchedulerToWorker.ComputeTask c -> compute(c);
            case SchedulerToWorker.FreeKeys f -> {
                for (Key k : f.keys()) {
                    WTask t = tasks.get(k);
                    if (t != null) {
                        t.schedulerWants = false;
                        t.computeAgain = false;
                        t.pendingCompute = null;
                        t.acquire = false;
                        if ((t.state == WAITING || t.state == READY) && t.neededLocally() && !t.whoHas.isEmpty()) {
                            // a local task still needs the value, which is in memory elsewhere: fetch it instead
                            transition(t, RELEASED, "freed by the scheduler; a local task fetches it instead");
                            dropDependencies(t);
                            transition(t, FETCH, "needed by a local task");
                        } else {
                            releaseIfUnneeded(t, "freed by the scheduler");
                        }
                    }
                }
            }
            case SchedulerToWorker.StealRequest r -> {
                WTask t = tasks.get(r.key());
                boolean give = t != null && t.toCompute() && (t.state == WAITING || t.state == READY);
                if (give) {
                    t.schedulerWants = false;
                    releaseIfUnneeded(t, "stolen");
                }
                send(new WorkerToScheduler.StealResponse(r.key(), give, stimulus));
            }
            case SchedulerToWorker.RefreshWhoHas r -> {
                WTask t = tasks.get(r.key());
                if (t != null && (t.state == FETCH || t.state == MISSING)) {
                    fetch.remove(t);
                    t.whoHas.clear();
                    addHolders(t, r.workers()); // queues it again
                    if (t.state == MISSING && !t.whoHas.isEmpty()) {
                        transition(t, FETCH, "new holders " + r.workers());
                    }
                }
            }
            case SchedulerToWorker.CloseWorker c -> out.add(new WorkerInstruction.Close(c.reason(), stimulus));
            case SchedulerToWorker.RestartWorker r -> out.add(new WorkerInstruction.Restart(
                    new WorkerToScheduler.StatusChanged(paused ? WorkerStatus.PAUSED : WorkerStatus.RUNNING, stimulus), stimulus));
            case SchedulerToWorker.AcquireReplicas a -> acquire(a);
        }
    }

    private void compute(SchedulerToWorker.ComputeTask c) {
        WTask t = tasks.computeIfAbsent(c.key(), WTask::new);
        t.schedulerWants = true;
        switch (t.state) {
            case MEMORY -> send(new WorkerToScheduler.TaskFinished(t.key, t.nbytes, t.typeName, -1, seen, stimulus));
            case WAITING, READY, EXECUTING -> { }
            case CANCELLED, FLIGHT -> {
                setSpec(t, c);
                t.computeAgain = true;
                t.pendingCompute = t.state == FLIGHT ? c : null;
            }
            case FETCH, MISSING -> {
                t.acquire = false;
                transition(t, RELEASED, "asked to compute it instead");
                startCompute(t, c);
            }
            case RELEASED -> startCompute(t, c);
            default -> throw failure(t, "compute request in state " + t.state);
        }
    }

    private void acquire(SchedulerToWorker.AcquireReplicas a) {
        Map<Key, Long> held = new TreeMap<>();
        for (DependencyLocation loc : a.keys()) {
            WTask t = tasks.computeIfAbsent(loc.key(), WTask::new);
            switch (t.state) {
                case MEMORY -> {
                    t.schedulerWants = true;
                    held.put(t.key, t.nbytes);
                }
                case RELEASED, FETCH, FLIGHT, MISSING -> {
                    t.acquire = true;
                    t.nbytes = loc.nbytes();
                    addHolders(t, loc.workers());
                    if (t.state == RELEASED || (t.state == MISSING && !t.whoHas.isEmpty())) {
                        transition(t, FETCH, "replica requested");
                    }
                }
                default -> { } // being computed here: its result will be reported
            }
        }
        if (!held.isEmpty()) {
            send(new WorkerToScheduler.AddReplicas(held, seen, stimulus));
        }
    }

    private static void setSpec(WTask t, SchedulerToWorker.ComputeTask c) {
        t.payload = c.payload();
        t.priority = c.priority();
        t.resources = c.resources();
    }

    private void startCompute(WTask t, SchedulerToWorker.ComputeTask c) {
        setSpec(t, c);
        String neededBy = c.dependencies().isEmpty() ? "" : "needed by " + t.key; // one note for all its inputs
        for (DependencyLocation loc : c.dependencies()) {
            WTask d = tasks.computeIfAbsent(loc.key(), WTask::new);
            t.dependencies.add(d);
            d.dependents.add(t);
            switch (d.state) {
                case MEMORY -> { }
                case RELEASED -> {
                    t.waitingOn.add(d);
                    d.nbytes = loc.nbytes();
                    addHolders(d, loc.workers());
                    transition(d, FETCH, neededBy);
                }
                case FETCH, FLIGHT, MISSING -> {
                    t.waitingOn.add(d);
                    addHolders(d, loc.workers());
                    if (d.state == FETCH && t.priority != null && t.priority.compareTo(d.fetchRank) < 0) {
                        fetch.remove(d); // a more urgent task needs it now: move it up its peers' queues
                        d.fetchRank = t.priority;
                        fetch.add(d);
                    }
                    if (d.state == MISSING && !d.whoHas.isEmpty()) {
                        transition(d, FETCH, "new holders");
                    }
                }
                default -> {
                    // being computed here: wait for it, and remember where else it is in case that run is freed
                    t.waitingOn.add(d);
                    addHolders(d, loc.workers());
                }
            }
        }
        transition(t, t.waitingOn.isEmpty() ? READY : WAITING, "compute requested");
    }

    /** Adds holders of {@code d} (never this worker), keeping the fetch queues in step. */
    private void addHolders(WTask d, List<String> workers) {
        boolean queued = d.state == FETCH;
        for (String w : workers) {
            if (!w.equals(config.address()) && !d.whoHas.contains(w)) {
                if (queued) {
                    fetch.remove(d);
                    queued = false;
                }
                d.whoHas.add(w);
            }
        }
        if (d.state == FETCH && !fetch.all.contains(d)) {
            fetch.add(d);
        }
    }

    private void executeSuccess(ExecuteSuccess e) {
        WTask t = tasks.get(e.key());
        if (t == null || (t.state != EXECUTING && t.state != CANCELLED)) {
            discards.add(e.key());
            return;
        }
        if (t.state == CANCELLED && !t.computeAgain) {
            transition(t, RELEASED, "cancelled task finished; result dropped");
            discards.add(t.key);
            forgetIfUnused(t);
            return;
        }
        t.nbytes = e.nbytes();
        t.typeName = e.typeName();
        t.computeAgain = false;
        if (!t.schedulerWants && !t.neededLocally()) {
            transition(t, RELEASED, "finished, but no longer wanted; result dropped");
            discards.add(t.key);
            forgetIfUnused(t);
            return;
        }
        transition(t, MEMORY, "computed in ", null, e.durationNanos());
        if (t.schedulerWants) {
            send(new WorkerToScheduler.TaskFinished(t.key, e.nbytes(), e.typeName(), e.durationNanos(), seen, stimulus));
        } // else the scheduler freed it: the value only serves local tasks and goes with them
        dependencyArrived(t);
    }

    private void executeFailure(ExecuteFailure e) {
        WTask t = tasks.get(e.key());
        if (t == null || (t.state != EXECUTING && t.state != CANCELLED)) {
            return;
        }
        if (t.state == CANCELLED) {
            if (t.computeAgain) {
                t.computeAgain = false;
                transition(t, READY, "run again after a cancelled run ended");
            } else {
                transition(t, RELEASED, "cancelled task ended: " + e.error().exceptionType());
                forgetIfUnused(t);
            }
            return;
        }
        transition(t, ERROR, e.error().exceptionType() + ": " + e.error().message());
        send(new WorkerToScheduler.TaskErred(t.key, e.error(), e.durationNanos(), seen, stimulus));
        t.schedulerWants = false;
        transition(t, RELEASED, "error reported");
        forgetIfUnused(t);
    }

    private void fetchDone(FetchDone e) {
        endFetch(e.peer());
        Map<Key, Long> replicas = new TreeMap<>();
        String fetchedFrom = "fetched from " + e.peer(); // one note for the whole batch
        for (Map.Entry<Key, Long> r : e.received().entrySet()) { // in key order (FetchDone sorts)
            WTask t = tasks.get(r.getKey());
            if (t == null || t.state != FLIGHT || !e.peer().equals(t.fetchPeer)) {
                discards.add(r.getKey());
                continue;
            }
            keysFetched++;
            t.nbytes = r.getValue();
            if (!t.neededLocally() && !t.computeAgain && !t.acquire) {
                transition(t, RELEASED, "arrived from " + e.peer() + " but no longer needed");
                discards.add(t.key);
                forgetIfUnused(t);
                continue;
            }
            transition(t, MEMORY, fetchedFrom);
            t.schedulerWants = true;
            t.acquire = false;
            if (t.computeAgain) {
                t.computeAgain = false;
                t.pendingCompute = null;
                send(new WorkerToScheduler.TaskFinished(t.key, t.nbytes, t.typeName, -1, seen, stimulus));
            } else {
                replicas.put(t.key, t.nbytes);
            }
            dependencyArrived(t);
        }
        if (!replicas.isEmpty()) {
            send(new WorkerToScheduler.AddReplicas(replicas, seen, stimulus));
        }
        for (Key k : e.missing()) {
            WTask t = tasks.get(k);
            if (t != null && t.state == FLIGHT && e.peer().equals(t.fetchPeer)) {
                holderLost(t, e.peer(), "not on " + e.peer());
            }
        }
    }

    private void fetchFailed(FetchFailed e) {
        endFetch(e.peer());
        for (Key k : e.keys()) {
            WTask t = tasks.get(k);
            if (t != null && t.state == FLIGHT && e.peer().equals(t.fetchPeer)) {
                holderLost(t, e.peer(), "fetch from " + e.peer() + " failed: " + e.reason());
            }
        }
        TreeSet<WTask> queued = fetch.byPeer.get(e.peer());
        if (queued != null) {
            for (WTask t : List.copyOf(queued)) {
                fetch.remove(t);
                t.whoHas.remove(e.peer());
                fetch.add(t);
                // the scheduler may know other holders: say so, so that it answers with RefreshWhoHas
                send(new WorkerToScheduler.MissingData(t.key, e.peer(), stimulus));
            }
        }
    }

    private void holderLost(WTask t, String peer, String note) {
        t.whoHas.remove(peer);
        send(new WorkerToScheduler.MissingData(t.key, peer, stimulus));
        if (t.computeAgain && t.pendingCompute != null) {
            SchedulerToWorker.ComputeTask c = t.pendingCompute;
            t.computeAgain = false;
            t.pendingCompute = null;
            transition(t, RELEASED, note + "; computing it instead");
            startCompute(t, c);
        } else if (!t.neededLocally() && !t.computeAgain && (!t.acquire || t.whoHas.isEmpty())) {
            t.acquire = false;
            transition(t, RELEASED, note + "; no longer needed");
            forgetIfUnused(t);
        } else {
            transition(t, t.whoHas.isEmpty() ? MISSING : FETCH, note);
        }
    }

    private void endFetch(String peer) {
        Integer n = fetchesPerPeer.get(peer);
        if (n != null) {
            fetchesTotal--;
            if (n == 1) {
                fetchesPerPeer.remove(peer);
            } else {
                fetchesPerPeer.put(peer, n - 1);
            }
        }
    }

    private void memoryUsage(long bytes) {
        if (config.memoryLimit() <= 0) {
            return;
        }
        boolean above = bytes > config.pauseFraction() * config.memoryLimit();
        if (above && !paused) {
            paused = true;
            send(new WorkerToScheduler.StatusChanged(WorkerStatus.PAUSED, stimulus));
        } else if (!above && paused) {
            paused = false;
            send(new WorkerToScheduler.StatusChanged(WorkerStatus.RUNNING, stimulus));
        }
    }

    /** A value is here now: local tasks waiting for it may become ready. */
    private void dependencyArrived(WTask t) {
        for (WTask d : t.dependents) {
            if (d.state == WAITING && d.waitingOn.remove(t) && d.waitingOn.isEmpty()) {
                transition(d, READY, "dependencies arrived");
            }
        }
    }

    /** Drops a key no one needs: stops computing it, discards its value, forgets it. */
    private void releaseIfUnneeded(WTask t, String note) {
        releaseIfUnneeded(t, note, null);
    }

    /** As {@link #releaseIfUnneeded(WTask, String)}, the note being {@code note + by} (built only when the key moves). */
    private void releaseIfUnneeded(WTask t, String note, Key by) {
        if (t.acquire && t.state == MISSING) {
            t.acquire = false; // a requested replica nobody holds any more
        }
        if (t.schedulerWants || t.acquire || t.neededLocally()) {
            return;
        }
        switch (t.state) {
            case EXECUTING -> {
                transition(t, CANCELLED, note, by);
                out.add(new WorkerInstruction.Interrupt(t.key, stimulus));
                return;
            }
            case CANCELLED, FLIGHT -> {
                return; // decided when the run or the fetch ends
            }
            case MEMORY -> discards.add(t.key);
            default -> { }
        }
        if (t.state != RELEASED) {
            transition(t, RELEASED, note, by);
        }
        forgetIfUnused(t);
    }

    /** A task that will not be computed here after all no longer needs its own inputs. */
    private void dropDependencies(WTask t) {
        for (Object o : t.dependencies.toArray()) { // a copy: the loop changes the set
            WTask d = (WTask) o;
            d.dependents.remove(t);
            recheck.add(d);
        }
        t.dependencies.clear();
    }

    /** Forgets a released key that no local task refers to, and releases what it needed. */
    private void forgetIfUnused(WTask t) {
        if (t.state != RELEASED || !t.dependents.isEmpty() || t.schedulerWants || t.acquire) {
            return;
        }
        tasks.remove(t.key);
        story(t, RELEASED, FORGOTTEN, "", null, WorkerStoryLog.NO_NANOS);
        t.state = FORGOTTEN;
        for (Object o : t.dependencies.toArray()) { // a copy: releasing changes the set
            WTask d = (WTask) o;
            d.dependents.remove(t);
            releaseIfUnneeded(d, "no longer needed by ", t.key);
            if (d.state == RELEASED) {
                forgetIfUnused(d);
            }
        }
        t.dependencies.clear();
    }

    // ----------------------------------------------------------- transitions

    private void transition(WTask t, WorkerTaskState to, String note) {
        transition(t, to, note, null, WorkerStoryLog.NO_NANOS);
    }

    /** As {@link #transition(WTask, WorkerTaskState, String)}, the story's note being {@code note + by} (joined only when the story is read). */
    private void transition(WTask t, WorkerTaskState to, String note, Key by) {
        transition(t, to, note, by, WorkerStoryLog.NO_NANOS);
    }

    /**
     * @param by a key the story's note ends with (joined only when the story is read), or null
     * @param duration nanoseconds the story shows after the note, or {@link WorkerStoryLog#NO_NANOS}
     */
    private void transition(WTask t, WorkerTaskState to, String note, Key by, long duration) {
        WorkerTaskState from = t.state;
        if (!TABLE.getOrDefault(from, Set.of()).contains(to)) {
            throw failure(t, "no transition " + from + " -> " + to);
        }
        leave(t);
        if ((from == EXECUTING || from == CANCELLED) && to != CANCELLED) {
            for (Map.Entry<String, Double> r : t.resources.entrySet()) {
                resourcesUsed.merge(r.getKey(), -r.getValue(), Double::sum);
            }
        }
        t.state = to;
        enter(t);
        story(t, from, to, note, by, duration);
        if ((from == WAITING || from == READY || from == EXECUTING) && to != READY && to != EXECUTING) {
            if (!t.dependencies.isEmpty()) {
                t.dependencies.forEach(recheck::add); // SmallSet's walk: no iterator
            }
        }
    }

    private void leave(WTask t) {
        switch (t.state) {
            case READY -> ready.remove(t);
            case EXECUTING, CANCELLED -> executing.remove(t);
            case FETCH -> fetch.remove(t);
            case FLIGHT -> t.fetchPeer = null;
            default -> { }
        }
    }

    private void enter(WTask t) {
        switch (t.state) {
            case READY -> ready.add(t);
            case EXECUTING, CANCELLED -> executing.add(t);
            case FETCH -> {
                t.fetchRank = urgency(t);
                fetch.add(t);
            }
            case RELEASED -> {
                t.waitingOn.clear();
                if (!t.schedulerWants) {
                    t.payload = null;
                }
            }
            default -> { }
        }
    }

    // ------------------------------------------------------------ scheduling

    /**
     * Starts fetches while the per-peer and overall limits allow, most urgent key first: of the
     * peers below their limit, the one whose queue's head is most urgent is asked for that key and
     * the keys behind it in its queue, in order, up to {@link WorkerConfig#fetchBatchBytes()} (the
     * first key always; the batch ends at the first key that would pass the bound). Looks only at
     * queue heads and the keys it starts, never at every key waiting.
     */
    private void ensureFetching() {
        if (fetch.isEmpty() || paused || fetchesTotal >= config.maxFetchesTotal()) {
            return;
        }
        if (!fetch.noHolder.isEmpty()) {
            for (WTask t : List.copyOf(fetch.noHolder)) {
                if (t.acquire && !t.neededLocally() && !t.computeAgain) {
                    t.acquire = false; // a requested replica whose holders are gone: give it up
                    transition(t, RELEASED, "no known holder of the requested replica");
                    forgetIfUnused(t);
                } else {
                    transition(t, MISSING, "no known holder");
                }
            }
        }
        while (fetchesTotal < config.maxFetchesTotal()) {
            WTask head = null;
            for (Map.Entry<String, TreeSet<WTask>> q : fetch.byPeer.entrySet()) {
                if (fetchesPerPeer.getOrDefault(q.getKey(), 0) < config.maxFetchesPerPeer()) {
                    WTask first = q.getValue().first();
                    if (head == null || FetchQueues.ORDER.compare(first, head) < 0) {
                        head = first;
                    }
                }
            }
            if (head == null) {
                return; // nothing to fetch, or every holder is at its limit
            }
            String peer = null; // of the key's holders below the limit, the least busy (the first of equals)
            for (String p : head.whoHas) {
                if (fetchesPerPeer.getOrDefault(p, 0) < config.maxFetchesPerPeer()
                        && (peer == null || fetchesPerPeer.getOrDefault(p, 0) < fetchesPerPeer.getOrDefault(peer, 0))) {
                    peer = p;
                }
            }
            List<WTask> batch = new ArrayList<>();
            long bytes = 0;
            for (WTask u : fetch.byPeer.get(peer)) {
                if (!batch.isEmpty() && bytes + u.nbytes > config.fetchBatchBytes()) {
                    break;
                }
                batch.add(u);
                bytes += u.nbytes;
            }
            List<Key> keys = new ArrayList<>(batch.size());
            String from = "from " + peer;
            for (WTask u : batch) {
                keys.add(u.key);
                transition(u, FLIGHT, from);
                u.fetchPeer = peer;
            }
            fetchesPerPeer.merge(peer, 1, Integer::sum);
            fetchesTotal++;
            fetchRequests++;
            out.add(new WorkerInstruction.Fetch(peer, keys, stimulus));
        }
    }

    /** The best priority of the key's dependents here ({@link FetchQueues#LAST} if none has one). */
    private static Priority urgency(WTask t) {
        Priority best = null;
        for (WTask d : t.dependents) {
            if (d.priority != null && (best == null || d.priority.compareTo(best) < 0)) {
                best = d.priority;
            }
        }
        return best == null ? FetchQueues.LAST : best;
    }

    /** Starts ready tasks, best priority first, while threads (and their resources) are free. */
    private void ensureComputing() {
        if (paused) {
            return;
        }
        while (executing.size() < config.nthreads() && !ready.isEmpty()) {
            WTask next = null;
            for (WTask t : ready) {
                if (resourcesFit(t)) {
                    next = t;
                    break;
                }
            }
            if (next == null) {
                return;
            }
            transition(next, EXECUTING, "");
            for (Map.Entry<String, Double> r : next.resources.entrySet()) {
                resourcesUsed.merge(r.getKey(), r.getValue(), Double::sum);
            }
            Key[] deps = new Key[next.dependencies.size()];
            int i = 0;
            for (WTask d : next.dependencies) {
                deps[i++] = d.key;
            }
            out.add(new WorkerInstruction.Execute(next.key, next.payload, Arrays.asList(deps), stimulus));
        }
    }

    private boolean resourcesFit(WTask t) {
        for (Map.Entry<String, Double> r : t.resources.entrySet()) {
            double free = config.resources().getOrDefault(r.getKey(), 0.0) - resourcesUsed.getOrDefault(r.getKey(), 0.0);
            if (free + 1e-9 < r.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void send(WorkerToScheduler m) {
        out.add(new WorkerInstruction.Send(m));
    }

    // --------------------------------------------------------------- stories

    private void story(WTask t, WorkerTaskState from, WorkerTaskState to, String note, Key by, long duration) {
        log.add(t.key, from, to, note, by, duration, stimulus, nanos.getAsLong());
    }

    private IllegalStateException failure(WTask t, String what) {
        StringBuilder b = new StringBuilder(what).append(" for key ").append(t.key).append(" on ").append(config.address())
                .append(" (stimulus ").append(stimulus).append("); its story:");
        for (WorkerStoryEntry e : story(t.key)) {
            b.append("\n  ").append(e);
        }
        return new IllegalStateException(b.toString());
    }

    // --------------------------------------------------------------- queries

    /**
     * @param key a key
     * @return its history on this worker, oldest first, from the log of the latest transitions
     */
    public List<WorkerStoryEntry> story(Key key) {
        return log.of(key);
    }

    /**
     * @param key a key
     * @return its state ({@link WorkerTaskState#FORGOTTEN} if unknown)
     */
    public WorkerTaskState taskState(Key key) {
        WTask t = tasks.get(key);
        return t == null ? FORGOTTEN : t.state;
    }

    /** @return the keys whose values are in the data store, sorted */
    public List<Key> inMemory() {
        return tasks.values().stream().filter(t -> t.state == MEMORY).map(t -> t.key).sorted().toList();
    }

    /** @return the keys running now, sorted */
    public List<Key> executingKeys() {
        return executing.stream().map(t -> t.key).sorted().toList();
    }

    /** @return every key known, sorted */
    public List<Key> knownKeys() {
        return tasks.keySet().stream().sorted().toList();
    }

    /** @return the number of keys known */
    public int taskCount() {
        return tasks.size();
    }

    /** @return the fetch requests this worker has started (each asks one peer for one or more keys) */
    public long fetchRequests() {
        return fetchRequests;
    }

    /** @return the keys whose values have arrived from peers (and were still wanted) */
    public long keysFetched() {
        return keysFetched;
    }

    /** @return whether the worker is paused for memory */
    public boolean paused() {
        return paused;
    }

    /**
     * Checks every invariant now (also done after each event when the config says so).
     *
     * @throws IllegalStateException naming the first broken invariant with the key's story
     */
    public void validate() {
        WorkerInvariants.check(this, config);
    }

    IllegalStateException broken(WTask t, String what) {
        return failure(t, "invariant broken: " + what);
    }
}
