package io.jdask.distributed.scheduler.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.WorkerInfo;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskGraphView;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.graph.Key;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The monitor fed by a real {@link SchedulerState} and direct plugin calls, without a network. */
class MonitorTest {
    static final String A = "tcp://a:1";
    static final String B = "tcp://b:1";
    static final long MS = 1_000_000;

    final AtomicLong clock = new AtomicLong(1_000 * MS);
    final SchedulerState state = new SchedulerState(SchedulerConfig.defaults().withValidate(true).withWorkStealing(false), clock::get);
    int stimuli;

    ClusterMonitor monitor(ClusterMonitor.Builder b) {
        return b.build(); // it reads the state's counts: no transition listener
    }

    String sid() {
        return "s" + (++stimuli);
    }

    void addWorker(ClusterMonitor m, String address, int nthreads) {
        m.workerAdded(new WorkerInfo(address, address.substring(6, 7), nthreads, 1_000_000, Map.of(), WorkerStatus.RUNNING, WorkerMetrics.NONE));
        state.handle(new SchedulerEvent.AddWorker(address, address.substring(6, 7), nthreads, 1_000_000, Map.of(), sid()));
    }

    static TaskSpec spec(String name, int order, String... deps) {
        return TaskSpec.of(Key.of(name), Payload.wrap(name.getBytes(StandardCharsets.UTF_8)), Arrays.stream(deps).map(Key::of).toList(), order);
    }

    void submit(List<TaskSpec> tasks, String... wanted) {
        state.handle(new SchedulerEvent.UpdateGraph("client-1", tasks, Arrays.stream(wanted).map(Key::of).toList(), sid()));
    }

    void finish(ClusterMonitor m, String worker, String key, long nbytes, long durationNanos) {
        clock.addAndGet(durationNanos);
        m.taskFinished(worker, Key.of(key), nbytes, durationNanos, clock.get());
        state.handle(new SchedulerEvent.TaskFinished(worker, Key.of(key), nbytes, "java.lang.Integer", durationNanos, Long.MAX_VALUE, sid()));
    }

    ClusterSnapshot publish(ClusterMonitor m) {
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        m.afterBatch(state, clock.get());
        return m.snapshot();
    }

    static PrefixProgress progress(ClusterSnapshot s, String prefix) {
        return s.prefixes().stream().filter(p -> p.prefix().equals(prefix)).findFirst().orElseThrow();
    }

    @Test
    void progressPerPrefixFollowsTheTasks() {
        ClusterMonitor m = monitor(ClusterMonitor.builder());
        addWorker(m, A, 1);
        List<TaskSpec> tasks = new ArrayList<>();
        List<String> wanted = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(spec("load-" + i, i));
            tasks.add(spec("sum-" + i, 3 + i, "load-" + i));
            wanted.add("sum-" + i);
        }
        submit(tasks, wanted.toArray(String[]::new));
        ClusterSnapshot s = publish(m);
        // what the state says runs and waits in its queue, the sums wait for their loads
        int running = state.processing(A).size();
        assertThat(running).isPositive();
        assertThat(progress(s, "load")).isEqualTo(new PrefixProgress("load", 0, state.queuedKeys().size(), running, 0, 0, 0, -1));
        assertThat(running + state.queuedKeys().size()).isEqualTo(3);
        assertThat(progress(s, "sum")).isEqualTo(new PrefixProgress("sum", 3, 0, 0, 0, 0, 0, -1));
        assertThat(s.workers()).singleElement().satisfies(w -> {
            assertThat(w.address()).isEqualTo(A);
            assertThat(w.processing()).isEqualTo(running);
        });

