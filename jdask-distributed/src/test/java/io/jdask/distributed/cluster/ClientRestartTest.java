package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.nanny.Nanny;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.protocol.WorkerSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code Client.restart()}: worker processes under nannies are replaced by fresh processes (new
 * pids, new addresses, no state left), the cluster computes correctly afterwards; workers that are
 * threads stay and are emptied; a timeout names how many workers came back.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ClientRestartTest {
    /** Counts calls in the JVM it runs in: a fresh worker process starts again from zero. */
    static final AtomicInteger CALLS = new AtomicInteger();

    static List<Long> pids(LocalCluster cluster) {
        List<Long> out = new ArrayList<>();
        for (Nanny n : cluster.nannies()) {
            out.add(n.process().map(ProcessHandle::pid).orElse(-1L));
        }
        return out;
    }

    @Test
    void restartReplacesEveryWorkerProcessAndTheClusterComputesAfterwards() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).log(log::add).start();
             Client client = cluster.client()) {
            ClusterFuture<Integer> held = client.submit(() -> 41 + 1);
            assertThat(held.get()).isEqualTo(42);
            client.run(() -> CALLS.incrementAndGet());
            Map<String, Integer> secondCalls = client.run(() -> CALLS.incrementAndGet());
            assertThat(secondCalls.values()).containsOnly(2);
            List<Long> pidsBefore = pids(cluster);
            List<String> addressesBefore = client.schedulerInfo().workerAddresses();
            assertThat(pidsBefore).hasSize(2).doesNotContain(-1L);

            client.restart(Duration.ofSeconds(90));

            List<WorkerSummary> after = client.schedulerInfo().workers();
            assertThat(after).hasSize(2).allMatch(w -> w.status() == WorkerStatus.RUNNING);
            assertThat(after.stream().map(WorkerSummary::address).toList()).doesNotContainAnyElementsOf(addressesBefore);
            List<Long> pidsAfter = pids(cluster);
            assertThat(pidsAfter).hasSize(2).doesNotContain(-1L).doesNotContainAnyElementsOf(pidsBefore);
            assertThat(cluster.nannies()).allMatch(n -> n.restarts() == 1);
            assertThat(log).anyMatch(l -> l.contains("restarting it as the client asked"));
            // the value held before is gone, and so is every worker's process state
            assertThat(held.status()).isEqualTo(ClusterFuture.Status.CANCELLED);
            assertThat(client.hasWhat().values()).allMatch(List::isEmpty);
            assertThat(client.run(() -> CALLS.incrementAndGet()).values()).containsOnly(1);
            // the fresh workers compute a random graph as a local run does
            Delayed<Long> d = ProcessClusterTest.randomGraph(11, 60, 0);
            assertThat(d.compute()).isEqualTo(ProcessClusterTest.local(ProcessClusterTest.randomGraph(11, 60, 0)));
            assertThat(client.gather(client.map((Integer i) -> i * i, List.of(3, 4, 5)))).containsExactly(9, 16, 25);
        }
    }

    @Test
    void aTimeoutSaysHowManyWorkersCameBackAndTheyStillDo() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).log(l -> { }).start();
             Client client = cluster.client()) {
            List<Long> pidsBefore = pids(cluster);
            // a fresh JVM cannot start and register within the first poll
            assertThatThrownBy(() -> client.restart(Duration.ZERO))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("of 2 workers came back within 0 ms");
            assertThat(NannyClusterTest.waitFor(() -> client.schedulerInfo().workers().stream()
                    .filter(w -> w.status() == WorkerStatus.RUNNING).count() == 2, 90)).isTrue();
            assertThat(pids(cluster)).doesNotContainAnyElementsOf(pidsBefore);
            assertThat(client.gather(client.map((Integer i) -> i + 1, List.of(1, 2)))).containsExactly(2, 3);
        }
    }

    @Test
    void workersThatAreThreadsStayAndAreEmptied() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).start(); Client client = cluster.client()) {
            List<ClusterFuture<Integer>> held = client.map((Integer i) -> i + 1, List.of(1, 2, 3));
            assertThat(client.gather(held)).containsExactly(2, 3, 4);
            List<String> before = client.schedulerInfo().workerAddresses();

            client.restart(Duration.ofSeconds(30));

            List<WorkerSummary> after = client.schedulerInfo().workers();
            assertThat(after.stream().map(WorkerSummary::address).toList()).containsExactlyInAnyOrderElementsOf(before);
            assertThat(after).allMatch(w -> w.status() == WorkerStatus.RUNNING);
            assertThat(cluster.nannies()).isEmpty();
            assertThat(held).allMatch(f -> f.status() == ClusterFuture.Status.CANCELLED);
            assertThat(client.hasWhat().values()).allMatch(List::isEmpty);
            assertThat(client.gather(client.map((Integer i) -> i * 3, List.of(1, 2)))).containsExactly(3, 6);
        }
    }
}
