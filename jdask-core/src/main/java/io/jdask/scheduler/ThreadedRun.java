package io.jdask.scheduler;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.RunInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One computation on the threaded scheduler: pool threads drain the ready queue of an {@link
 * ExecutionState} under this object's lock; the caller waits for the end, the first failure or its
 * own interruption.
 */
final class ThreadedRun {
    private final ExecutionState state;
    private final RunInfo info;
    private final Callback callback;
    private final int threads;
    private final Executor pool;
    private final Set<Thread> running = new HashSet<>();

    private int drainers;
    private RuntimeException failure;
    private boolean stopped;

    ThreadedRun(ExecutionState state, RunInfo info, Callback callback, int threads, Executor pool) {
        this.state = state;
        this.info = info;
        this.callback = callback;
        this.threads = threads;
        this.pool = pool;
    }

    List<Object> await() {
        synchronized (this) {
            spawn(Math.min(threads, state.readyCount()));
            try {
                while (!state.done() && failure == null) {
                    if (drainers == 0 && !state.hasReady()) {
                        throw new IllegalStateException(
                                state.remaining() + " tasks never became ready: is the graph valid?");
                    }
                    wait();
                }
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw new ComputeCancelledException("computation of " + RunIds.describe(info.outputs())
                        + " cancelled: the waiting thread was interrupted");
            }
            if (failure != null) {
                stop();
                throw failure;
            }
            return Collections.unmodifiableList(Arrays.asList(state.outputs()));
        }
    }

    /** Stops handing out work and interrupts the tasks still running. Call with the lock held. */
    private void stop() {
        stopped = true;
        for (Thread t : running) {
            t.interrupt();
        }
    }

    /** Call with the lock held. */
    private void spawn(int n) {
        for (int i = 0; i < n; i++) {
            drainers++;
            try {
                pool.execute(this::drain);
            } catch (RejectedExecutionException e) {
                drainers--;
                failure = new IllegalStateException("the threaded scheduler's pool is shut down", e);
                notifyAll();
                return;
            }
        }
    }

    private void drain() {
        try {
            drainReady();
        } catch (Throwable bug) {
            // never leave the caller waiting: a failure outside a task (a scheduler bug, an Error in
            // a callback) ends the run with that failure
            synchronized (this) {
                running.remove(Thread.currentThread());
                if (failure == null) {
                    failure = bug instanceof RuntimeException re ? re
                            : new IllegalStateException("the threaded scheduler failed: " + bug, bug);
                }
                stopped = true;
                retire();
                notifyAll();
            }
        }
    }

    private void drainReady() {
        Thread me = Thread.currentThread();
        int id;
        synchronized (this) {
            if (stopped || !state.hasReady()) {
                retire();
                return;
            }
            id = state.pop();
            running.add(me);
        }
        while (true) {
            Object result = null;
            RuntimeException error = null;
            try {
                result = TaskRunner.run(state.task(id), this::resultOf, info, callback);
            } catch (RuntimeException e) {
                error = e;
            } catch (Error e) {
                error = new TaskFailedException(state.task(id).key(), e);
            }
            synchronized (this) {
                running.remove(me);
                if (stopped) {
                    retire();
                    Thread.interrupted(); // clear an interrupt meant for the cancelled task
                    return;
                }
                if (error != null) {
                    failure = error;
                    stopped = true;
                    retire();
                    notifyAll();
                    return;
                }
                state.finish(id, result);
                if (state.done()) {
                    retire();
                    notifyAll();
                    return;
                }
                if (!state.hasReady()) {
                    retire();
                    return;
                }
                id = state.pop();
                running.add(me);
                int extra = Math.min(threads - drainers, state.readyCount());
                if (extra > 0) {
                    spawn(extra);
                }
            }
        }
    }

    /**
     * A dependency's result, read without the lock: it was written (under the lock) before this
     * task became ready, and it is released only after this task has finished.
     */
    private Object resultOf(io.jdask.graph.Key key) {
        return state.result(key);
    }

    /** Call with the lock held. */
    private void retire() {
        drainers--;
        if (drainers == 0) {
            notifyAll();
        }
    }
}
