package io.jdask.distributed.scheduler.state;

import static io.jdask.distributed.scheduler.state.TaskState.ERRED;
import static io.jdask.distributed.scheduler.state.TaskState.FORGOTTEN;
import static io.jdask.distributed.scheduler.state.TaskState.MEMORY;
import static io.jdask.distributed.scheduler.state.TaskState.NO_WORKER;
import static io.jdask.distributed.scheduler.state.TaskState.PROCESSING;
import static io.jdask.distributed.scheduler.state.TaskState.QUEUED;
import static io.jdask.distributed.scheduler.state.TaskState.RELEASED;
import static io.jdask.distributed.scheduler.state.TaskState.WAITING;

import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;
import java.util.List;

/**
 * The scheduler's transition table: {@code (from, to) -> handler}. Each handler changes one task's
 * state, emits messages and recommends further transitions; {@link SchedulerState#drain()} applies
 * the recommendations.
 *
 * <p>Recommending {@link TaskState#PROCESSING} for a ready task is a request: placement decides
 * whether it goes to a worker, to the root queue or to no-worker. Recommending {@link
 * TaskState#WAITING} for a task with an erred dependency sends it to erred instead; an error with
 * retries left sends a processing task back to released (and on to waiting).
 */
final class Transitions {
    @FunctionalInterface
    interface Handler {
        void apply(STask t, Cause cause);
    }

    private final SchedulerState s;
    /**
     * {@code table[from.ordinal()][to.ordinal()]}, null where there is no such transition: an array,
     * not {@code EnumMap}s, whose {@code Map.getOrDefault} runs in the JDK's shared default method
     * (see {@code OpenHashMap} on shared profiles).
     */
    private final Handler[][] table = new Handler[TaskState.values().length][TaskState.values().length];

    Transitions(SchedulerState s) {
        this.s = s;
        put(RELEASED, WAITING, this::releasedToWaiting);
        put(RELEASED, ERRED, this::toErred);
        put(RELEASED, FORGOTTEN, this::toForgotten);
        put(WAITING, PROCESSING, this::toProcessing);
        put(WAITING, QUEUED, this::toQueued);
        put(WAITING, NO_WORKER, this::toNoWorker);
        put(WAITING, RELEASED, this::activeToReleased);
        put(WAITING, ERRED, this::toErred);
        put(QUEUED, PROCESSING, this::toProcessing);
        put(QUEUED, RELEASED, this::activeToReleased);
        put(QUEUED, ERRED, this::toErred);
        put(NO_WORKER, PROCESSING, this::toProcessing);
        put(NO_WORKER, QUEUED, this::toQueued);
        put(NO_WORKER, RELEASED, this::activeToReleased);
        put(NO_WORKER, ERRED, this::toErred);
        put(PROCESSING, MEMORY, this::processingToMemory);
        put(PROCESSING, RELEASED, this::activeToReleased);
        put(PROCESSING, ERRED, this::toErred);
        put(MEMORY, RELEASED, this::memoryToReleased);
        put(ERRED, RELEASED, this::erredToReleased);
        put(ERRED, FORGOTTEN, this::toForgotten);
    }

    private void put(TaskState from, TaskState to, Handler h) {
        table[from.ordinal()][to.ordinal()] = h;
    }

    void apply(STask t, TaskState to, Cause cause) {
        TaskState from = t.state;
        if (to == WAITING && from == RELEASED) {
            for (STask d : t.dependencies) {
                if (d.state == ERRED) {
                    to = ERRED;
                    break;
                }
            }
        }
        if (to == ERRED && from == PROCESSING && cause.error() != null && !cause.noRetry() && t.retriesLeft > 0) {
            t.retriesLeft--;
            to = RELEASED;
            cause = new Cause(cause.worker(), -1, "", 0, null, "retry after " + cause.error().exceptionType() + " (" + t.retriesLeft + " left)", false, false, false);
        }
        if (to == PROCESSING && from != PROCESSING) {
            to = s.placement.decide(t);
            if (to == from) {
                return;
            }
        }
        Handler h = table[from.ordinal()][to.ordinal()];
        if (h == null) {
            throw new InvalidTransitionException("no transition " + from + " -> " + to + " for task " + t.key
                    + " (stimulus " + s.stimulus + "); its story:" + s.storyText(t.key));
        }
        SWorker ranOn = t.processingOn;
        h.apply(t, cause);
        t.prefix.moved(from, to, ++s.transitionCount);
        SWorker w = to == PROCESSING ? t.processingOn : from == PROCESSING ? ranOn : cause.worker();
        s.transitionListener.transition(t.key, t.prefix.name, from, to, w == null ? null : w.address);
        s.story(t, from, to, cause.note(), to == PROCESSING ? t.processingOn : cause.onWorker() ? cause.worker() : null);
    }

    // ---------------------------------------------------------------- handlers

    private void releasedToWaiting(STask t, Cause c) {
        t.state = WAITING;
        for (STask d : t.dependencies) {
            d.waiters.add(t);
            if (d.state != MEMORY) {
                t.waitingOn.add(d);
                if (d.state == RELEASED) {
                    s.recommend(d, WAITING);
                }
            }
        }
        if (t.waitingOn.isEmpty()) {
            s.recommend(t, PROCESSING);
        }
    }

