package io.jdask.distributed.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.SchedulerToClient.KeyInMemory;
import io.jdask.distributed.protocol.SchedulerToWorker.ComputeTask;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.scheduler.state.SchedulerEvent.AddWorker;
import io.jdask.distributed.scheduler.state.SchedulerEvent.ReleaseKeys;
import io.jdask.distributed.scheduler.state.SchedulerEvent.TaskFinished;
import io.jdask.distributed.scheduler.state.SchedulerEvent.UpdateGraph;
import io.jdask.distributed.scheduler.state.SchedulerInstruction.ToClient;
import io.jdask.distributed.scheduler.state.SchedulerInstruction.ToWorker;
import io.jdask.graph.Key;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Root-task queuing with short tasks: how queued root tasks are handed out (in batches of
 * consecutive tasks, or one by one for slow ones), and where the tasks that combine them run, on
 * the pure state machine with simulated workers.
 */
class RootBatchingTest {
    static final String A = "tcp://a:1";
    static final String B = "tcp://b:1";
    static final String CLIENT = "client-1";
    static final Payload PAYLOAD = Payload.wrap("run".getBytes(StandardCharsets.UTF_8));

    /** Two simulated 1-thread workers that run what they are given in order, taking turns. */
    static final class Sim {
        final SchedulerState s;
        final Map<String, ArrayDeque<ComputeTask>> inbox = new LinkedHashMap<>();
        final Map<String, Long> received = new LinkedHashMap<>();
        final long durationNanos;
        int computes;
        int combining;
        int combiningRemote;
        /** The sizes of the runs of ComputeTask one event sent to one worker. */
        final List<Integer> batches = new ArrayList<>();
        int inMemory;
        int events;

        /** @param validate whether the state checks its invariants after each event (quadratic: small graphs only) */
        Sim(boolean validate, long durationNanos, String... workers) {
            this(new SchedulerState(SchedulerConfig.defaults().withWorkStealing(false).withValidate(validate), () -> 0L), durationNanos, workers);
        }

        Sim(SchedulerState s, long durationNanos, String... workers) {
            this.s = s;
            this.durationNanos = durationNanos;
            for (String w : workers) {
                inbox.put(w, new ArrayDeque<>());
                received.put(w, 0L);
                deliver(s.handle(new AddWorker(w, w.substring(6, 7), 1, 0, Map.of(), "add-" + w)));
            }
        }

        void submit(List<TaskSpec> graph, List<Key> wanted) {
            deliver(s.handle(new UpdateGraph(CLIENT, graph, wanted, "graph")));
        }

        /** Workers take turns finishing the oldest task they hold, until none holds any. */
        void run() {
            boolean any = true;
            while (any) {
                any = false;
                for (String w : inbox.keySet()) {
                    ComputeTask c = inbox.get(w).poll();
                    if (c != null) {
                        any = true;
                        events++;
                        deliver(s.handle(new TaskFinished(w, c.key(), 8, "java.lang.Long", durationNanos, received.get(w), "tf-" + events)));
                        if (s.queuedCount() > 0) {
                            // no worker idles while root tasks wait
                            for (String x : inbox.keySet()) {
                                assertThat(s.processingCount(x)).as("tasks processing on %s while %d are queued", x, s.queuedCount()).isPositive();
                            }
                        }
                    }
                }
            }
        }

        void deliver(List<SchedulerInstruction> out) {
            Map<String, Integer> runs = new LinkedHashMap<>();
            for (SchedulerInstruction i : out) {
                switch (i) {
                    case ToWorker tw -> {
                        received.merge(tw.worker(), 1L, Long::sum);
                        if (tw.message() instanceof ComputeTask c) {
                            inbox.get(tw.worker()).add(c);
                            computes++;
                            runs.merge(tw.worker(), 1, Integer::sum);
                            if (!c.dependencies().isEmpty()) {
                                combining++;
                                for (DependencyLocation d : c.dependencies()) {
                                    if (!d.workers().contains(tw.worker())) {
                                        combiningRemote++;
                                        break;
                                    }
                                }
                            }
                        }
                    }
                    case ToClient tc -> {
                        if (tc.message() instanceof KeyInMemory) {
                            inMemory++;
                        }
                    }
                }
            }
            batches.addAll(runs.values());
        }
    }

