package io.jdask.scheduler;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.RunInfo;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.optimize.Order;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Runs every task on the calling thread, one at a time, in static priority order: deterministic,
 * for debugging (stack traces point straight at the task) and for nested computations.
 */
final class SyncScheduler implements Scheduler {
    static final SyncScheduler INSTANCE = new SyncScheduler();

    private SyncScheduler() {}

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public List<Object> compute(TaskGraph graph, List<Key> outputs, Callback callback) {
        IndexedGraph g = graph.index();
        ExecutionState state = new ExecutionState(g, Order.order(g), outputs);
        RunInfo run = RunIds.next(name(), graph, outputs);
        callback.onStart(run);
        try {
            while (state.hasReady()) {
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    throw new ComputeCancelledException(
                            "computation of " + RunIds.describe(outputs) + " cancelled: the thread was interrupted");
                }
                int id = state.pop();
                state.finish(id, TaskRunner.run(state.task(id), state::result, run, callback));
            }
            if (!state.done()) {
                throw new IllegalStateException(state.remaining() + " tasks never became ready: is the graph valid?");
            }
            List<Object> out = Collections.unmodifiableList(Arrays.asList(state.outputs()));
            callback.onFinish(run, null);
            return out;
        } catch (RuntimeException | Error e) {
            callback.onFinish(run, e);
            throw e;
        }
    }

    @Override
    public String toString() {
        return "SyncScheduler";
    }
}
