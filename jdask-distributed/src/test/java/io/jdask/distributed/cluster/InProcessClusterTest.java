package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.scheduler.Schedulers;
import io.jdask.scheduler.TaskFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A scheduler and two workers as threads of the test JVM, driven through a real client over TCP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InProcessClusterTest {
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

    @Test
    void theClientIsTheDefaultSchedulerWhileOpen() {
        assertThat(Schedulers.current().name()).isEqualTo("distributed");
        Delayed<Integer> a = Delayed.value(20);
        Delayed<Integer> b = Delayed.call(x -> x + 1, a);
        Delayed<Integer> c = Delayed.call((x, y) -> x * y, a, b);
        assertThat(c.compute()).isEqualTo(420);
        assertThat(io.jdask.Jdask.with(Schedulers.byName("distributed")).compute(c).get(c)).isEqualTo(420);
    }

    @Test
    void mapAndGather() {
        List<Integer> items = IntStream.range(0, 500).boxed().toList();
        List<ClusterFuture<Integer>> fs = client.map((Integer i) -> i * i, items);
        List<Integer> out = client.gather(fs);
        assertThat(out).isEqualTo(items.stream().map(i -> i * i).toList());
        fs.forEach(ClusterFuture::release);
    }

    @Test
    void submitWithFuturesAsArguments() throws Exception {
        ClusterFuture<Integer> a = client.submit(() -> 6);
        ClusterFuture<Integer> b = client.submit((Integer x) -> x * 7, a);
        ClusterFuture<String> c = client.submit((Integer x, Integer y) -> x + "/" + y, a, b);
        assertThat(c.get(30, TimeUnit.SECONDS)).isEqualTo("6/42");
        assertThat(c.status()).isEqualTo(ClusterFuture.Status.FINISHED);
        assertThat(c.isDone()).isTrue();
        List.of(a, b, c).forEach(ClusterFuture::release);
    }

    @Test
    void scatteredValuesFeedTasks() {
        List<ClusterFuture<int[]>> data = client.scatter(List.of(new int[] {1, 2, 3}, new int[] {10, 20}));
        List<ClusterFuture<Integer>> sums = client.map((int[] xs) -> IntStream.of(xs).sum(), new ArrayList<>(data));
        assertThat(client.gather(sums)).containsExactly(6, 30);
    }

    @Test
    void aFailingTaskNamesItselfAndItsDependentsInheritTheError() {
        ClusterFuture<Integer> bad = client.submit(() -> {
            throw new IllegalStateException("boom");
        });
        ClusterFuture<Integer> after = client.submit((Integer x) -> x + 1, bad);
        assertThatThrownBy(() -> after.get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(TaskFailedException.class)
                .hasMessageContaining(bad.key().toString())
                .hasMessageContaining("boom")
                .cause().isInstanceOf(IllegalStateException.class);
        assertThat(after.status()).isEqualTo(ClusterFuture.Status.ERROR);
        Delayed<Integer> d = Delayed.call((Integer x) -> x / 0, Delayed.value(1));
        assertThatThrownBy(d::compute).isInstanceOf(TaskFailedException.class).cause().isInstanceOf(ArithmeticException.class);
    }

    @Test
    void completionCallbacksRun() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        ClusterFuture<Integer> f = client.submit(() -> 5);
        f.onDone(x -> done.countDown());
        assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(client.gather(f)).isEqualTo(5);
    }

    @Test
    void cancellationReachesARunningTask() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        ClusterFuture<Integer> slow = client.submit(() -> {
            Thread.sleep(60_000);
            return 1;
        });
        Thread.sleep(200);
        assertThat(slow.cancel(true)).isTrue();
        assertThatThrownBy(() -> slow.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
        assertThat(slow.isCancelled()).isTrue();
        // the worker's thread is free again: new work runs
        assertThat(client.gather(client.submit(() -> 2))).isEqualTo(2);
        never.countDown();
    }

    @Test
    void waitAsCompletedAndWhoHas() throws Exception {
        List<ClusterFuture<Integer>> fs = client.map((Integer i) -> {
            Thread.sleep(5L * (3 - i));
            return i;
        }, List.of(0, 1, 2));
        client.wait(fs, java.time.Duration.ofSeconds(30));
        assertThat(fs).allMatch(ClusterFuture::isDone);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (var it = client.asCompleted(fs); it.hasNext(); ) {
            seen.add(client.gather(it.next()));
        }
        assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
        var holders = client.whoHas(fs);
        assertThat(holders).hasSize(3);
        assertThat(holders.values()).allSatisfy(ws -> assertThat(ws).isNotEmpty().allMatch(cluster.workerAddresses()::contains));
        fs.forEach(ClusterFuture::release);
    }
}
