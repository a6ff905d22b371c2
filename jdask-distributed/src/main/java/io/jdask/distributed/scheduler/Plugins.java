package io.jdask.distributed.scheduler;

import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.distributed.scheduler.state.TransitionListener;
import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registered plugins, called in order on the scheduler's loop; one that throws is logged and skipped. */
final class Plugins implements TransitionListener {
    private static final Logger LOG = LoggerFactory.getLogger(Plugins.class);
    private final SchedulerPlugin[] plugins;
    /** The plugins that override {@link SchedulerPlugin#transition}: only they are called per transition. */
    private final SchedulerPlugin[] watchers;

    Plugins(List<SchedulerPlugin> plugins) {
        this.plugins = plugins.toArray(SchedulerPlugin[]::new);
        this.watchers = plugins.stream().filter(Plugins::watchesTransitions).toArray(SchedulerPlugin[]::new);
    }

    boolean isEmpty() {
        return plugins.length == 0;
    }

    /** @return whether any plugin wants to hear of each transition (the others cost the loop nothing per transition) */
    boolean watchTransitions() {
        return watchers.length > 0;
    }

    private static boolean watchesTransitions(SchedulerPlugin p) {
        try {
            return p.getClass().getMethod("transition", Key.class, String.class, TaskState.class, TaskState.class, String.class)
                    .getDeclaringClass() != SchedulerPlugin.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("SchedulerPlugin declares transition", e);
        }
    }

    private void each(Consumer<SchedulerPlugin> call) {
        for (SchedulerPlugin p : plugins) {
            try {
                call.accept(p);
            } catch (RuntimeException e) {
                LOG.error("scheduler plugin {} failed", p.getClass().getName(), e);
            }
        }
    }

    @Override
    public void transition(Key key, String prefix, TaskState from, TaskState to, String worker) {
        for (SchedulerPlugin p : watchers) {
            try {
                p.transition(key, prefix, from, to, worker);
            } catch (RuntimeException e) {
                LOG.error("scheduler plugin {} failed on a transition of {}", p.getClass().getName(), key, e);
            }
        }
    }

    void started(SchedulerServer s) {
        each(p -> p.started(s));
    }

    void taskFinished(String worker, Key key, long nbytes, long durationNanos, long now) {
        for (SchedulerPlugin p : plugins) {
            try {
                p.taskFinished(worker, key, nbytes, durationNanos, now);
            } catch (RuntimeException e) {
                LOG.error("scheduler plugin {} failed", p.getClass().getName(), e);
            }
        }
    }

    void taskErred(String worker, Key key, String type, long durationNanos, long now) {
        each(p -> p.taskErred(worker, key, type, durationNanos, now));
    }

    void workerAdded(WorkerInfo w) {
        each(p -> p.workerAdded(w));
    }

    void workerRemoved(String address, String reason) {
        each(p -> p.workerRemoved(address, reason));
    }

    void heartbeat(String worker, io.jdask.distributed.protocol.WorkerMetrics metrics, long now) {
        each(p -> p.heartbeat(worker, metrics, now));
    }

    void workerStatus(String worker, WorkerStatus status) {
        each(p -> p.workerStatus(worker, status));
    }

    void replicasAdded(String worker, Map<Key, Long> nbytes, long now) {
        each(p -> p.replicasAdded(worker, nbytes, now));
    }

    void afterBatch(SchedulerState state, long now) {
        for (SchedulerPlugin p : plugins) {
            try {
                p.afterBatch(state, now);
            } catch (RuntimeException e) {
                LOG.error("scheduler plugin {} failed", p.getClass().getName(), e);
            }
        }
    }

    void closed() {
        each(SchedulerPlugin::closed);
    }
}
