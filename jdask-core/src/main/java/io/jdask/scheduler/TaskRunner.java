package io.jdask.scheduler;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.Callbacks;
import io.jdask.diagnostics.RunInfo;
import io.jdask.diagnostics.TaskEvent;
import io.jdask.diagnostics.TaskStart;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import java.util.function.Function;

/** Runs one task with the run's callbacks, turning what it throws into a {@link TaskFailedException}. */
final class TaskRunner {
    private TaskRunner() {}

    static Object run(Task task, Function<Key, Object> results, RunInfo run, Callback callback) {
        if (callback == Callbacks.NONE) {
            try {
                return task.run(results);
            } catch (Throwable e) {
                throw new TaskFailedException(task.key(), e);
            }
        }
        String thread = Thread.currentThread().getName();
        long start = System.nanoTime();
        callback.onTaskStart(run, new TaskStart(task.key(), thread, start));
        Object result;
        try {
            result = task.run(results);
        } catch (Throwable e) {
            callback.onTaskFinish(run, new TaskEvent(task.key(), thread, start, System.nanoTime(), e));
            throw new TaskFailedException(task.key(), e);
        }
        callback.onTaskFinish(run, new TaskEvent(task.key(), thread, start, System.nanoTime(), null));
        return result;
    }
}