    private void toProcessing(STask t, Cause c) {
        leaveReadyState(t);
        t.state = PROCESSING;
        s.assign(t, s.placement.chosen);
    }

    private void toQueued(STask t, Cause c) {
        leaveReadyState(t);
        t.state = QUEUED;
        s.queued.add(t);
    }

    private void toNoWorker(STask t, Cause c) {
        leaveReadyState(t);
        t.state = NO_WORKER;
        s.unrunnable.add(t);
    }

    private void leaveReadyState(STask t) {
        if (t.state == QUEUED) {
            s.queued.remove(t);
        } else if (t.state == NO_WORKER) {
            s.unrunnable.remove(t);
        }
    }

    private void processingToMemory(STask t, Cause c) {
        SWorker w = c.worker();
        // When another worker got the value first (a copy it fetched before the loss, or a steal
        // that raced with the start), the worker still on it is left to finish: a message telling
        // it to drop the task could cross its result, and its copy becomes one more replica.
        s.unassign(t, false);
        t.state = MEMORY;
        t.nbytes = c.nbytes();
        if (!c.typeName().isEmpty()) {
            t.typeName = c.typeName(); // a fetched copy reports no type: keep the one known from an earlier run
        }
        t.suspicious = 0;
        t.prefix.recordDuration(c.durationNanos());
        s.addReplica(t, w);
        for (STask d : t.dependents) {
            if (d.state == WAITING && d.waitingOn.remove(t) && d.waitingOn.isEmpty()) {
                s.recommend(d, PROCESSING);
            }
        }
        dropFromDependencies(t);
        for (String client : t.wantedBy) {
            s.toClient(client, new SchedulerToClient.KeyInMemory(t.key, t.nbytes, t.typeName, s.holders(t), s.stimulus));
        }
        s.maybeRelease(t);
    }

    /** waiting, queued, no-worker or processing -> released. */
    private void activeToReleased(STask t, Cause c) {
        leaveReadyState(t);
        if (t.state == PROCESSING) {
            s.unassign(t, !c.workerGone());
        }
        t.waitingOn.clear();
        t.state = RELEASED;
        dropFromDependencies(t);
        afterReleased(t);
    }

    private void memoryToReleased(STask t, Cause c) {
        List<SWorker> holders = List.copyOf(t.whoHas);
        for (SWorker w : holders) {
            w.hasWhat.remove(t);
            if (!c.workerGone()) {
                s.toWorker(w, new SchedulerToWorker.FreeKeys(List.of(t.key), s.stimulus));
            }
        }
        t.whoHas.clear();
        t.replicaTarget = null;
        t.state = RELEASED;
        // dependents that were about to use the value must wait for it again
        for (STask d : t.dependents) {
            switch (d.state) {
                case WAITING -> d.waitingOn.add(t);
                case QUEUED, NO_WORKER, PROCESSING -> s.recommend(d, RELEASED);
                default -> { }
            }
        }
        afterReleased(t);
    }

    private void erredToReleased(STask t, Cause c) {
        t.state = RELEASED;
        t.error = null;
        t.blamed = null;
        t.retriesLeft = t.retries;
        t.suspicious = 0;
        afterReleased(t);
    }

    /** Any state -> erred: the task failed (cause has the error) or a dependency did. */
    private void toErred(STask t, Cause c) {
        leaveReadyState(t);
        if (t.state == PROCESSING) {
            s.unassign(t, !c.workerGone() && c.worker() == null);
        }
        if (c.error() != null) {
            t.error = c.error();
            t.blamed = t;
        } else {
            for (STask d : t.dependencies) {
                if (d.state == ERRED) {
                    t.error = d.error;
                    t.blamed = d.blamed;
                    break;
                }
            }
        }
        t.waitingOn.clear();
        t.state = ERRED;
        dropFromDependencies(t);
        for (STask d : t.dependents) {
            if (d.active()) {
                s.recommend(d, ERRED);
            }
        }
        for (String client : t.wantedBy) {
            s.toClient(client, new SchedulerToClient.KeyErred(t.key, t.blamed.key, t.error, s.stimulus));
        }
        if (t.wantedBy.isEmpty() && t.dependents.isEmpty()) {
            s.recommend(t, FORGOTTEN);
        }
    }

    private void toForgotten(STask t, Cause c) {
        t.state = FORGOTTEN;
        s.tasks.remove(t.key);
        for (STask d : t.dependencies) {
            d.dependents.remove(t);
            d.waiters.remove(t);
            s.maybeRelease(d);
        }
    }

    /** This task no longer waits for its dependencies: values no one else needs are released. */
    private void dropFromDependencies(STask t) {
        for (STask d : t.dependencies) {
            if (d.waiters.remove(t)) {
                s.maybeRelease(d);
            }
        }
    }

    private void afterReleased(STask t) {
        if (t.needed()) {
            s.recommend(t, WAITING);
        } else if (t.dependents.isEmpty()) {
            s.recommend(t, FORGOTTEN);
        }
    }
}
