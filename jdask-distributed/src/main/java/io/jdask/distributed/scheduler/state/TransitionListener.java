package io.jdask.distributed.scheduler.state;

import io.jdask.graph.Key;

/**
 * Told of every task transition the {@link SchedulerState} makes, on the thread that drives the
 * state (the scheduler's event loop), right after the transition. It must be cheap: count, or
 * append to a bounded buffer; never block, never do I/O.
 */
@FunctionalInterface
public interface TransitionListener {
    /** Ignores everything. */
    TransitionListener NONE = (key, prefix, from, to, worker) -> { };

    /**
     * A task changed state.
     *
     * @param key the task
     * @param prefix its key prefix ({@link Key#prefix()})
     * @param from its state before
     * @param to its state now
     * @param worker the worker it runs on when it goes to processing, the worker it ran on when it
     *     leaves processing, the worker a result or error came from otherwise; null when none
     */
    void transition(Key key, String prefix, TaskState from, TaskState to, String worker);
}
