package io.jdask.diagnostics;

/**
 * Hooks a scheduler calls while it runs a graph: graph start, task start, task finish, graph finish.
 *
 * <p>Concurrency contract: {@link #onStart} and {@link #onFinish} are called on the thread that
 * asked for the computation; {@link #onTaskStart} and {@link #onTaskFinish} on the thread that runs
 * the task, possibly several at once, so implementations must be thread-safe and quick (they run on
 * the scheduler's hot path). An exception thrown by a callback is logged and otherwise ignored.
 */
public interface Callback {
    /**
     * Called once before any task of the run starts.
     *
     * @param run the run
     */
    default void onStart(RunInfo run) {}

    /**
     * Called just before a task runs.
     *
     * @param run the run
     * @param task which task, on which thread
     */
    default void onTaskStart(RunInfo run, TaskStart task) {}

    /**
     * Called just after a task ran, whether it succeeded or failed.
     *
     * @param run the run
     * @param event what happened
     */
    default void onTaskFinish(RunInfo run, TaskEvent event) {}

    /**
     * Called once when the run ends.
     *
     * @param run the run
     * @param error why it failed or was cancelled, or {@code null} if it succeeded
     */
    default void onFinish(RunInfo run, Throwable error) {}
}
