package io.jdask.benchmarks;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The distributed part of {@code shared/bench/anchors/bench_f_overhead.py}, side by side: a local
 * cluster of 2 worker processes with 1 thread each; its start-up time (cluster + client), {@code
 * client.gather(client.map(inc, range(N)))} for N = 10,000 and 50,000, and the delayed binary sum
 * tree over 10,000 {@code inc} leaves (19,999 tasks) computed on the cluster. Prints {@code RESULT
 * | ...} lines like the anchor.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.DistributedOverheadRunner [repeats]
 * </pre>
 */
public final class DistributedOverheadRunner {
    private DistributedOverheadRunner() {}

    /**
     * @param args optional number of timed repeats (default 3, like the anchor)
     * @throws Exception when the cluster cannot start or a result is wrong
     */
    public static void main(String[] args) throws Exception {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        for (double saturation : new double[] {SchedulerConfig.defaults().saturation(), Double.POSITIVE_INFINITY}) {
            run(repeats, saturation);
        }
    }

    private static void run(int repeats, double saturation) throws Exception {
        String label = "jdask distributed 2x1, saturation=" + saturation + (saturation == SchedulerConfig.defaults().saturation() ? " (default)" : "");
        long t0 = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true)
                .schedulerConfig(SchedulerConfig.defaults().withSaturation(saturation)).start();
             Client client = cluster.client()) {
            double startup = (System.nanoTime() - t0) / 1e9;
            report("f overhead", "2 workers x 1 thread", "jdask LocalCluster(processes)+Client start-up, " + label, startup, 0, "1 run");
            mapGather(client, 1000); // warm-up
            for (int n : new int[] {10_000, 50_000}) {
                double s = median(repeats, () -> mapGather(client, n));
                report("f overhead client.map+gather", "N=" + n, label, s, n, "median of " + repeats);
            }
            int leaves = 10_000;
            Delayed<Long> tree = OverheadWorkloads.tree(leaves);
            long expected = OverheadWorkloads.treeExpected(leaves);
            double s = median(repeats, () -> {
                long t = System.nanoTime();
                long r = tree.compute();
                if (r != expected) {
                    throw new AssertionError("tree: " + r + ", expected " + expected);
                }
                return System.nanoTime() - t;
            });
            report("f overhead delayed sum tree", (2 * leaves - 1) + " tasks", label + " (compute)", s, 2 * leaves - 1,
                    "median of " + repeats);
        }
    }

    private static long mapGather(Client client, int n) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        long t = System.nanoTime();
        List<ClusterFuture<Integer>> fs = client.map((Integer x) -> x + 1, items);
        List<Integer> out = client.gather(fs);
        long elapsed = System.nanoTime() - t;
        if (out.size() != n || out.get(n - 1) != n) {
            throw new AssertionError("map+gather returned a wrong result");
        }
        fs.forEach(ClusterFuture::release);
        return elapsed;
    }

    private interface Timed {
        long nanos();
    }

    private static double median(int repeats, Timed timed) {
        timed.nanos(); // warm-up
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            times.add(timed.nanos());
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(t);
        return t[t.length / 2] / 1e9;
    }

    private static void report(String workload, String size, String tool, double seconds, int tasks, String notes) {
        System.out.printf(Locale.ROOT, "RESULT | %s | %s | %s | %.4f | %s | %s%n", workload, size, tool, seconds,
                tasks == 0 ? "" : String.format(Locale.ROOT, "%,.0f tasks/s", tasks / seconds), notes);
    }
}
