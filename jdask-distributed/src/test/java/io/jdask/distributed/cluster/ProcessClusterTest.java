package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Worker processes on 127.0.0.1: results equal the local scheduler's on seeded random graphs, a
 * worker killed with SIGKILL mid-computation changes nothing, a task that kills every worker it
 * runs on errs naming itself, and closing the cluster leaves no process behind.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessClusterTest {

    /** A random DAG of delayed longs: each node combines up to three earlier nodes. */
    static Delayed<Long> randomGraph(long seed, int n, long sleepMillis) {
        Random rng = new Random(seed);
        List<Delayed<Long>> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long salt = rng.nextInt(1000);
            int deps = nodes.isEmpty() ? 0 : rng.nextInt(Math.min(3, nodes.size()) + 1);
            Delayed<Long> d = switch (deps) {
                case 0 -> Delayed.value(salt);
                case 1 -> Delayed.call((Long a) -> pause(sleepMillis, a * 31 + salt), pick(nodes, rng));
                case 2 -> Delayed.call((Long a, Long b) -> pause(sleepMillis, a * 17 - b + salt), pick(nodes, rng), pick(nodes, rng));
                default -> Delayed.call((Long a, Long b, Long c) -> pause(sleepMillis, (a ^ b) + c * 7 + salt), pick(nodes, rng), pick(nodes, rng), pick(nodes, rng));
            };
            nodes.add(d);
        }
        // one result that reads every node (a pairwise tree), so the whole graph runs
        List<Delayed<Long>> level = nodes;
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Delayed.call((Long a, Long b) -> a * 3 + b, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    static Delayed<Long> pick(List<Delayed<Long>> nodes, Random rng) {
        return nodes.get(nodes.size() - 1 - rng.nextInt(Math.min(nodes.size(), 20)));
    }

    static long pause(long millis, long v) throws InterruptedException {
        if (millis > 0) {
            Thread.sleep(millis);
        }
        return v;
    }

    static long local(Delayed<Long> d) {
        try (var s = Schedulers.use(Schedulers.sync())) {
            return d.compute();
        }
    }

    @Test
    void randomGraphsGiveTheLocalResultsAndCloseLeavesNoProcess() throws Exception {
        List<ProcessHandle> handles;
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).start();
             Client client = cluster.client()) {
            handles = cluster.workerProcesses();
            assertThat(handles).hasSize(2).allMatch(ProcessHandle::isAlive);
            assertThat(cluster.workerAddresses()).hasSize(2).allMatch(a -> a.startsWith("tcp://127.0.0.1:"));
            for (long seed = 0; seed < 3; seed++) {
                Delayed<Long> d = randomGraph(seed, 60 + (int) seed * 20, 0);
                long expected = local(d);
                assertThat(d.compute()).as("seed %d", seed).isEqualTo(expected);
            }
        }
        for (ProcessHandle h : handles) {
            assertThat(h.isAlive()).as("worker process %d after close", h.pid()).isFalse();
        }
    }

    @Test
    void aWorkerKilledMidComputationDoesNotChangeTheResult() throws Exception {
        Delayed<Long> d = randomGraph(42, 60, 20);
        long expected = local(randomGraph(42, 60, 0));
        List<ProcessHandle> handles;
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).start();
             Client client = cluster.client()) {
            handles = cluster.workerProcesses();
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(400);
                } catch (InterruptedException e) {
                    return;
                }
                handles.get(1).destroyForcibly(); // SIGKILL
            });
            killer.start();
            assertThat(d.compute()).isEqualTo(expected);
            killer.join();
            assertThat(handles.get(1).isAlive()).isFalse();
            // the cluster still works with the workers left
            assertThat(d.compute()).isEqualTo(expected);
        }
        for (ProcessHandle h : handles) {
            assertThat(h.isAlive()).isFalse();
        }
    }

    @Test
    void aTaskThatKillsEveryWorkerItRunsOnErrsNamingIt() throws Exception {
        try (LocalCluster cluster = LocalCluster.builder().workers(3).threadsPerWorker(1).processes(true).start();
             Client client = cluster.client()) {
            io.jdask.distributed.client.ClusterFuture<Integer> killer = client.submit(() -> {
                Runtime.getRuntime().halt(3);
                return 0;
            });
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> killer.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.ExecutionException.class)
                    .cause().isInstanceOf(io.jdask.scheduler.TaskFailedException.class)
                    .hasMessageContaining(killer.key().toString())
                    .hasMessageContaining("io.jdask.distributed.KilledWorker")
                    .hasMessageContaining("was running on 3 workers that died");
            // each worker that ran it halted itself, and its nanny started it again
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (cluster.nannies().stream().mapToInt(io.jdask.distributed.nanny.Nanny::restarts).sum() < 3
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(cluster.nannies().stream().mapToInt(io.jdask.distributed.nanny.Nanny::restarts).sum()).isGreaterThanOrEqualTo(3);
        }
    }
}
