package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.worker.state.WorkerEvent;
import io.jdask.distributed.worker.state.WorkerInstruction;
import io.jdask.graph.Alias;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Runs tasks on the worker's own task threads: reads the task from its payload, its dependencies
 * from the data store, stores the result and hands the outcome to {@code finished} on the task
 * thread itself (the worker feeds it to its state machine there when it can, so that the next
 * ready task comes back to this queue and is taken without the thread parking).
 *
 * <p>No {@code Future} per task: a task thread records the key it runs, and {@link #interrupt}
 * interrupts that thread while it still runs that key (checked and cleared under one lock, so an
 * interrupt never reaches the thread after its task ended). A task interrupted before a thread took
 * it is not run; it ends as a failure ({@link InterruptedException}) like an interrupted run.
 */
final class TaskRunner {
    private final DataStore store;
    private final TaskCodec codec;
    private final Consumer<WorkerEvent> finished;
    private final AtomicInteger executing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final ArrayDeque<WorkerInstruction.Execute> queue = new ArrayDeque<>();
    /** Queued keys interrupted before a thread took them. */
    private final Set<Key> cancelledQueued = new HashSet<>();
    private final Thread[] threads;
    /** The key each thread runs, null between tasks (guarded by {@code lock}). */
    private final Key[] current;
    private int idle;
    private volatile boolean closed;

    /**
     * @param finished called on the task thread with each task's outcome, after the thread is
     *     clear of the task (its interrupt status cleared, the {@code executing} count lowered)
     */
    TaskRunner(int nthreads, DataStore store, TaskCodec codec, Consumer<WorkerEvent> finished, AtomicInteger executing, String name) {
        this.store = store;
        this.codec = codec;
        this.finished = finished;
        this.executing = executing;
        this.threads = new Thread[nthreads];
        this.current = new Key[nthreads];
        for (int i = 0; i < nthreads; i++) {
            int slot = i;
            Thread t = new Thread(() -> work(slot), "jdask-worker-task-" + (i + 1));
            t.setDaemon(true);
            threads[i] = t;
        }
        for (Thread t : threads) {
            t.start();
        }
    }

    void execute(WorkerInstruction.Execute e) {
        executing.incrementAndGet();
        lock.lock();
        try {
            queue.addLast(e);
            if (idle > 0) {
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    void interrupt(Key key) {
        lock.lock();
        try {
            for (int i = 0; i < current.length; i++) {
                if (key.equals(current[i])) {
                    threads[i].interrupt();
                    return;
                }
            }
            for (WorkerInstruction.Execute e : queue) {
                if (e.key().equals(key)) {
                    cancelledQueued.add(key);
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void work(int slot) {
        while (true) {
            WorkerInstruction.Execute e;
            boolean cancelled;
            lock.lock();
            try {
                while (queue.isEmpty() && !closed) {
                    idle++;
                    try {
                        work.await();
                    } catch (InterruptedException stray) {
                        // an interrupt meant for an ended task, or close: the loop condition decides
                    } finally {
                        idle--;
                    }
                }
                if (closed) {
                    return;
                }
                e = queue.pollFirst();
                cancelled = !cancelledQueued.isEmpty() && cancelledQueued.remove(e.key());
                if (!cancelled) {
                    current[slot] = e.key();
                }
            } finally {
                lock.unlock();
            }
            WorkerEvent outcome = cancelled
                    ? new WorkerEvent.ExecuteFailure(e.key(), errorInfo(new InterruptedException("cancelled before it started"), codec, e.key()), 0,
                            e.stimulusId())
                    : run(e);
            lock.lock();
            try {
                current[slot] = null;
                Thread.interrupted(); // a cancellation that came too late must not leak into the next task
            } finally {
                lock.unlock();
            }
            executing.decrementAndGet();
            if (closed) {
                return;
            }
            finished.accept(outcome);
        }
    }

    private WorkerEvent run(WorkerInstruction.Execute e) {
        long start = System.nanoTime();
        try {
            Node node = codec.readTask(e.key(), e.payload());
            Object value = codec.run(e.key(), () -> compute(node));
            long nbytes = codec.sizeOf(e.key(), value);
            store.put(e.key(), value, nbytes, codec.storeSerialization(e.key()));
            return new WorkerEvent.ExecuteSuccess(e.key(), nbytes, value == null ? "null" : value.getClass().getName(), System.nanoTime() - start,
                    e.stimulusId());
        } catch (Throwable t) {
            return new WorkerEvent.ExecuteFailure(e.key(), errorInfo(t, codec, e.key()), System.nanoTime() - start, e.stimulusId());
        }
    }

    private Object compute(Node node) throws Exception {
        return switch (node) {
            case Task t -> t.run(store::get);
            case Literal l -> l.value();
            case Alias a -> store.get(a.target());
        };
    }

    /** A failure as it travels: readable text, and the exception itself when it serializes (for the task {@code key}, or null). */
    static ErrorInfo errorInfo(Throwable t, TaskCodec codec, Key key) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        Payload serialized;
        try {
            serialized = key == null ? codec.writeValue(t) : codec.writeValue(key, t);
        } catch (RuntimeException | LinkageError notSerializable) {
            serialized = Payload.EMPTY;
        }
        return new ErrorInfo(t.getClass().getName(), t.getMessage(), trace.toString(), serialized);
    }

    /** Stops the task threads: running tasks are interrupted, queued ones dropped. */
    void close() {
        lock.lock();
        try {
            closed = true;
            queue.clear();
            work.signalAll();
            for (Thread t : threads) {
                t.interrupt();
            }
        } finally {
            lock.unlock();
        }
    }
}
