package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.nanny.Nanny;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Worker processes under nannies: a worker killed with SIGKILL at random points, again and again,
 * never changes a result and is started again; a worker whose memory passes the terminate fraction
 * of its limit is restarted; closing the cluster leaves no process behind, restarted ones included.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class NannyClusterTest {
    /** Memory a task keeps alive on purpose (the worker's static state dies with its process). */
    static final List<byte[]> HOG = new ArrayList<>();

    static int hog(int mib) throws InterruptedException {
        for (int i = 0; i < mib; i++) {
            HOG.add(new byte[1 << 20]);
        }
        Thread.sleep(60_000);
        return HOG.size();
    }

    static boolean waitFor(BooleanSupplier condition, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    static int restarts(LocalCluster c) {
        return c.nannies().stream().mapToInt(Nanny::restarts).sum();
    }

    static List<ProcessHandle> workerDescendants() {
        return ProcessHandle.current().descendants()
                .filter(h -> commandLine(h).contains("io.jdask.distributed.worker.WorkerMain"))
                .filter(ProcessHandle::isAlive)
                .toList();
    }

    @Test
    void workersKilledAtRandomPointsAgainAndAgainNeverChangeAResultAndAreStartedAgain() throws Exception {
        Random rng = new Random(7);
        Set<ProcessHandle> seen = new HashSet<>();
        List<String> log = new CopyOnWriteArrayList<>();
        int kills = 0;
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).log(log::add).start();
             Client client = cluster.client()) {
            for (int round = 0; round < 3; round++) {
                Delayed<Long> d = ProcessClusterTest.randomGraph(100 + round, 80, 15);
                long expected = ProcessClusterTest.local(ProcessClusterTest.randomGraph(100 + round, 80, 0));
                seen.addAll(cluster.workerProcesses());
                // at most two kills per computation: a task can never be on three workers that died
                int killsThisRound = 1 + rng.nextInt(2);
                List<Long> delays = new ArrayList<>();
                for (int k = 0; k < killsThisRound; k++) {
                    delays.add(100L + rng.nextInt(600));
                }
                int target = rng.nextInt(2);
                List<ProcessHandle> killed = new CopyOnWriteArrayList<>();
                Thread killer = new Thread(() -> {
                    try {
                        for (long delay : delays) {
                            Thread.sleep(delay);
                            // the process running now under one nanny (after a restart, the new one)
                            Nanny n = cluster.nannies().get(target);
                            if (!waitFor(() -> n.process().isPresent(), 30)) {
                                return;
                            }
                            ProcessHandle h = n.process().orElseThrow();
                            h.destroyForcibly(); // SIGKILL
                            killed.add(h);
                            seen.add(h);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                int before = restarts(cluster);
                killer.start();
                assertThat(d.compute()).as("round %d", round).isEqualTo(expected);
                killer.join();
                kills += killed.size();
                int wanted = before + killed.size();
                assertThat(waitFor(() -> restarts(cluster) >= wanted && cluster.workerAddresses().size() == 2
                        && cluster.workerProcesses().size() == 2, 60))
                        .as("both workers back after round %d (restarts %d, want %d); log %s", round, restarts(cluster), wanted, log).isTrue();
                for (ProcessHandle h : killed) {
                    assertThat(h.isAlive()).isFalse();
                }
                // the cluster computes with the restarted workers, with no kill
                assertThat(d.compute()).as("round %d again", round).isEqualTo(expected);
            }
            seen.addAll(cluster.workerProcesses());
            assertThat(restarts(cluster)).isEqualTo(kills);
            assertThat(log).anyMatch(l -> l.contains("was killed by signal 9 (SIGKILL); starting it again"));
        }
        for (ProcessHandle h : seen) {
            assertThat(h.isAlive()).as("worker process %d after close", h.pid()).isFalse();
        }
        assertThat(workerDescendants()).as("worker processes left after close").isEmpty();
    }

    @Test
    void aWorkerWhoseMemoryPassesTheTerminateFractionIsRestarted() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        List<ProcessHandle> seen = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.builder().workers(1).threadsPerWorker(1).processes(true)
                .memoryLimit(64L << 20).log(log::add).start();
             Client client = cluster.client()) {
            ProcessHandle first = cluster.workerProcesses().get(0);
            seen.add(first);
            ClusterFuture<Integer> hog = client.submit((Integer mib) -> hog(mib), 80); // 80 MiB held: above 95% of 64 MiB
            assertThat(waitFor(() -> restarts(cluster) >= 1, 60)).as("restarted; log %s", log).isTrue();
            hog.cancel(true);
            assertThat(first.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            assertThat(log).anyMatch(l -> l.contains("is above 95% of its limit of 64 MiB (heap ") && l.endsWith("in memory); asking its nanny to restart it"));
            assertThat(log).anyMatch(l -> l.contains("nanny local-0: its worker (pid " + first.pid() + ") passed 95% of its memory limit; starting it again"));
            assertThat(waitFor(() -> cluster.workerProcesses().size() == 1 && cluster.workerAddresses().size() == 1, 60)).isTrue();
            seen.addAll(cluster.workerProcesses());
            Delayed<Long> d = ProcessClusterTest.randomGraph(5, 40, 0);
            assertThat(d.compute()).isEqualTo(ProcessClusterTest.local(d));
        }
        for (ProcessHandle h : seen) {
            assertThat(h.isAlive()).as("worker process %d after close", h.pid()).isFalse();
        }
        assertThat(workerDescendants()).isEmpty();
    }

    /** @return the process's arguments from {@code /proc} (ProcessHandle.Info leaves out long command lines), or "" */
    static String commandLine(ProcessHandle h) {
        try {
            return new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc", String.valueOf(h.pid()), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | RuntimeException e) {
            return "";
        }
    }
}
