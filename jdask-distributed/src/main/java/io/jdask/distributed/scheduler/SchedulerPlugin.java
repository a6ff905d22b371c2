package io.jdask.distributed.scheduler;

import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.graph.Key;
import java.util.Map;

/**
 * Watches a scheduler: task transitions, results and failures, workers joining and leaving, their
 * heartbeats, copies of values between workers. Register one with {@link
 * SchedulerServer.Builder#plugin(SchedulerPlugin)}.
 *
 * <p>Every method is called on the scheduler's event loop, the one thread that owns its state, so
 * a plugin sees events in order and needs no locks for what only these methods touch. The loop
 * runs every task through here: a method must be cheap (count, append to a bounded buffer) and
 * must never block or do I/O. Anything slower belongs on another thread that reads what the plugin
 * {@linkplain #afterBatch(SchedulerState, long) publishes}. A method that throws is logged and the
 * scheduler goes on.
 */
public interface SchedulerPlugin {
    /**
     * The scheduler listens and its loop starts (called on the thread that starts it, before any
     * other method).
     *
     * @param scheduler the running scheduler
     */
    default void started(SchedulerServer scheduler) {}

    /**
     * A task changed state. The loop calls this for every transition of every task, and only when
     * some plugin overrides it: a plugin that wants progress per prefix can read {@link
     * SchedulerState#prefixCounts()} in {@link #afterBatch} instead, at no cost per task.
     *
     * @param key the task
     * @param prefix its key prefix
     * @param from its state before
     * @param to its state now
     * @param worker the worker it runs on (going to processing), ran on (leaving processing), or
     *     whose result or error moved it; null when none
     */
    default void transition(Key key, String prefix, TaskState from, TaskState to, String worker) {}

    /**
     * A worker reported a task done (whether or not the scheduler still wanted it).
     *
     * @param worker the worker's address
     * @param key the task
     * @param nbytes its value's size
     * @param durationNanos how long it ran, -1 when it did not run now (already held)
     * @param nowNanos the scheduler's clock ({@link System#nanoTime()}) when the report arrived
     */
    default void taskFinished(String worker, Key key, long nbytes, long durationNanos, long nowNanos) {}

    /**
     * A worker reported a task failed.
     *
     * @param worker the worker's address
     * @param key the task
     * @param exceptionType the failure's class name
     * @param durationNanos how long it ran
     * @param nowNanos the scheduler's clock when the report arrived
     */
    default void taskErred(String worker, Key key, String exceptionType, long durationNanos, long nowNanos) {}

    /**
     * A worker registered.
     *
     * @param worker what it said about itself
     */
    default void workerAdded(WorkerInfo worker) {}

    /**
     * A worker left, its connection broke, or it was retired.
     *
     * @param address its address
     * @param reason why
     */
    default void workerRemoved(String address, String reason) {}

    /**
     * A worker's heartbeat.
     *
     * @param worker its address
     * @param metrics what it reported: memory, spilling, CPU, traffic, the tasks it runs now
     * @param nowNanos the scheduler's clock when it arrived
     */
    default void heartbeat(String worker, io.jdask.distributed.protocol.WorkerMetrics metrics, long nowNanos) {}

    /**
     * A worker paused, resumed or started closing.
     *
     * @param worker its address
     * @param status its new status
     */
    default void workerStatus(String worker, WorkerStatus status) {}

    /**
     * A worker copied values from its peers (to run a task, or asked to hold a replica).
     *
     * @param worker the worker that received them
     * @param nbytes the keys with their sizes
     * @param nowNanos the scheduler's clock when the report arrived
     */
    default void replicasAdded(String worker, Map<Key, Long> nbytes, long nowNanos) {}

    /**
     * The loop finished a batch of events (or ticked) and is about to wait for more: the place to
     * publish what was gathered, at a rate the plugin bounds itself (compare {@code nowNanos} with
     * the last time).
     *
     * @param state the scheduler's state, to read only, on this thread only, during this call
     * @param nowNanos the scheduler's clock
     */
    default void afterBatch(SchedulerState state, long nowNanos) {}

    /** The scheduler stopped (called on its loop, last). */
    default void closed() {}
}
