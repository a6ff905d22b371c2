package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.client.TaskOptions;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.worker.Worker;
import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Restrictions (workers, resources, loose restrictions) and retries given with submit and map, on a real scheduler and two workers. */
class TaskOptionsClusterTest {
    /** Calls per label, for the tasks that fail their first runs (the workers run in this JVM). */
    static final Map<String, AtomicInteger> CALLS = new ConcurrentHashMap<>();

    static SchedulerServer scheduler;
    static Worker plain;
    static Worker gpu;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        scheduler = SchedulerServer.builder().host("127.0.0.1").port(0).start();
        plain = Worker.builder().scheduler(scheduler.address()).name("plain").nthreads(2).log(l -> { }).start();
        gpu = Worker.builder().scheduler(scheduler.address()).name("gpu").nthreads(2).resources(Map.of("GPU", 1.0)).log(l -> { }).start();
        client = Client.builder().address(scheduler.address()).asDefault(false).connect();
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {gpu, plain, scheduler}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static void allOn(List<? extends ClusterFuture<?>> futures, Worker w) {
        Map<Key, List<String>> who = client.whoHas(futures);
        assertThat(who).hasSize(futures.size());
        assertThat(who.values()).allSatisfy(holders -> assertThat(holders).containsExactly(w.address()));
    }

    @Test
    void tasksRestrictedToAWorkerByNameOrAddressRunOnlyThere() {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();
        List<ClusterFuture<Integer>> byName = client.map(TaskOptions.onWorkers("plain"), (Integer i) -> i * 3, items);
        assertThat(client.gather(byName)).containsExactlyElementsOf(items.stream().map(i -> i * 3).toList());
        allOn(byName, plain);

        ClusterFuture<String> byAddress = client.submit(TaskOptions.onWorkers(gpu.address()), (String s) -> s + "!", "hi");
        assertThat(client.gather(byAddress)).isEqualTo("hi!");
        allOn(List.of(byAddress), gpu);
    }

    @Test
    void tasksNeedingAResourceRunOnlyOnWorkersThatOfferIt() {
        List<Integer> items = IntStream.range(0, 30).boxed().toList();
        List<ClusterFuture<Integer>> fs = client.map(TaskOptions.needing("GPU", 1), (Integer i) -> i + 1, items);
        assertThat(client.gather(fs)).containsExactlyElementsOf(items.stream().map(i -> i + 1).toList());
        allOn(fs, gpu);

        ClusterFuture<Integer> two = client.submit(TaskOptions.needing("GPU", 1), (Integer a, Integer b) -> a + b, fs.get(0), fs.get(1));
        assertThat(client.gather(two)).isEqualTo(3);
        allOn(List.of(two), gpu);
    }

    @Test
    void aStrictRestrictionToAnAbsentWorkerWaitsAndALooseOneRunsElsewhere() throws Exception {
        ClusterFuture<Integer> strict = client.submit(TaskOptions.onWorkers("absent"), () -> 1);
        assertThatThrownBy(() -> strict.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        client.cancel(List.of(strict));

        ClusterFuture<Integer> loose = client.submit(TaskOptions.onWorkers("absent").allowOtherWorkers(true), () -> 2);
        assertThat(loose.get(60, TimeUnit.SECONDS)).isEqualTo(2);
    }

    @Test
    void retriesRunAFailedTaskAgainUntilItSucceedsOrTheyAreUsedUp() {
        ClusterFuture<String> ok = client.submit(TaskOptions.NONE.retries(2), (String label) -> failTwice(label), "a");
        assertThat(client.gather(ok)).isEqualTo("a after 3 runs");

        ClusterFuture<String> failed = client.submit(TaskOptions.NONE.retries(1), (String label) -> failTwice(label), "b");
        assertThatThrownBy(() -> failed.get(60, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasMessageContaining("run 2 of b fails");
        assertThat(CALLS.get("b").get()).isEqualTo(2);
    }

    static String failTwice(String label) {
        int run = CALLS.computeIfAbsent(label, k -> new AtomicInteger()).incrementAndGet();
        if (run <= 2) {
            throw new IllegalStateException("run " + run + " of " + label + " fails");
        }
        return label + " after " + run + " runs";
    }

    @Test
    void badOptionsAreRefusedNamingTheValue() {
        assertThatThrownBy(() -> TaskOptions.needing("GPU", 0)).hasMessageContaining("resource GPU").hasMessageContaining("0.0");
        assertThatThrownBy(() -> TaskOptions.NONE.retries(-1)).hasMessageContaining("retries must be >= 0, got -1");
        assertThatThrownBy(() -> TaskOptions.onWorkers(" ")).hasMessageContaining("blank");
    }
}
