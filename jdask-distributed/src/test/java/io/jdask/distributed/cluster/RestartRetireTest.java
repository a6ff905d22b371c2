package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.graph.Key;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Restart and graceful retirement, each on a cluster of its own (scheduler and workers as threads, a client over TCP). */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RestartRetireTest {
    static final AtomicInteger RUNS = new AtomicInteger();
    static final CountDownLatch STARTED = new CountDownLatch(1);
    static final CountDownLatch INTERRUPTED = new CountDownLatch(1);

    @Test
    void restartCancelsEveryFutureDropsTheDataAndInterruptsRunningTasks() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).start(); Client client = cluster.client()) {
            List<ClusterFuture<Integer>> done = client.map((Integer i) -> i + 1, List.of(1, 2, 3));
            assertThat(client.gather(done)).containsExactly(2, 3, 4);
            client.publishDataset("kept", done, false);
            ClusterFuture<Integer> running = client.submit(() -> {
                STARTED.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    INTERRUPTED.countDown();
                    throw e;
                }
                return 1;
            });
            assertThat(STARTED.await(30, TimeUnit.SECONDS)).isTrue();

            client.restart();

            assertThat(done).allMatch(f -> f.status() == ClusterFuture.Status.CANCELLED);
            assertThat(running.status()).isEqualTo(ClusterFuture.Status.CANCELLED);
            assertThat(INTERRUPTED.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(client.hasWhat().values()).allMatch(List::isEmpty);
            assertThat(client.listDatasets()).isEmpty();
            assertThat(client.schedulerInfo().workers()).hasSize(2);
            // the cluster works on
            assertThat(client.gather(client.map((Integer i) -> i * 2, List.of(5, 6)))).containsExactly(10, 12);
        }
    }

    @Test
    void aRetiredWorkersValuesMoveToTheOthersWithoutRecomputation() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(3).threadsPerWorker(1).start(); Client client = cluster.client()) {
            List<Integer> items = IntStream.range(0, 30).boxed().toList();
            List<ClusterFuture<int[]>> fs = client.map((Integer i) -> {
                RUNS.incrementAndGet();
                return new int[] {i, i * i};
            }, items);
            client.wait(fs, Duration.ofSeconds(30));
            int runs = RUNS.get();
            Map<String, List<Key>> before = client.hasWhat();
            String busiest = before.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();
            assertThat(before.get(busiest)).isNotEmpty();

            client.retireWorkers(List.of(busiest), Duration.ofSeconds(30));

            assertThat(client.schedulerInfo().workerAddresses()).hasSize(2).doesNotContain(busiest);
            Map<String, List<Key>> after = client.hasWhat();
            assertThat(after.values().stream().mapToInt(List::size).sum()).isGreaterThanOrEqualTo(items.size());
            List<int[]> values = client.gather(fs);
            for (int i = 0; i < items.size(); i++) {
                assertThat(values.get(i)).containsExactly(i, i * i);
            }
            assertThat(RUNS.get()).as("no task ran again").isEqualTo(runs);

            assertThatThrownBy(() -> client.retireWorkers(List.of("tcp://127.0.0.1:1"), Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no such worker(s): [tcp://127.0.0.1:1]");
        }
    }
}
