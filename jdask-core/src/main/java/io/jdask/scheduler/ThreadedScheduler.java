package io.jdask.scheduler;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.RunInfo;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.optimize.Order;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed pool of daemon threads, the highest-priority ready task first.
 *
 * <p>The pool threads pull work themselves: each keeps taking ready tasks until none is left, and a
 * finishing task wakes more threads only when it made several tasks ready, so a steady stream of
 * small tasks costs one lock round-trip per task and no thread hand-off. A computation started from
 * inside one of this scheduler's tasks runs synchronously on that thread (a nested compute must not
 * wait for the pool it occupies).
 */
final class ThreadedScheduler implements Scheduler {
    private static final ThreadLocal<Boolean> IN_POOL = ThreadLocal.withInitial(() -> false);
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private final ExecutorService pool;

    ThreadedScheduler(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("a threaded scheduler needs at least one thread, not " + threads);
        }
        this.threads = threads;
        int poolId = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(() -> {
                IN_POOL.set(true);
                r.run();
            }, "jdask-threads-" + poolId + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** @return the number of threads */
    int threads() {
        return threads;
    }

    @Override
    public String name() {
        return "threads";
    }

    @Override
    public List<Object> compute(TaskGraph graph, List<Key> outputs, Callback callback) {
        if (IN_POOL.get()) {
            return SyncScheduler.INSTANCE.compute(graph, outputs, callback);
        }
        IndexedGraph g = graph.index();
        ExecutionState state = new ExecutionState(g, Order.order(g), outputs);
        RunInfo info = RunIds.next(name(), graph, outputs);
        callback.onStart(info);
        ThreadedRun run = new ThreadedRun(state, info, callback, threads, pool);
        try {
            List<Object> out = run.await();
            callback.onFinish(info, null);
            return out;
        } catch (RuntimeException | Error e) {
            callback.onFinish(info, e);
            throw e;
        }
    }

    /** Stops the pool's threads (they are daemons, so this is optional). */
    void shutdown() {
        pool.shutdownNow();
    }

    @Override
    public String toString() {
        return "ThreadedScheduler(" + threads + " threads)";
    }
}
