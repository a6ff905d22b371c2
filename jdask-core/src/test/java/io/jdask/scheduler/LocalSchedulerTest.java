package io.jdask.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.Callbacks;
import io.jdask.diagnostics.RunInfo;
import io.jdask.diagnostics.TaskEvent;
import io.jdask.diagnostics.TaskStart;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class LocalSchedulerTest {

    static List<Long> seeds() {
        List<Long> s = new ArrayList<>();
        for (long i = 0; i < 300; i++) {
            s.add(i * 7919 + 13);
        }
        return s;
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    void threadedEqualsSyncEqualsNaiveOnRandomDags(long seed) throws Exception {
        TaskGraph g = RandomDags.generate(seed, 20 + (int) (seed % 200));
        List<Key> outputs = RandomDags.sinks(g);
        Map<Key, Object> expected = RandomDags.evaluate(g);
        List<Object> sync = Schedulers.sync().compute(g, outputs, Callbacks.NONE);
        List<Object> threaded = Schedulers.threaded(2).compute(g, outputs, Callbacks.NONE);
        List<Object> four = Schedulers.threaded(4).compute(g, outputs, Callbacks.NONE);
        List<Object> naive = outputs.stream().map(expected::get).toList();
        assertThat(sync).isEqualTo(naive);
        assertThat(threaded).isEqualTo(naive);
        assertThat(four).isEqualTo(naive);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sync", "threads"})
    void aFailingTaskIsReportedByKeyAndStopsPendingWork(String scheduler) {
        AtomicInteger ranAfter = new AtomicInteger();
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Literal(Key.of("x"), 1));
        nodes.add(new Task(Key.of("boom-1"), a -> {
            throw new IllegalStateException("bad value " + a[0]);
        }, Arg.ref(Key.of("x"))));
        nodes.add(new Task(Key.of("after"), a -> ranAfter.incrementAndGet(), Arg.ref(Key.of("boom-1"))));
        TaskGraph g = TaskGraph.of(nodes);
        assertThatThrownBy(() -> Schedulers.byName(scheduler).compute(g, List.of(Key.of("after")), Callbacks.NONE))
                .isInstanceOf(TaskFailedException.class)
                .hasMessageContaining("boom-1")
                .hasMessageContaining("bad value 1")
                .satisfies(e -> assertThat(((TaskFailedException) e).key()).isEqualTo(Key.of("boom-1")))
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(ranAfter.get()).isZero();
    }

    @Test
    void afterAFailureNoNewTaskStarts() throws Exception {
        // one failing root among many slow independent roots: at most the tasks already running finish
        AtomicInteger started = new AtomicInteger();
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Task(Key.of("fail"), a -> {
            throw new IllegalArgumentException("nope");
        }));
        List<Key> outs = new ArrayList<>();
        outs.add(Key.of("fail"));
        for (int i = 0; i < 200; i++) {
            Key k = Key.of("slow", i);
            outs.add(k);
            nodes.add(new Task(k, a -> {
                started.incrementAndGet();
                Thread.sleep(5);
                return 1;
            }));
        }
        TaskGraph g = TaskGraph.of(nodes);
        assertThatThrownBy(() -> Schedulers.threaded(2).compute(g, outs, Callbacks.NONE))
                .isInstanceOf(TaskFailedException.class);
        Thread.sleep(50);
        assertThat(started.get()).isLessThan(200);
    }

    @Test
    void interruptingTheCallerCancelsTheRun() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger interruptedTasks = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        List<Node> nodes = new ArrayList<>();
        List<Key> outs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Key k = Key.of("sleepy", i);
            outs.add(k);
            nodes.add(new Task(k, a -> {
                running.countDown();
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    interruptedTasks.incrementAndGet();
                    throw e;
                }
                return finished.incrementAndGet();
            }));
        }
        TaskGraph g = TaskGraph.of(nodes);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Boolean> interruptFlag = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Schedulers.threaded(2).compute(g, outs, Callbacks.NONE);
            } catch (Throwable t) {
                thrown.set(t);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        caller.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(ComputeCancelledException.class).hasMessageContaining("cancelled");
        assertThat(interruptFlag.get()).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (interruptedTasks.get() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(interruptedTasks.get()).isGreaterThanOrEqualTo(1);
        assertThat(finished.get()).isZero();
    }

    @Test
    void syncSchedulerStopsWhenItsThreadIsInterrupted() {
        AtomicInteger ran = new AtomicInteger();
        List<Node> nodes = new ArrayList<>();
        List<Key> outs = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Key k = Key.of("t", i);
            outs.add(k);
            nodes.add(new Task(k, a -> {
                if (ran.incrementAndGet() == 3) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            }));
        }
        assertThatThrownBy(() -> Schedulers.sync().compute(TaskGraph.of(nodes), outs, Callbacks.NONE))
                .isInstanceOf(ComputeCancelledException.class);
        assertThat(Thread.interrupted()).isTrue();
        assertThat(ran.get()).isEqualTo(3);
    }

    @Test
    void callbacksSeeEveryTaskOnce() {
        TaskGraph g = RandomDags.generate(42, 300);
        List<Key> outs = RandomDags.sinks(g);
        Map<Key, Integer> starts = new ConcurrentHashMap<>();
        Map<Key, Integer> finishes = new ConcurrentHashMap<>();
        List<String> lifecycle = Collections.synchronizedList(new ArrayList<>());
        Callback cb = new Callback() {
            @Override
            public void onStart(RunInfo run) {
                lifecycle.add("start " + run.scheduler() + " " + run.taskCount());
            }

            @Override
            public void onTaskStart(RunInfo run, TaskStart task) {
                starts.merge(task.key(), 1, Integer::sum);
            }

            @Override
            public void onTaskFinish(RunInfo run, TaskEvent event) {
                assertThat(event.endNanos()).isGreaterThanOrEqualTo(event.startNanos());
                finishes.merge(event.key(), 1, Integer::sum);
            }

            @Override
            public void onFinish(RunInfo run, Throwable error) {
                lifecycle.add("finish " + error);
            }
        };
        Schedulers.threaded(2).compute(g, outs, cb);
        long tasks = g.nodes().values().stream().filter(n -> n instanceof Task).count();
        assertThat(starts).hasSize((int) tasks).allSatisfy((k, v) -> assertThat(v).isEqualTo(1));
        assertThat(finishes).isEqualTo(starts);
        assertThat(lifecycle).containsExactly("start threads " + g.size(), "finish null");
    }

    @Test
    void anErrorOutsideTheTasksEndsTheRunInsteadOfHangingIt() {
        TaskGraph g = RandomDags.generate(7, 100);
        Callback broken = new Callback() {
            @Override
            public void onTaskFinish(RunInfo run, TaskEvent event) {
                throw new AssertionError("callback bug");
            }
        };
        assertThatThrownBy(() -> Schedulers.threaded(2).compute(g, RandomDags.sinks(g), broken))
                .hasMessageContaining("callback bug");
        // the pool still works afterwards
        assertThat(Schedulers.threaded(2).compute(g, RandomDags.sinks(g), Callbacks.NONE)).isNotEmpty();
    }

    @Test
    void intermediateResultsAreReleasedWhenNoLongerNeeded() {
        // a chain of 1,000 tasks: while it runs, at most a couple of results are held
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Literal(Key.of("c", 0), 0L));
        for (int i = 1; i < 1000; i++) {
            nodes.add(new Task(Key.of("c", i), a -> (Long) a[0] + 1, Arg.ref(Key.of("c", i - 1))));
        }
        var idx = TaskGraph.of(nodes).index();
        int[] priority = io.jdask.optimize.Order.order(idx);
        ExecutionState st = new ExecutionState(idx, priority, List.of(Key.of("c", 999)));
        int maxHeld = 0;
        while (st.hasReady()) {
            int id = st.pop();
            Task t = st.task(id);
            try {
                st.finish(id, t.run(st::result));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            maxHeld = Math.max(maxHeld, st.held());
        }
        assertThat(st.done()).isTrue();
        assertThat(maxHeld).isLessThanOrEqualTo(2);
        assertThat(st.released()).isGreaterThanOrEqualTo(998);
        assertThat(st.outputs()).containsExactly(999L);
    }

    @Test
    void nestedComputeInsideATaskRunsWithoutDeadlock() {
        Scheduler threads = Schedulers.threaded(1);
        TaskGraph inner = TaskGraph.of(List.of(new Literal(Key.of("i"), 20),
                new Task(Key.of("j"), a -> (Integer) a[0] + 1, Arg.ref(Key.of("i")))));
        TaskGraph outer = TaskGraph.of(List.of(new Task(Key.of("outer"),
                a -> threads.compute(inner, List.of(Key.of("j")), Callbacks.NONE).get(0))));
        assertThat(threads.compute(outer, List.of(Key.of("outer")), Callbacks.NONE)).containsExactly(21);
    }

    @Test
    void schedulerChoiceIsScopedAndByName() {
        assertThat(Schedulers.current().name()).isEqualTo("threads");
        try (var s = Schedulers.use(Schedulers.sync())) {
            assertThat(Schedulers.current().name()).isEqualTo("sync");
            try (var t = Schedulers.use(Schedulers.threaded(3))) {
                assertThat(Schedulers.current().name()).isEqualTo("threads");
            }
            assertThat(Schedulers.current().name()).isEqualTo("sync");
        }
        assertThat(Schedulers.byName("synchronous")).isSameAs(Schedulers.sync());
        assertThatThrownBy(() -> Schedulers.byName("mystery"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mystery");
        assertThatThrownBy(() -> Schedulers.threaded(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void literalsAndAliasesCompleteWithoutTasks() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(Key.of("a"), 5),
                new io.jdask.graph.Alias(Key.of("b"), Key.of("a")),
                new Task(Key.of("c"), x -> (Integer) x[0] * 2, Arg.ref(Key.of("b"))),
                new io.jdask.graph.Alias(Key.of("d"), Key.of("c"))));
        for (Scheduler s : List.of(Schedulers.sync(), Schedulers.threaded(2))) {
            assertThat(s.compute(g, List.of(Key.of("d"), Key.of("b")), Callbacks.NONE)).containsExactly(10, 5);
        }
    }
}
