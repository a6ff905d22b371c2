package io.jdask.distributed.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.worker.state.WorkerEvent;
import io.jdask.distributed.worker.state.WorkerInstruction;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The task threads: outcomes, interrupts of running and of queued tasks, no interrupt leaking into the next task. */
class TaskRunnerTest {
    /** Tasks by key: the payload is ignored, the test registers each key's function. */
    private static final class Codec implements TaskCodec {
        final Map<Key, TaskFunction> functions = new ConcurrentHashMap<>();

        @Override
        public Node readTask(Payload payload) {
            throw new UnsupportedOperationException("keyed reads only");
        }

        @Override
        public Node readTask(Key key, Payload payload) {
            return new Task(key, functions.get(key), new Arg[0]);
        }

        @Override
        public Object readValue(Payload payload) {
            return TaskCodec.standard().readValue(payload);
        }

        @Override
        public Payload writeValue(Object value) {
            return TaskCodec.standard().writeValue(value);
        }

        @Override
        public long sizeOf(Object value) {
            return 8;
        }
    }

    private final Codec codec = new Codec();
    private final MemoryStore store = new MemoryStore();
    private final LinkedBlockingQueue<WorkerEvent> outcomes = new LinkedBlockingQueue<>();
    private final AtomicInteger executing = new AtomicInteger();

    private static WorkerInstruction.Execute execute(String key) {
        return new WorkerInstruction.Execute(Key.of(key), Payload.EMPTY, List.of(), "test");
    }

    private WorkerEvent next() throws InterruptedException {
        WorkerEvent e = outcomes.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no outcome within 10 s");
        return e;
    }

    @Test
    void runsTasksInOrderAndStoresTheirValues() throws Exception {
        TaskRunner runner = new TaskRunner(1, store, codec, outcomes::add, executing, "w");
        try {
            for (int i = 0; i < 100; i++) {
                int v = i;
                codec.functions.put(Key.of("t" + i), args -> v * 2);
                runner.execute(execute("t" + i));
            }
            for (int i = 0; i < 100; i++) {
                WorkerEvent.ExecuteSuccess s = assertInstanceOf(WorkerEvent.ExecuteSuccess.class, next());
                assertEquals(Key.of("t" + i), s.key());
                assertEquals(i * 2, store.get(s.key()));
            }
            assertEquals(0, executing.get());
        } finally {
            runner.close();
        }
    }

    @Test
    void interruptStopsTheRunningTaskAndNotTheNext() throws Exception {
        TaskRunner runner = new TaskRunner(1, store, codec, outcomes::add, executing, "w");
        CountDownLatch started = new CountDownLatch(1);
        try {
            codec.functions.put(Key.of("slow"), args -> {
                started.countDown();
                Thread.sleep(60_000);
                return "never";
            });
            codec.functions.put(Key.of("after"), args -> {
                Thread.sleep(50); // would throw if the interrupt leaked into this task
                return Thread.currentThread().isInterrupted();
            });
            runner.execute(execute("slow"));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            runner.interrupt(Key.of("slow"));
            runner.interrupt(Key.of("slow")); // a second, late interrupt finds nothing to interrupt
            WorkerEvent.ExecuteFailure f = assertInstanceOf(WorkerEvent.ExecuteFailure.class, next());
            assertEquals(Key.of("slow"), f.key());
            assertEquals(InterruptedException.class.getName(), f.error().exceptionType());
            runner.execute(execute("after"));
            WorkerEvent.ExecuteSuccess s = assertInstanceOf(WorkerEvent.ExecuteSuccess.class, next());
            assertEquals(false, store.get(s.key()));
        } finally {
            runner.close();
        }
    }

    @Test
    void aTaskInterruptedBeforeItStartsEndsAsAFailureWithoutRunning() throws Exception {
        TaskRunner runner = new TaskRunner(1, store, codec, outcomes::add, executing, "w");
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger queuedRuns = new AtomicInteger();
        try {
            codec.functions.put(Key.of("blocker"), args -> {
                release.await();
                return 1;
            });
            codec.functions.put(Key.of("queued"), args -> queuedRuns.incrementAndGet());
            runner.execute(execute("blocker"));
            runner.execute(execute("queued"));
            runner.interrupt(Key.of("queued"));
            release.countDown();
            List<WorkerEvent> got = new ArrayList<>(List.of(next(), next()));
            WorkerEvent.ExecuteSuccess s = assertInstanceOf(WorkerEvent.ExecuteSuccess.class, got.get(0));
            assertEquals(Key.of("blocker"), s.key());
            WorkerEvent.ExecuteFailure f = assertInstanceOf(WorkerEvent.ExecuteFailure.class, got.get(1));
            assertEquals(Key.of("queued"), f.key());
            assertEquals(InterruptedException.class.getName(), f.error().exceptionType());
            assertEquals(0, queuedRuns.get());
            assertFalse(store.contains(Key.of("queued")));
            assertEquals(0, executing.get());
        } finally {
            runner.close();
        }
    }

    @Test
    void tasksRunOnSeveralThreadsAtOnce() throws Exception {
        TaskRunner runner = new TaskRunner(3, store, codec, outcomes::add, executing, "w");
        CountDownLatch all = new CountDownLatch(3);
        try {
            for (int i = 0; i < 3; i++) {
                codec.functions.put(Key.of("p" + i), args -> {
                    all.countDown();
                    return all.await(10, TimeUnit.SECONDS); // true only when all three run together
                });
                runner.execute(execute("p" + i));
            }
            for (int i = 0; i < 3; i++) {
                WorkerEvent.ExecuteSuccess s = assertInstanceOf(WorkerEvent.ExecuteSuccess.class, next());
                assertEquals(true, store.get(s.key()));
            }
        } finally {
            runner.close();
        }
    }
}
