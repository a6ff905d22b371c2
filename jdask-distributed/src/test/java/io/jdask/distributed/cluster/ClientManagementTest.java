package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.ProgressBar;
import io.jdask.diagnostics.RunInfo;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.client.SchedulerInfo;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.WorkerSummary;
import io.jdask.graph.Key;
import io.jdask.scheduler.TaskFailedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/** The client's persist, datasets, run, info, logs and progress on a scheduler and two workers as threads, over TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientManagementTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static LocalCluster cluster;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().workers(2).threadsPerWorker(2).start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static Client another() throws Exception {
        return Client.builder().address(cluster.schedulerAddress()).asDefault(false).connect();
    }

    @Test
    void persistKeepsTheResultOnAWorkerAndLaterComputesReuseIt() {
        Delayed<Long> base = Delayed.call((Integer n) -> {
            RUNS.incrementAndGet();
            return (long) n * n;
        }, Delayed.value(12));
        int before = RUNS.get();

        Delayed<Long> p = client.persist(base);

        assertThat(RUNS.get()).isEqualTo(before + 1);
        assertThat(p.key()).isEqualTo(base.key());
        assertThat(client.hasWhat().values().stream().flatMap(List::stream)).contains(base.key());
        assertThat(Delayed.call((Long x) -> x + 1, p).compute()).isEqualTo(145L);
        assertThat(Delayed.call((Long x, Long y) -> x * y, p, p).compute()).isEqualTo(144L * 144L);
        assertThat(p.compute()).isEqualTo(144L);
        // a local scheduler fetches the persisted value from the cluster
        Delayed<Long> local = Delayed.call((Long x) -> x - 1, p);
        assertThat(Jdask.with(io.jdask.scheduler.Schedulers.threaded()).compute(local).get(local)).isEqualTo(143L);
        assertThat(RUNS.get()).isEqualTo(before + 1);

        client.unpersist(p);
        assertThatThrownBy(p::compute).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("released");
    }

    @Test
    void aCollectionUnpersistedAndPersistedAgainStraightAwayIsComputedAgain() {
        Delayed<Long> base = Delayed.call((Integer n) -> (long) n * 3, Delayed.value(7));
        for (int round = 0; round < 20; round++) {
            Delayed<Long> first = client.persist(base);
            client.unpersist(first);
            Delayed<Long> again = client.persist(base);
            assertThat(again.compute()).as("round %d", round).isEqualTo(21L);
            client.unpersist(again);
        }
    }

    @Test
    void persistOfAFailingGraphNamesTheTask() {
        Delayed<Integer> bad = Delayed.call((Integer x) -> x / 0, Delayed.value(1));
        assertThatThrownBy(() -> client.persist(bad)).isInstanceOf(TaskFailedException.class).cause().isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aCollectionPersistedByOneClientIsRefusedByAnother() throws Exception {
        try (Client other = another()) {
            Delayed<Integer> p = other.persist(Delayed.call((Integer x) -> x + 1, Delayed.value(1)));
            assertThatThrownBy(() -> Jdask.with(client.scheduler()).compute(p)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("another client");
        }
    }

    @Test
    void publishedFuturesOutliveTheirPublisher() throws Exception {
        try (Client other = another()) {
            List<ClusterFuture<Integer>> fs = other.map((Integer i) -> i * 10, List.of(1, 2, 3));
            other.publishDataset("tens", fs, false);
            assertThatThrownBy(() -> other.publishDataset("tens", fs, false)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'tens' is already published");
        }
        assertThat(client.listDatasets()).contains("tens");
        List<ClusterFuture<Integer>> got = client.getDataset("tens");
        assertThat(client.gather(got)).containsExactly(10, 20, 30);
        got.forEach(ClusterFuture::release);

        client.unpublishDataset("tens");
        assertThat(client.listDatasets()).doesNotContain("tens");
        assertThatThrownBy(() -> client.getDataset("tens")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no dataset named 'tens'");
        assertThatThrownBy(() -> client.unpublishDataset("tens")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publishedTasksThatHaveNotRunYetStillRunAfterTheirPublisherLeaves() throws Exception {
        List<Integer> inputs = java.util.stream.IntStream.range(0, 12).boxed().toList();
        try (Client other = another()) {
            // 12 tasks of 150 ms on 4 threads: most are still queued on the scheduler when the publisher leaves
            List<ClusterFuture<Integer>> fs = other.map(ClientManagementTest::slowTimesTen, inputs);
            other.publishDataset("slow-tens", fs, false);
        }
        List<ClusterFuture<Integer>> got = client.getDataset("slow-tens");
        assertThat(client.gather(got)).containsExactlyElementsOf(inputs.stream().map(i -> i * 10).toList());
        got.forEach(ClusterFuture::release);
        client.unpublishDataset("slow-tens");
    }

    static Integer slowTimesTen(Integer i) throws InterruptedException {
        Thread.sleep(150);
        return i * 10;
    }

    @Test
    void aPublishedCollectionIsPersistedAndComesBackToAnotherClientWithoutRecomputing() throws Exception {
        int before;
        try (Client other = another()) {
            Delayed<String> d = Delayed.call((Integer x) -> {
                RUNS.incrementAndGet();
                return "v" + x;
            }, Delayed.value(7));
            before = RUNS.get();
            other.publishDataset("greeting", d, false);
            assertThat(RUNS.get()).isEqualTo(before + 1);
        }
        Delayed<String> g = client.getDataset("greeting");
        assertThat(g.compute()).isEqualTo("v7");
        assertThat(Delayed.call((String s) -> s + "!", g).compute()).isEqualTo("v7!");
        assertThat(RUNS.get()).isEqualTo(before + 1);
        client.unpersist(g);
        client.unpublishDataset("greeting");
    }

    @Test
    void runCallsAFunctionOnEveryWorker() {
        Map<String, String> threads = client.run(() -> Thread.currentThread().getName());
        assertThat(threads.keySet()).containsExactlyInAnyOrderElementsOf(cluster.workerAddresses());
        assertThat(threads.values()).allMatch(n -> n.startsWith("jdask-worker-run-"));

        assertThatThrownBy(() -> client.run(() -> {
            throw new IllegalStateException("nope");
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope").hasMessageContaining("the function failed on worker tcp://")
                .cause().isInstanceOf(IllegalStateException.class).hasMessage("nope");
    }

    @Test
    void aBroadcastScatterEndsUpOnEveryWorker() throws Exception {
        List<ClusterFuture<int[]>> table = client.scatter(List.of(new int[] {3, 4, 5}), true);
        Key key = table.get(0).key();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!client.hasWhat().values().stream().allMatch(keys -> keys.contains(key)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(client.hasWhat()).hasSize(2).allSatisfy((w, keys) -> assertThat(keys).contains(key));
        assertThat(client.gather(client.map((Integer i) -> i, List.of(1)))).containsExactly(1);
        List<ClusterFuture<Integer>> sums = client.map((int[] xs) -> xs[0] + xs[1] + xs[2], List.of(table.get(0), table.get(0)));
        assertThat(client.gather(sums)).containsExactly(12, 12);
        table.forEach(ClusterFuture::release);
    }

    @Test
    void schedulerInfoDescribesEveryWorker() {
        SchedulerInfo info = client.schedulerInfo();
        assertThat(info.address()).isEqualTo(cluster.schedulerAddress());
        assertThat(info.clients()).isGreaterThanOrEqualTo(1);
        assertThat(info.workerAddresses()).containsExactlyInAnyOrderElementsOf(cluster.workerAddresses());
        assertThat(info.totalThreads()).isEqualTo(4);
        for (WorkerSummary w : info.workers()) {
            assertThat(w.nthreads()).isEqualTo(2);
            assertThat(w.status()).isEqualTo(WorkerStatus.RUNNING);
            assertThat(w.name()).isNotBlank();
            assertThat(w.memoryBytes()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void hasWhatAgreesWithWhoHas() {
        List<ClusterFuture<Integer>> fs = client.map((Integer i) -> i, List.of(1, 2, 3, 4));
        client.gather(fs);
        Map<String, List<Key>> hasWhat = client.hasWhat();
        for (Map.Entry<Key, List<String>> e : client.whoHas(fs).entrySet()) {
            for (String w : e.getValue()) {
                assertThat(hasWhat.get(w)).contains(e.getKey());
            }
        }
        fs.forEach(ClusterFuture::release);
    }

    @Test
    void futuresReleasedOneByOneLeaveTheScheduler() {
        List<ClusterFuture<Integer>> fs = client.map((Integer i) -> i * 3, java.util.stream.IntStream.range(0, 500).boxed().toList());
        assertThat(client.gather(fs)).hasSize(500).element(499).isEqualTo(1497);
        java.util.Set<Key> keys = new java.util.HashSet<>();
        fs.forEach(f -> keys.add(f.key()));
        fs.forEach(ClusterFuture::release); // coalesced into few ReleaseKeys; a request sends what is pending first
        assertThat(client.hasWhat().values().stream().flatMap(List::stream)).doesNotContainAnyElementsOf(keys);
    }

    @Test
    void logsOfTheSchedulerAndTheWorkersHoldRecentLines() {
        LoggerFactory.getLogger("test.cluster").warn("scheduler-side marker 4711");
        assertThat(client.getSchedulerLogs()).anyMatch(l -> l.contains("scheduler-side marker 4711") && l.contains("WARN"));
        client.run(() -> {
            LoggerFactory.getLogger("test.task").warn("worker-side marker 4712");
            return 0;
        });
        Map<String, List<String>> logs = client.getWorkerLogs();
        assertThat(logs.keySet()).containsExactlyInAnyOrderElementsOf(cluster.workerAddresses());
        assertThat(logs.values()).allSatisfy(lines -> assertThat(lines).anyMatch(l -> l.contains("worker-side marker 4712")));
    }

    @Test
    void progressReportsEveryFutureToCallbacks() throws Exception {
        List<ClusterFuture<Integer>> fs = client.map((Integer i) -> {
            Thread.sleep(20);
            return i;
        }, List.of(1, 2, 3, 4, 5));
        StringBuilder text = new StringBuilder();
        client.progress(fs, ProgressBar.builder().output(text).minSeconds(0).build());
        assertThat(fs).allMatch(ClusterFuture::isDone);
        assertThat(text.toString()).contains("100%").contains("5/5");
        fs.forEach(ClusterFuture::release);
    }

    @Test
    void computesOnTheClusterCallCoreCallbacksForEveryTask() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        java.util.Set<Key> finished = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<Key> graphKeys = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<Key> reportedTwice = Collections.synchronizedList(new ArrayList<>());
        Callback recorder = new Callback() {
            @Override
            public void onStart(RunInfo run) {
                events.add("start " + run.scheduler() + " " + run.outputs().size());
                graphKeys.addAll(run.graph().nodes().keySet());
            }

            @Override
            public void onTaskFinish(RunInfo run, io.jdask.diagnostics.TaskEvent event) {
                if (!finished.add(event.key())) {
                    reportedTwice.add(event.key());
                }
            }

            @Override
            public void onFinish(RunInfo run, Throwable error) {
                events.add("finish " + (error == null ? "ok" : error.getClass().getSimpleName()));
            }
        };
        List<Delayed<Integer>> level = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            level.add(Delayed.call((Integer x) -> {
                Thread.sleep(10);
                return x * 3;
            }, Delayed.value(i)));
        }
        while (level.size() > 1) {
            List<Delayed<Integer>> next = new ArrayList<>();
            for (int i = 0; i < level.size(); i += 2) {
                next.add(Delayed.call((Integer a, Integer b) -> a + b, level.get(i), level.get(i + 1)));
            }
            level = next;
        }
        Delayed<Integer> total = level.get(0);
        StringBuilder bar = new StringBuilder();
        ProgressBar progress = ProgressBar.builder().output(bar).minSeconds(0).build();
        assertThat(Jdask.with(recorder).callback(progress).compute(total).get(total)).isEqualTo(3 * 120);
        assertThat(graphKeys).hasSizeGreaterThan(1);
        assertThat(finished).isEqualTo(graphKeys);
        assertThat(reportedTwice).isEmpty();
        assertThat(bar.toString()).contains("100%").contains(graphKeys.size() + "/" + graphKeys.size());

        Delayed<Integer> bad = Delayed.call((Integer x) -> x / 0, Delayed.value(5));
        assertThatThrownBy(() -> Jdask.with(recorder).compute(bad)).isInstanceOf(TaskFailedException.class);
        assertThat(events).containsExactly("start distributed 1", "finish ok", "start distributed 1", "finish TaskFailedException");
    }
}
