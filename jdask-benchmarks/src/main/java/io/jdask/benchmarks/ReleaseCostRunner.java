package io.jdask.benchmarks;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * What releasing a {@code map}'s futures one by one costs the scheduler+client JVM: a local
 * cluster of 2 worker processes x 1 thread; each round maps and gathers N no-op tasks, waits
 * 1.5 s, then takes this process's CPU time over {@code fs.forEach(ClusterFuture::release)} and a
 * {@code hasWhat()} request (which the releases reach the scheduler before), and again with the
 * following 1.5 s (the scheduler's handling of what was still queued), per key released.
 * Usage: {@code ReleaseCostRunner [rounds=4] [tasks=50000]}.
 */
public final class ReleaseCostRunner {
    private ReleaseCostRunner() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).start();
             Client client = cluster.client()) {
            for (int round = 0; round < rounds; round++) {
                List<ClusterFuture<Integer>> fs = client.map((Integer x) -> x + 1, IntStream.range(0, n).boxed().toList());
                client.gather(fs);
                Thread.sleep(1500);
                long c0 = Timing.cpuNanos();
                fs.forEach(ClusterFuture::release);
                client.hasWhat();
                long c1 = Timing.cpuNanos();
                Thread.sleep(1500);
                long c2 = Timing.cpuNanos();
                System.out.printf(Locale.ROOT, "ROUND %d | %d keys | release one by one + hasWhat: %.2f us/key | with the following 1.5 s: %.2f us/key | load %s%n",
                        round, n, (c1 - c0) / 1e3 / n, (c2 - c0) / 1e3 / n, Timing.load());
            }
        }
    }
}
