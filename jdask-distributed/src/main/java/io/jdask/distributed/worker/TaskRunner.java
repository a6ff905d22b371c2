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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs tasks on the worker's thread pool: reads the task from its payload, its dependencies from
 * the data store, stores the result and reports the outcome to the event loop.
 */
final class TaskRunner {
    private final ExecutorService pool;
    private final DataStore store;
    private final TaskCodec codec;
    private final LinkedBlockingQueue<Runnable> inbox;
    private final Consumer<WorkerEvent> handle;
    private final AtomicInteger executing;
    private final Map<Key, Future<?>> running = new ConcurrentHashMap<>();

    TaskRunner(int nthreads, DataStore store, TaskCodec codec, LinkedBlockingQueue<Runnable> inbox, Consumer<WorkerEvent> handle,
            AtomicInteger executing, String name) {
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(nthreads, r -> {
            Thread t = new Thread(r, "jdask-worker-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.store = store;
        this.codec = codec;
        this.inbox = inbox;
        this.handle = handle;
        this.executing = executing;
    }

    void execute(WorkerInstruction.Execute e) {
        executing.incrementAndGet();
        running.put(e.key(), pool.submit(() -> run(e)));
    }

    void interrupt(Key key) {
        Future<?> f = running.get(key);
        if (f != null) {
            f.cancel(true);
        }
    }

    private void run(WorkerInstruction.Execute e) {
        long start = System.nanoTime();
        WorkerEvent outcome;
        try {
            Node node = codec.readTask(e.key(), e.payload());
            Object value = codec.run(e.key(), () -> compute(node));
            long nbytes = codec.sizeOf(e.key(), value);
            store.put(e.key(), value, nbytes, codec.storeSerialization(e.key()));
            outcome = new WorkerEvent.ExecuteSuccess(e.key(), nbytes, value == null ? "null" : value.getClass().getName(), System.nanoTime() - start, e.stimulusId());
        } catch (Throwable t) {
            outcome = new WorkerEvent.ExecuteFailure(e.key(), errorInfo(t, codec, e.key()), System.nanoTime() - start, e.stimulusId());
        } finally {
            executing.decrementAndGet();
        }
        running.remove(e.key());
        Thread.interrupted(); // a cancellation that came too late must not leak into the next task
        WorkerEvent event = outcome;
        inbox.add(() -> handle.accept(event));
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

    void close() {
        pool.shutdownNow();
    }
}
