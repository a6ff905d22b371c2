package io.jdask.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Callbacks active for every computation in this JVM, added for a scope:
 *
 * <pre>{@code
 * try (var p = Callbacks.add(new Profiler())) {
 *     x.compute();
 * }
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Callbacks {
    private static final Logger LOG = LoggerFactory.getLogger(Callbacks.class);
    private static final CopyOnWriteArrayList<Callback> ACTIVE = new CopyOnWriteArrayList<>();

    private Callbacks() {}

    /** A registration; closing it removes the callback. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param callback a callback to call for every computation until the registration is closed
     * @return the registration
     */
    public static Registration add(Callback callback) {
        ACTIVE.add(callback);
        return () -> ACTIVE.remove(callback);
    }

    /** @return the callbacks registered now */
    public static List<Callback> active() {
        return List.copyOf(ACTIVE);
    }

    /**
     * @param callbacks callbacks to call in order
     * @return one callback that calls each, logging and swallowing what they throw
     */
    public static Callback compose(List<Callback> callbacks) {
        List<Callback> list = new ArrayList<>(callbacks);
        if (list.isEmpty()) {
            return NONE;
        }
        Callback[] cs = list.toArray(new Callback[0]);
        return new Callback() {
            @Override
            public void onStart(RunInfo run) {
                for (Callback c : cs) {
                    try {
                        c.onStart(run);
                    } catch (RuntimeException e) {
                        LOG.warn("callback {} failed in onStart", c, e);
                    }
                }
            }

            @Override
            public void onTaskStart(RunInfo run, TaskStart task) {
                for (Callback c : cs) {
                    try {
                        c.onTaskStart(run, task);
                    } catch (RuntimeException e) {
                        LOG.warn("callback {} failed in onTaskStart", c, e);
                    }
                }
            }

            @Override
            public void onTaskFinish(RunInfo run, TaskEvent event) {
                for (Callback c : cs) {
                    try {
                        c.onTaskFinish(run, event);
                    } catch (RuntimeException e) {
                        LOG.warn("callback {} failed in onTaskFinish", c, e);
                    }
                }
            }

            @Override
            public void onFinish(RunInfo run, Throwable error) {
                for (Callback c : cs) {
                    try {
                        c.onFinish(run, error);
                    } catch (RuntimeException e) {
                        LOG.warn("callback {} failed in onFinish", c, e);
                    }
                }
            }
        };
    }

    /** A callback that does nothing; schedulers skip per-task work when they are given it. */
    public static final Callback NONE = new Callback() {
        @Override
        public String toString() {
            return "Callbacks.NONE";
        }
    };
}