    static List<TaskSpec> map(int n) {
        List<TaskSpec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TaskSpec.of(Key.of("inc", i), PAYLOAD, List.of(), i));
        }
        return out;
    }

    /** A binary sum tree over {@code leaves} root tasks, leaves first in priority order, as the benchmarks' tree. */
    static List<TaskSpec> tree(int leaves) {
        List<TaskSpec> out = new ArrayList<>();
        List<Key> level = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            Key k = Key.of("inc", i);
            out.add(TaskSpec.of(k, PAYLOAD, List.of(), out.size()));
            level.add(k);
        }
        int id = 0;
        while (level.size() > 1) {
            List<Key> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                Key k = Key.of("add", id++);
                out.add(TaskSpec.of(k, PAYLOAD, List.of(level.get(i), level.get(i + 1)), out.size()));
                next.add(k);
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return out;
    }

    static SchedulerState state(double saturation) {
        return new SchedulerState(SchedulerConfig.defaults().withSaturation(saturation).withWorkStealing(false).withValidate(true), () -> 0L);
    }

    static void addWorker(SchedulerState s, String address) {
        s.handle(new AddWorker(address, address.substring(6, 7), 1, 0, Map.of(), "add-" + address));
    }

    static List<Key> computes(List<SchedulerInstruction> out, String worker) {
        return out.stream().filter(i -> i instanceof ToWorker tw && tw.worker().equals(worker) && tw.message() instanceof ComputeTask)
                .map(i -> ((ComputeTask) ((ToWorker) i).message()).key()).toList();
    }

    static List<Key> incs(int from, int to) {
        List<Key> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(Key.of("inc", i));
        }
        return out;
    }

    static List<SchedulerInstruction> finish(SchedulerState s, String worker, Key key, long durationNanos) {
        return s.handle(new TaskFinished(worker, key, 8, "java.lang.Long", durationNanos, Long.MAX_VALUE, "tf-" + key));
    }

    @Test
    void aWorkerFreeingSlotsGetsABatchOfConsecutiveRootTasksOnceAQuarterOfItsSlotsIsFree() {
        SchedulerState s = state(1.1);
        addWorker(s, A);
        List<TaskSpec> graph = map(200);
        // the prefix is unknown: the plain saturation, ceil(1 * 1.1) = 2 tasks
        assertThat(computes(s.handle(new UpdateGraph(CLIENT, graph, graph.stream().map(TaskSpec::key).toList(), "graph")), A)).isEqualTo(incs(0, 2));
        // inc-0 took 10 us: 64 slots, refilled in batches of 16; 63 are free, so 3 batches go out
        assertThat(computes(finish(s, A, Key.of("inc", 0), 10_000), A)).isEqualTo(incs(2, 50));
        // 48 left: a batch's worth is free
        assertThat(computes(finish(s, A, Key.of("inc", 1), 10_000), A)).isEqualTo(incs(50, 66));
        // 64 processing: the next 15 results bring nothing, the 16th a batch
        for (int i = 2; i < 17; i++) {
            assertThat(computes(finish(s, A, Key.of("inc", i), 10_000), A)).isEmpty();
        }
        assertThat(computes(finish(s, A, Key.of("inc", 17), 10_000), A)).isEqualTo(incs(66, 82));
        assertThat(s.processingCount(A)).isEqualTo(64);
        assertThat(s.queuedKeys()).hasSize(200 - 82).first().isEqualTo(Key.of("inc", 82));
    }

    @Test
    void aSlowPrefixStillRefillsOneByOne() {
        SchedulerState s = state(1.1);
        addWorker(s, A);
        List<TaskSpec> graph = map(10);
        assertThat(computes(s.handle(new UpdateGraph(CLIENT, graph, graph.stream().map(TaskSpec::key).toList(), "graph")), A)).isEqualTo(incs(0, 2));
        // 10 ms per task: 5 ms of work per thread is less than one task, so the plain 2 slots
        for (int i = 0; i < 8; i++) {
            assertThat(computes(finish(s, A, Key.of("inc", i), 10_000_000), A)).containsExactly(Key.of("inc", i + 2));
            assertThat(s.processingCount(A)).isEqualTo(2);
        }
    }

    @Test
    void aKnownShortPrefixGoesOutInRunsOfConsecutiveTasksAcrossIdleWorkers() {
        SchedulerState s = state(1.1);
        addWorker(s, A);
        addWorker(s, B);
        List<TaskSpec> first = map(2);
        s.handle(new UpdateGraph(CLIENT, first, first.stream().map(TaskSpec::key).toList(), "g1"));
        finish(s, A, Key.of("inc", 0), 10_000);
        finish(s, B, Key.of("inc", 1), 10_000);
        List<TaskSpec> graph = new ArrayList<>();
        for (int i = 2; i < 202; i++) {
            graph.add(TaskSpec.of(Key.of("inc", i), PAYLOAD, List.of(), i));
        }
        List<SchedulerInstruction> out = s.handle(new UpdateGraph(CLIENT, graph, graph.stream().map(TaskSpec::key).toList(), "g2"));
        // runs of 16 (a quarter of 64 slots), each to the less loaded worker, until both hold 64
        List<Key> onA = new ArrayList<>();
        List<Key> onB = new ArrayList<>();
        for (int run = 0; run < 8; run++) {
            (run % 2 == 0 ? onA : onB).addAll(incs(2 + 16 * run, 18 + 16 * run));
        }
        assertThat(computes(out, A)).isEqualTo(onA);
        assertThat(computes(out, B)).isEqualTo(onB);
        assertThat(s.queuedCount()).isEqualTo(200 - 128);
    }

    @Test
    void withQueuingOffKnownShortRootTasksStillGoInRunsAndSlowOnesAlternate() {
        SchedulerState s = state(Double.POSITIVE_INFINITY);
        addWorker(s, A);
        addWorker(s, B);
        List<TaskSpec> first = map(4);
        List<SchedulerInstruction> out = s.handle(new UpdateGraph(CLIENT, first, first.stream().map(TaskSpec::key).toList(), "g1"));
        // no statistics yet: one at a time to the least busy worker
        assertThat(computes(out, A)).containsExactly(Key.of("inc", 0), Key.of("inc", 2));
        assertThat(computes(out, B)).containsExactly(Key.of("inc", 1), Key.of("inc", 3));
        for (int i = 0; i < 4; i++) {
            finish(s, i % 2 == 0 ? A : B, Key.of("inc", i), 10_000);
        }
        List<TaskSpec> graph = new ArrayList<>();
        for (int i = 4; i < 68; i++) {
            graph.add(TaskSpec.of(Key.of("inc", i), PAYLOAD, List.of(), i));
        }
        out = s.handle(new UpdateGraph(CLIENT, graph, graph.stream().map(TaskSpec::key).toList(), "g2"));
        // 10 us each: runs of 16, alternating
        List<Key> onA = new ArrayList<>(incs(4, 20));
        onA.addAll(incs(36, 52));
        List<Key> onB = new ArrayList<>(incs(20, 36));
        onB.addAll(incs(52, 68));
        assertThat(computes(out, A)).isEqualTo(onA);
        assertThat(computes(out, B)).isEqualTo(onB);
    }

    @Test
    void aTaskWithInputsGoesToAWorkerHoldingOneEvenWhenAnotherLooksLessBusy() {
        SchedulerState s = state(Double.POSITIVE_INFINITY);
        addWorker(s, A);
        List<TaskSpec> x = List.of(TaskSpec.of(Key.of("x"), PAYLOAD, List.of(), 0));
        s.handle(new UpdateGraph(CLIENT, x, List.of(Key.of("x")), "g1"));
        finish(s, A, Key.of("x"), 10_000);
        // four tasks of an unknown prefix (0.5 s expected each) keep a busy on paper
        List<TaskSpec> busy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            busy.add(TaskSpec.of(Key.of("slow", i), PAYLOAD, List.of(), i));
        }
        s.handle(new UpdateGraph(CLIENT, busy, busy.stream().map(TaskSpec::key).toList(), "g2"));
        addWorker(s, B);
        List<TaskSpec> z = List.of(TaskSpec.of(Key.of("z"), PAYLOAD, List.of(Key.of("x")), 0));
        // b is idle, but fetching x from a costs a round trip per 8-byte value: z stays where x is
        assertThat(computes(s.handle(new UpdateGraph(CLIENT, z, List.of(Key.of("z")), "g3")), A)).containsExactly(Key.of("z"));
    }

    @Test
    void treeOfShortTasksFetchesFewInputsFromThePeer() {
        Sim sim = new Sim(false, 1_000, A, B);
        List<TaskSpec> graph = tree(10_000);
        sim.submit(graph, List.of(graph.getLast().key()));
        sim.run();
        assertThat(sim.inMemory).isEqualTo(1);
        assertThat(sim.computes).isEqualTo(graph.size());
        // handed out one by one the leaves alternated between the workers: 5,335 of 9,999 adds
        // (53%) needed an input from the other worker; in runs, and with adds kept where an input is, 464
        assertThat(sim.combiningRemote).isLessThan(sim.combining / 10);
    }

    @Test
    void treeWithQueuingOffFetchesFewInputsOnceThePrefixesAreKnown() {
        Sim off = new Sim(new SchedulerState(SchedulerConfig.defaults().withSaturation(Double.POSITIVE_INFINITY).withWorkStealing(false), () -> 0L), 1_000, A, B);
        List<TaskSpec> warm = tree(16);
        off.submit(warm, List.of(warm.getLast().key()));
        off.run();
        off.s.handle(new ReleaseKeys(CLIENT, List.of(warm.getLast().key()), "release"));
        off.combining = 0;
        off.combiningRemote = 0;
        List<TaskSpec> graph = tree(10_000);
        off.submit(graph, List.of(graph.getLast().key()));
        off.run();
        assertThat(off.combining).isEqualTo(9_999);
        // leaves one at a time alternate, so about half the adds would fetch; in runs of 16, few
        assertThat(off.combiningRemote).isLessThan(off.combining / 10);
    }

    @Test
    void mapOfShortTasksGoesOutInBatchesAndNoWorkerIdlesWhileTasksAreQueued() {
        Sim sim = new Sim(false, 1_000, A, B);
        List<TaskSpec> graph = map(20_000);
        sim.submit(graph, graph.stream().map(TaskSpec::key).toList());
        sim.run();
        assertThat(sim.inMemory).isEqualTo(20_000);
        // one ComputeTask per result before (49,874 runs for 50,000 tasks); now batches of 16
        double mean = sim.batches.stream().mapToInt(Integer::intValue).average().orElse(0);
        assertThat(mean).isGreaterThan(15);
    }

    @Test
    void theSimulatedRunsKeepEveryInvariant() {
        Sim sim = new Sim(true, 1_000, A, B);
        List<TaskSpec> graph = tree(300);
        sim.submit(graph, List.of(graph.getLast().key()));
        sim.run();
        assertThat(sim.inMemory).isEqualTo(1);
        Sim map = new Sim(true, 1_000, A, B);
        List<TaskSpec> tasks = map(300);
        map.submit(tasks, tasks.stream().map(TaskSpec::key).toList());
        map.run();
        assertThat(map.inMemory).isEqualTo(300);
    }
}
