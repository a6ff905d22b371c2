package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.state.SchedulerEvent.AddReplicas;
import io.jdask.distributed.scheduler.state.SchedulerEvent.AddWorker;
import io.jdask.distributed.scheduler.state.SchedulerEvent.CancelKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.Heartbeat;
import io.jdask.distributed.scheduler.state.SchedulerEvent.MissingData;
import io.jdask.distributed.scheduler.state.SchedulerEvent.ReleaseKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.RemoveClient;
import io.jdask.distributed.scheduler.state.SchedulerEvent.RemoveWorker;
import io.jdask.distributed.scheduler.state.SchedulerEvent.RetryKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.StealResponse;
import io.jdask.distributed.scheduler.state.SchedulerEvent.TaskErred;
import io.jdask.distributed.scheduler.state.SchedulerEvent.TaskFinished;
import io.jdask.distributed.scheduler.state.SchedulerEvent.Tick;
import io.jdask.distributed.scheduler.state.SchedulerEvent.UpdateGraph;
import io.jdask.distributed.scheduler.state.SchedulerEvent.WorkerStatusChanged;
import io.jdask.distributed.util.KeyMap;
import io.jdask.distributed.util.LinkedIdentitySet;
import io.jdask.graph.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The scheduler's state: every task and worker, and the policies that move tasks between states.
 * A pure state machine: {@link #handle(SchedulerEvent)} applies one event and returns the messages
 * to send; no I/O, no threads, time from the injected clock.
 *
 * <p>Not thread-safe: one thread (the scheduler's event loop) owns it. A server drives it like
 * this: decode a message, wrap it in the matching {@link SchedulerEvent} with the sender's
 * identity, call {@code handle}, send each returned instruction; call {@code handle(new Tick(..))}
 * periodically (heartbeat timeouts, work stealing); turn a closed connection into {@link
 * RemoveWorker} or {@link RemoveClient}.
 *
 * <p>Task transitions go through one table, {@link Transitions}; a pair that is not in it throws
 * {@link InvalidTransitionException} with the task's story. With {@link SchedulerConfig#validate()}
 * the invariants are checked after every event.
 */
public final class SchedulerState {
    final SchedulerConfig config;
    final LongSupplier nanos;
    final KeyMap<STask> tasks = new KeyMap<>(); // not a HashMap: see OpenHashMap
    final WorkerTable workers = new WorkerTable(); // not a TreeMap: see WorkerTable
    final Map<String, LinkedIdentitySet<STask>> clientDesires = new HashMap<>();
    /** Root tasks waiting for a free slot, best priority first. */
    final TaskQueue queued = new TaskQueue();
    /** Ready tasks that no worker may run now. */
    final LinkedIdentitySet<STask> unrunnable = new LinkedIdentitySet<>();
    final TaskPrefixes prefixes = new TaskPrefixes();
    /** Transitions made so far. */
    long transitionCount;
    /** The latest transitions of all tasks, oldest first, at most {@link SchedulerConfig#storyLimit()}. */
    private final StoryLog log;
    private final Transitions transitions;
    final Placement placement;
    final Retirement retirement;
    long generation;
    TransitionListener transitionListener = TransitionListener.NONE;

    // per-event context
    /** Recommended transitions, applied in order; each is checked again when its turn comes. */
    final ArrayDeque<Recommendation> recommendations = new ArrayDeque<>();

    record Recommendation(STask task, TaskState to) {}
    final LinkedIdentitySet<SWorker> freedSlots = new LinkedIdentitySet<>();
    List<SchedulerInstruction> out = new ArrayList<>();
    String stimulus = "";

    /**
     * @param config the policy settings
     * @param nanos the clock, in nanoseconds (e.g. {@code System::nanoTime}, or a fake in tests)
     */
    public SchedulerState(SchedulerConfig config, LongSupplier nanos) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanos = Objects.requireNonNull(nanos, "nanos");
        this.log = new StoryLog(config.storyLimit());
        this.transitions = new Transitions(this);
        this.placement = new Placement(this);
        this.retirement = new Retirement(this);
    }

    /**
     * Applies one event.
     *
     * @param event the event
     * @return the messages to send, in order
     * @throws InvalidTransitionException if the event leads to a transition the table does not
     *     allow, or (with validation on) breaks an invariant
     */
    public List<SchedulerInstruction> handle(SchedulerEvent event) {
        out = new ArrayList<>();
        stimulus = event.stimulusId();
        placement.endRun();
        if (event instanceof SchedulerEvent.FromWorker f && !(event instanceof RemoveWorker)) {
            SWorker w = workers.get(f.worker());
            if (w != null) {
                w.lastSeen = nanos.getAsLong();
            }
        }
        switch (event) {
            case AddWorker e -> addWorker(e);
            case RemoveWorker e -> removeWorker(e.worker(), e.reason(), false);
            case Heartbeat e -> heartbeat(e);
            case WorkerStatusChanged e -> statusChanged(e);
            case Tick e -> tick();
            case UpdateGraph e -> Submission.apply(this, e);
            case ReleaseKeys e -> ClientControl.releaseKeys(this, e.client(), e.keys(), false);
            case CancelKeys e -> ClientControl.releaseKeys(this, e.client(), e.keys(), true);
            case RetryKeys e -> ClientControl.retryKeys(this, e.client(), e.keys());
            case RemoveClient e -> ClientControl.removeClient(this, e.client());
            case TaskFinished e -> taskFinished(e);
            case TaskErred e -> taskErred(e);
            case AddReplicas e -> addReplicas(e);
            case MissingData e -> missingData(e);
            case StealResponse e -> stealResponse(e);
            case SchedulerEvent.RetireWorker e -> retirement.start(e.worker());
            case SchedulerEvent.Restart e -> ClientControl.restart(this);
            case SchedulerEvent.Replicate e -> ClientControl.replicate(this, e.keys());
        }
        drain();
        if (!retirement.retiring.isEmpty()) {
            retirement.progress();
            drain();
        }
        if (config.validate()) {
            Invariants.check(this);
        }
        List<SchedulerInstruction> result = FreeKeysMerge.merge(out);
        out = new ArrayList<>();
        countSent(result);
        return result;
    }

    // ----------------------------------------------------------------- events

    private void addWorker(AddWorker e) {
        if (workers.containsKey(e.worker())) {
            removeWorker(e.worker(), "re-registered", false);
            drain();
        }
        SWorker w = new SWorker(e.worker(), e.name(), e.nthreads(), e.memoryLimit(), e.resources(), nanos.getAsLong());
        workers.put(w);
        freedSlots.add(w);
        retryUnrunnable();
    }

    private void heartbeat(Heartbeat e) {
        SWorker w = workers.get(e.worker());
        if (w != null) {
            w.memoryBytes = e.memoryBytes();
        }
    }

    private void statusChanged(WorkerStatusChanged e) {
        SWorker w = workers.get(e.worker());
        if (w == null) {
            return;
        }
        if (e.status() == WorkerStatus.CLOSING) {
            removeWorker(w.address, "closing", false);
            return;
        }
        if (w.retiring) {
            return; // pausing or resuming does not bring a retiring worker back
        }
        w.status = e.status();
        if (w.running()) {
            freedSlots.add(w);
            retryUnrunnable();
        }
    }

    private void tick() {
        long now = nanos.getAsLong();
        for (SWorker w : workers.values()) { // a snapshot: removing a worker does not change it
            if (now - w.lastSeen > config.heartbeatTimeoutNanos()) {
                long silentMs = (now - w.lastSeen) / 1_000_000;
                removeWorker(w.address, "no heartbeat for " + silentMs + " ms", true);
            }
        }
        drain();
        if (config.workStealing()) {
            placement.balance();
        }
    }

    private void taskFinished(TaskFinished e) {
        SWorker w = workers.get(e.worker());
        STask t = tasks.get(e.key());
        if (w == null) {
            return;
        }
        if (w.crossedFree(e.key(), e.seen())) {
            if (t != null) {
                story(t, t.state, t.state, "stale report from " + w.address + " ignored (it crossed a FreeKeys)");
            }
            return;
        }
        if (t == null) {
            toWorker(w, new SchedulerToWorker.FreeKeys(List.of(e.key()), stimulus));
            return;
        }
        switch (t.state) {
            case PROCESSING -> transition(t, TaskState.MEMORY, Cause.result(w, e.nbytes(), e.typeName(), e.durationNanos()));
            case MEMORY -> addReplica(t, w);
            default -> {
                story(t, t.state, t.state, "stale result from " + w.address + " dropped");
                toWorker(w, new SchedulerToWorker.FreeKeys(List.of(t.key), stimulus));
            }
        }
    }

    private void taskErred(TaskErred e) {
        SWorker w = workers.get(e.worker());
        STask t = tasks.get(e.key());
        if (w == null || t == null || crossed(t, w, e.seen())) {
            return;
        }
        if (t.state == TaskState.PROCESSING && t.processingOn == w) {
            t.prefix.recordDuration(e.durationNanos());
            transition(t, TaskState.ERRED, Cause.error(w, e.error(), "failed on " + w.address));
        } else {
            story(t, t.state, t.state, "stale failure from " + w.address + " ignored");
        }
    }

    private void addReplicas(AddReplicas e) {
        SWorker w = workers.get(e.worker());
        if (w == null) {
            return;
        }
        List<Key> unwanted = new ArrayList<>();
        for (Map.Entry<Key, Long> entry : new TreeMap<>(e.nbytes()).entrySet()) {
            STask t = tasks.get(entry.getKey());
            if (t != null && crossed(t, w, e.seen())) {
                continue;
            }
            if (t != null && t.state == TaskState.MEMORY) {
                addReplica(t, w);
            } else if (t != null && t.state == TaskState.PROCESSING) {
                // the value was lost and is being recomputed, but this worker had fetched a copy: use it
                transition(t, TaskState.MEMORY, Cause.result(w, entry.getValue(), "", -1));
            } else {
                unwanted.add(entry.getKey());
            }
        }
        if (!unwanted.isEmpty()) {
            toWorker(w, new SchedulerToWorker.FreeKeys(unwanted, stimulus));
        }
    }

    private void missingData(MissingData e) {
        STask t = tasks.get(e.key());
        SWorker holder = workers.get(e.holder());
        SWorker reporter = workers.get(e.worker());
        if (t == null || t.state != TaskState.MEMORY) {
            return;
        }
        if (holder != null && t.whoHas.remove(holder)) {
            holder.hasWhat.remove(t);
            story(t, t.state, t.state, holder.address + " lost it (reported by " + e.worker() + ")");
            // the report may be older than a copy the holder got since: have it drop any copy, so
            // that no value stays on a worker without the scheduler knowing
            toWorker(holder, new SchedulerToWorker.FreeKeys(List.of(t.key), stimulus));
        }
        if (t.whoHas.isEmpty()) {
            transition(t, TaskState.RELEASED, Cause.lost("no copy left"));
        } else if (reporter != null) {
            toWorker(reporter, new SchedulerToWorker.RefreshWhoHas(t.key, t.whoHas.stream().map(x -> x.address).toList(), stimulus));
        }
    }

    private void stealResponse(StealResponse e) {
        SWorker victim = workers.get(e.worker());
        STask t = tasks.get(e.key());
        if (t == null) {
            return;
        }
        SWorker thief = t.stealThief;
        if (thief != null) {
            thief.pendingSteals--;
            t.stealThief = null;
        }
        if (!e.released() || victim == null || t.state != TaskState.PROCESSING || t.processingOn != victim) {
            story(t, t.state, t.state, "steal " + (e.released() ? "moot" : "refused by " + e.worker()));
            return;
        }
        if (thief != null && workers.get(thief.address) == thief && thief.running() && placement.allowed(t, thief)) {
            unassign(t, false);
            freedSlots.add(victim);
            assign(t, thief);
            story(t, TaskState.PROCESSING, TaskState.PROCESSING, "stolen from " + victim.address + " by " + thief.address);
        } else {
            transition(t, TaskState.RELEASED, Cause.silent("steal released it, thief gone"));
        }
    }

    /**
     * Removes a worker: tasks it processed are rescheduled (or err once too many workers died
     * under them), values only it held are recomputed from lineage.
     */
    void removeWorker(String address, String reason, boolean close) {
        SWorker w = workers.remove(address);
        if (w == null) {
            return;
        }
        if (close) {
            out.add(new SchedulerInstruction.ToWorker(address, new SchedulerToWorker.CloseWorker(reason, stimulus)));
        }
        for (STask t : List.copyOf(w.processing)) {
            t.suspicious++;
            if (t.suspicious >= config.allowedFailures()) {
                ErrorInfo killed = ErrorInfo.of(ErrorInfo.KILLED_WORKER, "task " + t.key + " was running on " + t.suspicious
                        + " workers that died (the last one: " + address + ", " + reason + "); it may be killing them");
                transition(t, TaskState.ERRED, Cause.killed(killed, address + " died: " + reason));
            } else {
                transition(t, TaskState.RELEASED, Cause.silent(address + " died: " + reason));
            }
        }
        for (STask t : List.copyOf(w.hasWhat)) {
            t.whoHas.remove(w);
            w.hasWhat.remove(t);
            if (t.whoHas.isEmpty() && t.state == TaskState.MEMORY) {
                transition(t, TaskState.RELEASED, Cause.lost("only copy was on " + address + ", " + reason));
            }
        }
        for (STask t : tasks.values()) {
            if (t.stealThief == w) {
                t.stealThief = null;
            }
        }
        retryUnrunnable();
    }

    // ------------------------------------------------------------ machinery

    void recommend(STask t, TaskState to) {
        recommendations.addLast(new Recommendation(t, to));
    }

    /** Applies recommendations and fills freed slots from the root queue until nothing is left. */
    void drain() {
        while (true) {
            while (!recommendations.isEmpty()) {
                Recommendation r = recommendations.removeFirst();
                STask t = r.task();
                if (t.state == r.to() || t.state == TaskState.FORGOTTEN) {
                    continue;
                }
                if (stillValid(t, r.to())) {
                    transition(t, r.to(), Cause.NONE);
                } else {
                    settle(t);
                }
            }
            if (freedSlots.isEmpty()) {
                return;
            }
            List<SWorker> ws = List.copyOf(freedSlots);
            freedSlots.clear();
            for (SWorker w : ws) {
                placement.fillFromQueue(w);
            }
        }
    }

    /** Whether a recommendation still makes sense when its turn comes (later steps may have overtaken it). */
    private static boolean stillValid(STask t, TaskState to) {
        return switch (to) {
            case WAITING -> t.state == TaskState.RELEASED && t.needed();
            case PROCESSING -> ((t.state == TaskState.WAITING && t.waitingOn.isEmpty()) || t.state == TaskState.NO_WORKER) && depsInMemory(t);
            case RELEASED -> switch (t.state) {
                case MEMORY -> !t.needed();
                case WAITING, QUEUED, NO_WORKER, PROCESSING -> !t.needed() || (t.state != TaskState.WAITING && !depsInMemory(t));
                default -> false;
            };
            case FORGOTTEN -> (t.state == TaskState.RELEASED || t.state == TaskState.ERRED) && !t.needed() && t.dependents.isEmpty();
            case ERRED -> (t.active() || t.state == TaskState.RELEASED) && t.dependencies.stream().anyMatch(d -> d.state == TaskState.ERRED);
            default -> false;
        };
    }

    /**
     * A recommendation overtaken by later steps is moot; this takes the step the task's own state
     * calls for instead, so no task is left behind.
     */
    private void settle(STask t) {
        switch (t.state) {
            case WAITING -> {
                if (t.waitingOn.isEmpty()) {
                    transition(t, TaskState.PROCESSING, Cause.NONE);
                }
            }
            case RELEASED -> {
                if (t.needed()) {
                    transition(t, TaskState.WAITING, Cause.NONE);
                } else if (t.dependents.isEmpty()) {
                    transition(t, TaskState.FORGOTTEN, Cause.NONE);
                }
            }
            case ERRED -> {
                if (!t.needed() && t.dependents.isEmpty()) {
                    transition(t, TaskState.FORGOTTEN, Cause.NONE);
                }
            }
            case QUEUED, NO_WORKER, PROCESSING -> {
                if (!depsInMemory(t)) {
                    transition(t, TaskState.RELEASED, Cause.note("an input is no longer in memory"));
                } else {
                    maybeRelease(t);
                }
            }
            default -> maybeRelease(t);
        }
    }

    private static boolean depsInMemory(STask t) {
        for (STask d : t.dependencies) {
            if (d.state != TaskState.MEMORY) {
                return false;
            }
        }
        return true;
    }

    void transition(STask t, TaskState to, Cause cause) {
        transitions.apply(t, to, cause);
    }

    void retryUnrunnable() {
        for (STask t : unrunnable) {
            recommend(t, TaskState.PROCESSING);
        }
    }

    /** Releases a task no one needs any more, or forgets a released one. */
    void maybeRelease(STask t) {
        if (t.needed()) {
            return;
        }
        switch (t.state) {
            case MEMORY, WAITING, QUEUED, NO_WORKER, PROCESSING -> recommend(t, TaskState.RELEASED);
            case RELEASED, ERRED -> {
                if (t.dependents.isEmpty()) {
                    recommend(t, TaskState.FORGOTTEN);
                }
            }
            default -> { }
        }
    }

    void assign(STask t, SWorker w) {
        t.processingOn = w;
        t.expectedNanos = expectedDuration(t);
        w.processing.add(t);
        w.occupancyNanos += t.expectedNanos;
        DependencyLocation[] deps = new DependencyLocation[t.dependencies.size()];
        int i = 0;
        for (STask d : t.dependencies) {
            deps[i++] = new DependencyLocation(d.key, holders(d), Math.max(0, d.nbytes));
        }
        // immutable lists from arrays: the message's List.copyOf keeps them (see holders)
        toWorker(w, new SchedulerToWorker.ComputeTask(t.key, t.payload, t.priority, List.of(deps), t.restrictions.resources(), stimulus));
    }

    /** Takes a task off its worker; tells the worker to drop it unless {@code silent}. */
    void unassign(STask t, boolean tellWorker) {
        SWorker w = t.processingOn;
        if (w == null) {
            return;
        }
        w.processing.remove(t);
        w.occupancyNanos -= t.expectedNanos;
        t.processingOn = null;
        t.expectedNanos = 0;
        if (t.stealThief != null) {
            t.stealThief.pendingSteals--;
            t.stealThief = null;
        }
        if (workers.get(w.address) == w) {
            freedSlots.add(w);
            if (tellWorker) {
                toWorker(w, new SchedulerToWorker.FreeKeys(List.of(t.key), stimulus));
            }
        }
    }

    void addReplica(STask t, SWorker w) {
        if (t.whoHas.add(w)) {
            w.hasWhat.add(t);
        }
        if (t.replicaTarget == w) {
            t.replicaTarget = null;
        }
    }

    long expectedDuration(STask t) {
        return t.prefix.expectedNanos(config.unknownDurationNanos());
    }

    void toWorker(SWorker w, SchedulerToWorker m) {
        out.add(new SchedulerInstruction.ToWorker(w.address, m));
    }

    void toClient(String client, SchedulerToClient m) {
        out.add(new SchedulerInstruction.ToClient(client, m));
    }

    void story(STask t, TaskState from, TaskState to, String note) {
        log.add(t.key, from, to, note, null, stimulus, nanos.getAsLong());
    }

    /** A story entry whose note reads {@code "on ADDRESS"} (then {@code ", " + note} unless empty), the text made only when asked. */
    void story(STask t, TaskState from, TaskState to, String note, SWorker on) {
        log.add(t.key, from, to, note, on == null ? null : on.address, stimulus, nanos.getAsLong());
    }

    String storyText(Key key) {
        StringBuilder b = new StringBuilder();
        for (StoryEntry e : story(key)) {
            b.append("\n  ").append(e);
        }
        return b.isEmpty() ? "\n  (no story)" : b.toString();
    }

    /** Numbers the messages to each worker and remembers where each FreeKeys falls in that sequence. */
    private void countSent(List<SchedulerInstruction> result) {
        for (SchedulerInstruction i : result) {
            if (i instanceof SchedulerInstruction.ToWorker tw) {
                SWorker w = workers.get(tw.worker());
                if (w == null) {
                    continue;
                }
                w.sent++;
                if (tw.message() instanceof SchedulerToWorker.FreeKeys f) {
                    for (Key k : f.keys()) {
                        w.freed(k);
                    }
                }
            }
        }
    }

    private boolean crossed(STask t, SWorker w, long seen) {
        if (w.crossedFree(t.key, seen)) {
            story(t, t.state, t.state, "stale report from " + w.address + " ignored (it crossed a FreeKeys)");
            return true;
        }
        return false;
    }

    /**
     * Sets who is told of every transition (one listener; combine several yourself).
     *
     * @param listener the listener, {@link TransitionListener#NONE} for none
     */
    public void transitionListener(TransitionListener listener) {
        this.transitionListener = Objects.requireNonNull(listener, "listener");
    }

    // ---------------------------------------------------------------- queries

    /**
     * @param worker an address
     * @return how many tasks it processes now (0 when unknown)
     */
    public int processingCount(String worker) {
        SWorker w = workers.get(worker);
        return w == null ? 0 : w.processing.size();
    }

    /** @return how many root tasks wait in the scheduler-side queue */
    public int queuedCount() {
        return queued.size();
    }

    /**
     * @param key a key
     * @return the task's history, oldest first, from the log of the latest transitions (kept
     *     after the task is forgotten)
     */
    public List<StoryEntry> story(Key key) {
        return log.of(key);
    }

    /**
     * @param key a key
     * @return its state ({@link TaskState#FORGOTTEN} if unknown)
     */
    public TaskState taskState(Key key) {
        STask t = tasks.get(key);
        return t == null ? TaskState.FORGOTTEN : t.state;
    }

    /** @return the number of tasks known */
    public int taskCount() {
        return tasks.size();
    }

    /**
     * @param key a key
     * @return the addresses of the workers holding its value, in the order they got it
     */
    public List<String> whoHas(Key key) {
        STask t = tasks.get(key);
        return t == null ? List.of() : holders(t);
    }

    /**
     * The addresses of the workers holding the task's value, in the order they got it: an immutable
     * list, which the messages' {@code List.copyOf} keeps as it is (copying any other list runs
     * through the JDK's shared, megamorphic {@code Collection} calls).
     */
    List<String> holders(STask t) {
        if (t.whoHas.size() == 1) {
            return List.of(t.whoHas.iterator().next().address);
        }
        String[] out = new String[t.whoHas.size()];
        int i = 0;
        for (SWorker w : t.whoHas) {
            out[i++] = w.address;
        }
        return List.of(out);
    }

    /**
     * @param key a key
     * @return the worker processing it, if any
     */
    public Optional<String> processingOn(Key key) {
        STask t = tasks.get(key);
        return t == null || t.processingOn == null ? Optional.empty() : Optional.of(t.processingOn.address);
    }

    /**
     * @param key a key
     * @return its error, if it erred
     */
    public Optional<ErrorInfo> error(Key key) {
        STask t = tasks.get(key);
        return t == null || t.state != TaskState.ERRED ? Optional.empty() : Optional.of(t.error);
    }

    /**
     * @param worker an address
     * @return the keys it processes
     */
    public List<Key> processing(String worker) {
        SWorker w = workers.get(worker);
        return w == null ? List.of() : w.processing.stream().map(t -> t.key).toList();
    }

    /**
     * @param worker an address
     * @return the keys whose values it holds (empty for an unknown worker)
     */
    public List<Key> hasWhat(String worker) {
        SWorker w = workers.get(worker);
        return w == null ? List.of() : w.hasWhat.stream().map(t -> t.key).toList();
    }

    /**
     * @param worker an address
     * @return how many keys' values it holds (0 for an unknown worker)
     */
    public int hasWhatCount(String worker) {
        SWorker w = workers.get(worker);
        return w == null ? 0 : w.hasWhat.size();
    }

    /**
     * The first keys of {@link #processing(String)} or {@link #hasWhat(String)}, for a bounded look
     * at a worker (the dashboard's worker page) that never walks all of a big worker's keys.
     *
     * @param worker an address
     * @param held true for the keys it holds, false for those it processes
     * @param max the most keys wanted
     * @return up to {@code max} keys, in the order the worker got them
     */
    public List<Key> workerKeys(String worker, boolean held, int max) {
        SWorker w = workers.get(worker);
        if (w == null || max <= 0) {
            return List.of();
        }
        Set<STask> from = held ? w.hasWhat : w.processing;
        List<Key> out = new ArrayList<>(Math.min(max, from.size()));
        for (STask t : from) {
            if (out.size() == max) {
                break;
            }
            out.add(t.key);
        }
        return out;
    }

    /** @return the root tasks in the scheduler-side queue, best first */
    public List<Key> queuedKeys() {
        return queued.sorted().stream().map(t -> t.key).toList();
    }

    /** @return the addresses of the known workers, sorted */
    public List<String> workerAddresses() {
        return workers.addresses();
    }

    /**
     * @param worker an address
     * @return its status, if known
     */
    public Optional<WorkerStatus> workerStatus(String worker) {
        SWorker w = workers.get(worker);
        return w == null ? Optional.empty() : Optional.of(w.status);
    }

    /**
     * @param prefix a key prefix
     * @return its duration statistics, if a task of it finished
     */
    public Optional<PrefixStats> prefixStats(String prefix) {
        TaskPrefix p = prefixes.get(prefix);
        return p == null || p.durations == 0 ? Optional.empty() : Optional.of(new PrefixStats(prefix, p.durations, p.meanNanos, p.totalNanos));
    }

    /**
     * The tasks of every key prefix ever submitted, counted by state on each transition: what
     * progress bars show, read without walking the tasks.
     *
     * @return one entry per prefix, in order of first appearance
     */
    public List<PrefixCounts> prefixCounts() {
        return prefixes.counts();
    }

    /** @return how many task transitions the state made so far */
    public long transitionCount() {
        return transitionCount;
    }

    /**
     * Checks every invariant now (also done after each event when the config says so).
     *
     * @throws InvalidTransitionException naming the first broken invariant and the task's story
     */
    public void validate() {
        Invariants.check(this);
    }
}