        String first = state.processing(A).getFirst().name();
        finish(m, A, first, 100, 2 * MS);
        s = publish(m);
        PrefixProgress load = progress(s, "load");
        assertThat(load.finished()).isEqualTo(1);
        assertThat(load.memory()).isEqualTo(1);
        assertThat(load.meanMillis()).isEqualTo(2.0);
        assertThat(load.total()).isEqualTo(3);
        assertThat(s.taskStream()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(Key.of(first));
            assertThat(e.prefix()).isEqualTo("load");
            assertThat(e.kind()).isEqualTo(TaskStreamEntry.Kind.COMPUTE);
            assertThat(e.stopMillis() - e.startMillis()).isEqualTo(2);
            assertThat(e.seq()).isEqualTo(1);
        });
        assertThat(s.workers().getFirst().tasksFinished()).isEqualTo(1);
        assertThat(s.totals().tasks()).isEqualTo(6);
    }

    void release(String... keys) {
        state.handle(new SchedulerEvent.ReleaseKeys("client-1", Arrays.stream(keys).map(Key::of).toList(), sid()));
    }

    @Test
    void aNewComputationOfAPrefixRestartsItsProgressAndTransitionsArePublished() {
        ClusterMonitor m = monitor(ClusterMonitor.builder());
        addWorker(m, A, 1);
        submit(List.of(spec("inc-1", 0)), "inc-1");
        finish(m, A, "inc-1", 8, MS);
        ClusterSnapshot s = publish(m);
        assertThat(progress(s, "inc")).isEqualTo(new PrefixProgress("inc", 0, 0, 0, 1, 0, 1, 1.0));
        release("inc-1");
        s = publish(m);
        assertThat(s.totals().transitions()).isEqualTo(state.transitionCount()).isEqualTo(5);
        assertThat(progress(s, "inc")).isEqualTo(new PrefixProgress("inc", 0, 0, 0, 0, 0, 1, 1.0)); // done and gone, still shown
        long v = s.version();
        assertThat(publish(m).version()).isEqualTo(v);

        submit(List.of(spec("inc-2", 0), spec("inc-3", 1)), "inc-2", "inc-3");
        s = publish(m);
        assertThat(s.version()).isEqualTo(v + 1); // tasks moved: a new snapshot
        assertThat(progress(s, "inc")).isEqualTo(new PrefixProgress("inc", 0, 0, 2, 0, 0, 0, 1.0)); // two slots on one thread
        assertThat(progress(s, "inc").total()).isEqualTo(2);
    }

    @Test
    void onlyTheLatestIdlePrefixesAreShownAndTheLastBarsSurviveTheClose() {
        ClusterMonitor m = monitor(ClusterMonitor.builder());
        addWorker(m, A, 1);
        submit(List.of(spec("kept-0", 0)), "kept-0"); // stays processing: live through all below
        for (int i = 0; i < 105; i++) {
            String key = "p" + i + "-1";
            submit(List.of(spec(key, i)), key);
            finish(m, A, key, 8, MS);
            release(key);
        }
        submit(List.of(spec("never-1", 0, "missing")), "never-1"); // erred at once, still live (erred)
        ClusterSnapshot s = publish(m);
        List<String> shown = s.prefixes().stream().map(PrefixProgress::prefix).toList();
        List<String> expected = new ArrayList<>(List.of("kept"));
        for (int i = 5; i < 105; i++) {
            expected.add("p" + i); // the 100 idle ones that set out last, in order of first appearance
        }
        expected.add("never");
        assertThat(shown).isEqualTo(expected);
        assertThat(progress(s, "kept").processing()).isEqualTo(1);
        assertThat(progress(s, "never").erred()).isEqualTo(1);

        // an old idle prefix that sets out again is shown again, live, then as the latest idle one
        submit(List.of(spec("p0-2", 0)), "p0-2");
        assertThat(publish(m).prefixes()).extracting(PrefixProgress::prefix).contains("p0", "p5").hasSize(103);
        finish(m, A, "p0-2", 8, MS);
        release("p0-2");
        s = publish(m);
        assertThat(s.prefixes()).extracting(PrefixProgress::prefix).contains("p0", "p6").doesNotContain("p5").hasSize(102);
        assertThat(progress(s, "p0").finished()).isEqualTo(1);

        m.closed();
        assertThat(m.snapshot().prefixes()).isEqualTo(s.prefixes());
        assertThat(m.snapshot().totals().transitions()).isEqualTo(s.totals().transitions());
    }

    @Test
    void theTaskStreamKeepsOnlyTheLatestEntries() {
        ClusterMonitor m = monitor(ClusterMonitor.builder().taskStreamCapacity(3));
        addWorker(m, A, 1);
        for (int i = 0; i < 5; i++) {
            m.taskFinished(A, Key.of("t-" + i), 8, MS, clock.addAndGet(MS));
        }
        ClusterSnapshot s = publish(m);
        assertThat(s.taskStream()).extracting(TaskStreamEntry::seq).containsExactly(3L, 4L, 5L);
        assertThat(s.taskStream()).extracting(e -> e.key().name()).containsExactly("t-2", "t-3", "t-4");
        assertThat(s.totals().tasksFinished()).isEqualTo(5);
    }

    @Test
    void snapshotsArePublishedAtMostOncePerInterval() {
        ClusterMonitor m = monitor(ClusterMonitor.builder().publishInterval(Duration.ofMillis(100)));
        addWorker(m, A, 1);
        m.afterBatch(state, clock.get());
        long v = m.snapshot().version();
        m.heartbeat(A, WorkerMetrics.of(12345, 1), clock.get());
        m.afterBatch(state, clock.addAndGet(50 * MS));
        assertThat(m.snapshot().version()).isEqualTo(v);
        assertThat(m.snapshot().workers().getFirst().memoryBytes()).isZero();
        m.afterBatch(state, clock.addAndGet(50 * MS));
        assertThat(m.snapshot().version()).isEqualTo(v + 1);
        assertThat(m.snapshot().workers().getFirst().memoryBytes()).isEqualTo(12345);
        assertThat(m.snapshot().workers().getFirst().executing()).isEqualTo(1);
    }

    @Test
    void failuresTransfersAndLeavingWorkersAreRecorded() {
        ClusterMonitor m = monitor(ClusterMonitor.builder());
        addWorker(m, A, 1);
        addWorker(m, B, 1);
        submit(List.of(spec("bad", 0)), "bad");
        String on = state.processingOn(Key.of("bad")).orElseThrow();
        m.taskErred(on, Key.of("bad"), "java.lang.ArithmeticException", 3 * MS, clock.addAndGet(3 * MS));
        state.handle(new SchedulerEvent.TaskErred(on, Key.of("bad"), ErrorInfo.of("java.lang.ArithmeticException", "/ by zero"), 3 * MS,
                Long.MAX_VALUE, sid()));
        m.replicasAdded(B, Map.of(Key.of("x"), 4096L), clock.get());
        m.workerRemoved(A, "connection closed");
        state.handle(new SchedulerEvent.RemoveWorker(A, "connection closed", sid()));
        ClusterSnapshot s = publish(m);
        assertThat(progress(s, "bad").erred()).isEqualTo(1);
        assertThat(s.taskStream()).extracting(TaskStreamEntry::kind).containsExactly(TaskStreamEntry.Kind.ERROR, TaskStreamEntry.Kind.TRANSFER);
        assertThat(s.totals().bytesTransferred()).isEqualTo(4096);
        assertThat(s.totals().workersLeft()).isEqualTo(1);
        assertThat(s.workers()).extracting(WorkerSnapshot::address).containsExactly(B);
        assertThat(s.events()).anyMatch(e -> e.contains("bad") && e.contains("ArithmeticException"));
        assertThat(s.events()).anyMatch(e -> e.contains("left: connection closed"));
    }

    @Test
    void theGraphComesOnlyWhenWantedAndIsGroupedWhenBig() {
        ClusterMonitor m = monitor(ClusterMonitor.builder().graphMaxTasks(4));
        addWorker(m, A, 2);
        submit(List.of(spec("a-1", 0), spec("b-1", 1, "a-1")), "b-1");
        assertThat(publish(m).graph()).isEmpty();
        m.wantGraph();
        TaskGraphView g = publish(m).graph().orElseThrow();
        assertThat(g.grouped()).isFalse();
        assertThat(g.nodes()).extracting(TaskGraphView.Node::id).containsExactlyInAnyOrder("a-1", "b-1");
        assertThat(g.edges()).containsExactly(new TaskGraphView.Edge("a-1", "b-1"));
        assertThat(g.nodes()).filteredOn(n -> n.id().equals("a-1")).singleElement()
                .satisfies(n -> assertThat(n.states()).isEqualTo(Map.of(TaskState.PROCESSING, 1)));

        submit(List.of(spec("a-2", 2), spec("a-3", 3), spec("b-2", 4, "a-2", "a-3")), "b-2");
        m.wantGraph();
        g = publish(m).graph().orElseThrow();
        assertThat(g.grouped()).isTrue();
        assertThat(g.taskCount()).isEqualTo(5);
        assertThat(g.nodes()).extracting(TaskGraphView.Node::id).containsExactly("a", "b");
        assertThat(g.edges()).containsExactly(new TaskGraphView.Edge("a", "b"));
        int aTasks = g.nodes().getFirst().states().values().stream().mapToInt(Integer::intValue).sum();
        assertThat(aTasks).isEqualTo(3);
        // the lease (5 s by default) runs out without a new request
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(publish(m).graph()).isEmpty();
    }

    @Test
    void heartbeatsGiveTrafficRatesCpuAndSpillMarks() {
        ClusterMonitor m = monitor(ClusterMonitor.builder());
        addWorker(m, A, 1);
        m.heartbeat(A, new WorkerMetrics(100, 1, 0, 40.0, 1_000, 500, 0, 0, 0), clock.get());
        // one second later: 3 values (3,000 bytes) spilled and 1 read back, 2,000 bytes sent, 1,000 received since the first
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        m.heartbeat(A, new WorkerMetrics(200, 0, 3_000, 75.5, 3_000, 1_500, 3, 3_000, 1), clock.get());
        ClusterSnapshot s = publish(m);
        WorkerSnapshot w = s.workers().getFirst();
        assertThat(w.memoryBytes()).isEqualTo(200);
        assertThat(w.spilledBytes()).isEqualTo(3_000);
        assertThat(w.metrics().cpuPercent()).isEqualTo(75.5);
        assertThat(w.bytesSent()).isEqualTo(3_000);
        assertThat(w.bytesReceived()).isEqualTo(1_500);
        assertThat(w.sendRate()).isEqualTo(2_000.0);
        assertThat(w.receiveRate()).isEqualTo(1_000.0);
        assertThat(s.taskStream()).extracting(TaskStreamEntry::kind).containsExactly(TaskStreamEntry.Kind.SPILL, TaskStreamEntry.Kind.UNSPILL);
        TaskStreamEntry spill = s.taskStream().getFirst();
        assertThat(spill.count()).isEqualTo(3);
        assertThat(spill.nbytes()).isEqualTo(3_000);
        assertThat(spill.stopMillis() - spill.startMillis()).isEqualTo(1_000);
        assertThat(spill.worker()).isEqualTo(A);
        assertThat(s.taskStream().get(1).count()).isEqualTo(1);
        // nothing more spilled: no new mark, and the rates fall to what moved since (2 s: publish() moved the clock by 1 s)
        clock.addAndGet(Duration.ofSeconds(1).toNanos());
        m.heartbeat(A, new WorkerMetrics(200, 0, 3_000, 1.0, 3_000, 2_500, 3, 3_000, 1), clock.get());
        s = publish(m);
        assertThat(s.taskStream()).hasSize(2);
        assertThat(s.workers().getFirst().sendRate()).isZero();
        assertThat(s.workers().getFirst().receiveRate()).isEqualTo(500.0);
    }

    @Test
    void anIdleSchedulerPublishesNothingNew() {
        ClusterMonitor m = monitor(ClusterMonitor.builder());
        addWorker(m, A, 1);
        long v = publish(m).version();
        assertThat(publish(m).version()).isEqualTo(v);
        m.heartbeat(A, WorkerMetrics.of(1, 0), clock.get());
        assertThat(publish(m).version()).isEqualTo(v + 1);
        assertThat(publish(m).version()).isEqualTo(v + 1);
    }

    @Test
    void aWorkersTasksComeOnlyWhenWantedAndAreBounded() {
        ClusterMonitor m = monitor(ClusterMonitor.builder().workerTasksMax(2));
        addWorker(m, A, 1);
        submit(List.of(spec("x-0", 0), spec("x-1", 1), spec("x-2", 2), spec("x-3", 3)), "x-0", "x-1", "x-2", "x-3");
        assertThat(publish(m).workerTasks()).isEmpty();
        m.wantWorkerTasks(A);
        List<Key> running = state.processing(A);
        String done = running.getFirst().name();
        finish(m, A, done, 10, MS);
        WorkerTasks t = publish(m).workerTasks().get(A);
        assertThat(t.processingCount()).isEqualTo(state.processingCount(A));
        assertThat(t.processing()).hasSizeLessThanOrEqualTo(2).isEqualTo(state.processing(A).subList(0, Math.min(2, state.processingCount(A))));
        assertThat(t.heldCount()).isEqualTo(1);
        assertThat(t.held()).containsExactly(Key.of(done));
        assertThat(publish(m).workers().getFirst().held()).isEqualTo(1);
        // the request's lease (5 s) runs out
        clock.addAndGet(Duration.ofSeconds(5).toNanos());
        m.heartbeat(A, WorkerMetrics.of(1, 0), clock.get());
        assertThat(publish(m).workerTasks()).isEmpty();
    }
}
