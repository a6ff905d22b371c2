package io.jdask.benchmarks;

import io.jdask.Delayed;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.nanny.AotCache;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * | ...} lines like the anchor, each with the CPU time per task of this process (scheduler and
 * client) and of the worker processes, and the load average.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.DistributedOverheadRunner [repeats]
 *     [--saturation 1.1|inf] [--only map|tree] [--warmup 1] [--worker-jvm "-XX:StartFlightRecording=..."]
 *     [--aot-train DIR | --aot DIR]
 * </pre>
 *
 * <p>{@code --aot-train DIR} is a training run (Java 25+): its workers record what they load and
 * run, and when it is done their AOT cache is written to DIR; {@code --aot DIR} runs the workers
 * with that cache (see {@code AotCache}). For this JVM (scheduler and client) the JDK's own options
 * do the same: {@code -XX:AOTCacheOutput=DIR/runner.aot} on the training run, {@code
 * -XX:AOTCache=DIR/runner.aot} on the measured one (with {@code -XX:+UnlockDiagnosticVMOptions
 * -XX:-AOTReplayTraining}, as the workers get by default, for the cache's classes without its
 * training profiles).
 *
 * <p>Each workload runs {@code --warmup} untimed times (default 1) before its timed repeats. The
 * JVMs are still compiling after one run (the JIT's threads are part of the CPU figures), so the
 * default measures a cluster that has just started; a larger value measures a warmed-up one.
 */
public final class DistributedOverheadRunner {
    private DistributedOverheadRunner() {}

    /**
     * @param args optional number of timed repeats (default 3, like the anchor), then options:
     *     {@code --saturation X} (one value instead of both 1.1 and infinite), {@code --only map|tree},
     *     {@code --warmup N} (untimed runs of each workload before the timed ones, default 1),
     *     {@code --worker-jvm OPTS} (space-separated JVM options for the worker processes, e.g. to profile them),
     *     {@code --aot-train DIR} (Java 25+: the workers record what they load and run; when done, their
     *     AOT cache is written to DIR), {@code --aot DIR} (the workers use the AOT cache in DIR, when there is
     *     one for this JDK and class path), {@code --no-stealing} (the scheduler does not steal work),
     *     {@code --each} (also print every timed run's wall and CPU times, not just the medians)
     * @throws Exception when the cluster cannot start or a result is wrong
     */
    public static void main(String[] args) throws Exception {
        int repeats = 3;
        List<Double> saturations = new ArrayList<>(List.of(SchedulerConfig.defaults().saturation(), Double.POSITIVE_INFINITY));
        String only = "";
        int warmup = 1;
        Path aotDir = null;
        boolean train = false;
        List<String> workerJvm = List.of();
        boolean stealing = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--saturation" -> {
                    String v = args[++i];
                    saturations = List.of(v.startsWith("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(v));
                }
                case "--only" -> only = args[++i];
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--worker-jvm" -> workerJvm = List.of(args[++i].trim().split("\\s+"));
                case "--aot" -> aotDir = Path.of(args[++i]);
                case "--no-stealing" -> stealing = false;
                case "--each" -> each = true;
                case "--aot-train" -> {
                    aotDir = Path.of(args[++i]);
                    train = true;
                }
                default -> repeats = Integer.parseInt(args[i]);
            }
        }
        if (aotDir != null && train) {
            Files.createDirectories(aotDir);
            workerJvm = new ArrayList<>(workerJvm);
            workerJvm.addAll(AotCache.recordOptions(AotCache.recordedConfigurations(aotDir)));
        } else if (aotDir != null) {
            System.setProperty(AotCache.DIR_PROPERTY, aotDir.toString());
            System.out.println("worker AOT cache: " + AotCache.workerCacheInUse().map(Path::toString)
                    .orElse("none for this JDK and class path in " + aotDir + " (train one with --aot-train " + aotDir + ")"));
        }
        for (double saturation : saturations) {
            run(repeats, warmup, SchedulerConfig.defaults().withSaturation(saturation).withWorkStealing(stealing), only, workerJvm);
        }
        if (aotDir != null && train) {
            System.out.println("worker AOT cache written: " + AotCache.assembleRecorded(aotDir));
        }
    }

    /** Whether to print every timed run ({@code --each}). */
    private static boolean each;

    private static void run(int repeats, int warmup, SchedulerConfig config, String only, List<String> workerJvm) throws Exception {
        double saturation = config.saturation();
        String label = "jdask distributed 2x1, saturation=" + saturation + (saturation == SchedulerConfig.defaults().saturation() ? " (default)" : "")
                + (config.workStealing() ? "" : ", no stealing");
        long t0 = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true).jvmOptions(workerJvm)
                .schedulerConfig(config).start();
             Client client = cluster.client()) {
            double startup = (System.nanoTime() - t0) / 1e9;
            report("f overhead", "2 workers x 1 thread", "jdask LocalCluster(processes)+Client start-up, " + label, new double[] {startup, 0, 0}, 0, "1 run");
            if (!only.equals("tree")) {
                mapGather(client, 1000); // warm-up
                for (int n : new int[] {10_000, 50_000}) {
                    double[] s = median(warmup, repeats, () -> mapGather(client, n));
                    report("f overhead client.map+gather", "N=" + n, label, s, n, runs(warmup, repeats));
                }
            }
            if (!only.equals("map")) {
                int leaves = 10_000;
                Delayed<Long> tree = OverheadWorkloads.tree(leaves);
                long expected = OverheadWorkloads.treeExpected(leaves);
                double[] s = median(warmup, repeats, () -> {
                    long t = System.nanoTime();
                    long r = tree.compute();
                    if (r != expected) {
                        throw new AssertionError("tree: " + r + ", expected " + expected);
                    }
                    return System.nanoTime() - t;
                });
                report("f overhead delayed sum tree", (2 * leaves - 1) + " tasks", label + " (compute)", s, 2 * leaves - 1,
                        runs(warmup, repeats));
            }
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

    /** @return CPU nanoseconds of the worker processes (this process's descendants) */
    private static long workerCpuNanos() {
        return ProcessHandle.current().descendants()
                .mapToLong(p -> p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)).sum();
    }

    private static String runs(int warmup, int repeats) {
        return "median of " + repeats + (warmup == 1 ? "" : " after " + warmup + " warm-up runs");
    }

    /** @return median wall seconds, median CPU seconds of this process, median CPU seconds of the workers */
    private static double[] median(int warmup, int repeats, Timed timed) {
        for (int i = 0; i < warmup; i++) {
            timed.nanos();
        }
        long[] t = new long[repeats];
        long[] cpu = new long[repeats];
        long[] wcpu = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = Timing.cpuNanos();
            long w0 = workerCpuNanos();
            t[i] = timed.nanos();
            cpu[i] = Timing.cpuNanos() - c0;
            wcpu[i] = workerCpuNanos() - w0;
            if (each) {
                System.out.printf(Locale.ROOT, "RUN %d | %.4f s | CPU scheduler+client %.3f s, workers %.3f s%n", i + 1, t[i] / 1e9, cpu[i] / 1e9, wcpu[i] / 1e9);
            }
        }
        Arrays.sort(t);
        Arrays.sort(cpu);
        Arrays.sort(wcpu);
        return new double[] {t[repeats / 2] / 1e9, cpu[repeats / 2] / 1e9, wcpu[repeats / 2] / 1e9};
    }

    private static void report(String workload, String size, String tool, double[] s, int tasks, String notes) {
        String cpu = tasks == 0 ? "" : String.format(Locale.ROOT, "; CPU/task: scheduler+client %.1f us, workers %.1f us", s[1] * 1e6 / tasks, s[2] * 1e6 / tasks);
        System.out.printf(Locale.ROOT, "RESULT | %s | %s | %s | %.4f | %s | %s%s; load %s%n", workload, size, tool, s[0],
                tasks == 0 ? "" : String.format(Locale.ROOT, "%,.0f tasks/s", tasks / s[0]), notes, cpu, Timing.load());
    }
}
