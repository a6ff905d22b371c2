package io.jdask.scheduler;

import io.jdask.config.Config;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Finds "the current scheduler", the way Dask's collections do: a scheduler chosen for a scope with
 * {@link #use}, else a default installed with {@link #setDefault} (a distributed client does this
 * while it is open), else the one named by config {@code scheduler.default} ({@code threads} unless
 * configured).
 *
 * <pre>{@code
 * try (var s = Schedulers.use(Schedulers.sync())) {
 *     x.compute();   // runs on the calling thread
 * }
 * }</pre>
 */
public final class Schedulers {
    private static final CopyOnWriteArrayList<Scheduler> SCOPED = new CopyOnWriteArrayList<>();
    private static final CopyOnWriteArrayList<Scheduler> DEFAULTS = new CopyOnWriteArrayList<>();
    private static final Map<Integer, ThreadedScheduler> THREADED = new ConcurrentHashMap<>();

    private Schedulers() {}

    /** A scheduler choice in force until closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** @return the scheduler that runs every task on the calling thread */
    public static Scheduler sync() {
        return SyncScheduler.INSTANCE;
    }

    /**
     * @return the shared threaded scheduler, with config {@code scheduler.threads} threads (0, the
     *     default, means one per core)
     */
    public static Scheduler threaded() {
        return threaded(defaultThreads());
    }

    /**
     * @return how many threads the default threaded scheduler runs: config {@code
     *     scheduler.threads}, or one per core when that is 0
     */
    public static int defaultThreads() {
        int n = Config.getInt("scheduler.threads");
        return n <= 0 ? Runtime.getRuntime().availableProcessors() : n;
    }

    /**
     * @param threads the pool size, at least 1
     * @return a shared threaded scheduler with that many daemon threads
     */
    public static Scheduler threaded(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a threaded scheduler needs at least one thread, not " + threads);
        }
        return THREADED.computeIfAbsent(threads, ThreadedScheduler::new);
    }

    /**
     * @param name {@code sync} (also {@code synchronous}, {@code single-threaded}), {@code threads}
     *     (also {@code threading}, {@code threaded}), or a name a {@link SchedulerProvider} knows
     * @return the scheduler
     * @throws IllegalArgumentException naming the unknown scheduler and the known ones
     */
    public static Scheduler byName(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "sync", "synchronous", "single-threaded" -> {
                return sync();
            }
            case "threads", "threading", "threaded" -> {
                return threaded();
            }
            default -> {
                for (SchedulerProvider p : ServiceLoader.load(SchedulerProvider.class)) {
                    Optional<Scheduler> s = p.scheduler(n);
                    if (s.isPresent()) {
                        return s.get();
                    }
                }
                throw new IllegalArgumentException("unknown scheduler '" + name
                        + "': use 'threads' or 'sync', or connect a distributed client");
            }
        }
    }

    /** @return the scheduler a compute without an explicit choice uses now */
    public static Scheduler current() {
        int s = SCOPED.size();
        if (s > 0) {
            try {
                return SCOPED.get(s - 1);
            } catch (IndexOutOfBoundsException raced) {
                // a scope closed meanwhile: fall through
            }
        }
        int d = DEFAULTS.size();
        if (d > 0) {
            try {
                return DEFAULTS.get(d - 1);
            } catch (IndexOutOfBoundsException raced) {
                // a default was removed meanwhile: fall through
            }
        }
        return byName(Config.getString("scheduler.default"));
    }

    /**
     * Makes {@code scheduler} the current one until the returned scope is closed, overriding any
     * default (scopes nest; closing one removes exactly that choice).
     *
     * @param scheduler the scheduler
     * @return the scope
     */
    public static Scope use(Scheduler scheduler) {
        return push(SCOPED, scheduler);
    }

    /**
     * Installs a default scheduler (what a distributed client does while it is open); scoped
     * choices made with {@link #use} still win.
     *
     * @param scheduler the scheduler
     * @return closing it removes this default
     */
    public static Scope setDefault(Scheduler scheduler) {
        return push(DEFAULTS, scheduler);
    }

    private static Scope push(CopyOnWriteArrayList<Scheduler> stack, Scheduler scheduler) {
        if (scheduler == null) {
            throw new IllegalArgumentException("scheduler must not be null");
        }
        Scheduler entry = new Tagged(scheduler);
        stack.add(entry);
        return () -> stack.remove(entry);
    }

    /** A distinct entry per push, so closing one scope never removes another push of the same scheduler. */
    private record Tagged(Scheduler delegate) implements Scheduler {
        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public java.util.List<Object> compute(
                io.jdask.graph.TaskGraph graph, java.util.List<io.jdask.graph.Key> outputs,
                io.jdask.diagnostics.Callback callback) {
            return delegate.compute(graph, outputs, callback);
        }

        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
