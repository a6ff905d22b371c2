package io.jdask.cli;

import io.jdask.Delayed;
import io.jdask.array.Array;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Datasets;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.nanny.AotCache;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code jdask aot-train}: a training run that writes the AOT cache of worker processes (Java
 * 25+). It starts a local cluster of worker processes that record what they load and run, runs
 * a representative workload on it (many small tasks, a reduction tree, an array and a dataframe
 * computation), closes it, and assembles what a worker recorded into {@code
 * <dir>/worker-<key>.aot} (see {@link AotCache}). Workers started later by this distribution (by
 * {@code jdask worker} or a local cluster) with the same JDK and jars use it.
 *
 * <p>The launcher ({@code bin/jdask}) also records this JVM (the one that runs the scheduler and
 * the client) during {@code aot-train}, into {@code <dir>/jdask-<key>.aot}, and passes that cache
 * to later {@code jdask} commands such as {@code jdask scheduler}.
 */
@Command(
        name = "aot-train",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Java 25+: run a training workload on a local cluster and write the ahead-of-time (AOT) cache"
                + " that later worker processes start with (their hot paths run compiled sooner).")
final class AotTrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Folder of the AOT caches (default: the system property jdask.aot.dir, which bin/jdask sets"
                    + " to $JDASK_AOT_DIR or <distribution>/aot).")
    Path dir;

    @Option(names = "--workers", paramLabel = "N", defaultValue = "2", description = "Worker processes (default ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "20000",
            description = "Tasks of each small-task round (default ${DEFAULT-VALUE}); more trains longer.")
    int tasks;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!AotCache.supported()) {
            spec.commandLine().getErr().println("jdask aot-train: AOT caches need Java " + AotCache.MIN_JAVA + " or newer; this is Java "
                    + Runtime.version() + " (nothing written)");
            return 1;
        }
        Path folder = dir != null ? dir : System.getProperty(AotCache.DIR_PROPERTY) != null ? Path.of(System.getProperty(AotCache.DIR_PROPERTY))
                : null;
        if (folder == null) {
            spec.commandLine().getErr().println("jdask aot-train: no folder for the caches: pass --dir DIR");
            return 2;
        }
        if (workers < 1 || tasks < 1) {
            spec.commandLine().getErr().println("jdask aot-train: --workers and --tasks must be at least 1");
            return 2;
        }
        Files.createDirectories(folder);
        long t0 = System.nanoTime();
        List<String> record = AotCache.recordOptions(AotCache.recordedConfigurations(folder));
        try (LocalCluster cluster = LocalCluster.builder().workers(workers).threadsPerWorker(1).processes(true).jvmOptions(record).start();
             Client client = cluster.client()) {
            for (int round = 0; round < 3; round++) {
                workload(client, tasks);
            }
        }
        Path cache = AotCache.assembleRecorded(folder);
        out.printf(Locale.ROOT, "worker AOT cache %s (%.1f MB), trained in %.1f s%n", cache, Files.size(cache) / 1e6, (System.nanoTime() - t0) / 1e9);
        out.flush();
        return 0;
    }

    /** One round of the training workload; every result is checked, so a broken cluster fails the training. */
    static void workload(Client client, int tasks) {
        List<ClusterFuture<Integer>> fs = client.map((Integer x) -> x + 1, IntStream.range(0, tasks).boxed().toList());
        List<Integer> got = client.gather(fs);
        for (int i = 0; i < tasks; i++) {
            if (got.get(i) != i + 1) {
                throw new IllegalStateException("training: map gave " + got.get(i) + " for " + i);
            }
        }
        fs.forEach(ClusterFuture::release);

        int leaves = Math.max(2, tasks / 2);
        long sum = tree(leaves).compute();
        long expected = (long) leaves * (leaves + 1) / 2;
        if (sum != expected) {
            throw new IllegalStateException("training: tree sum " + sum + ", expected " + expected);
        }

        Array a = Array.random(new int[] {400, 300}, new int[] {50, 50}, 7);
        double total = a.add(a).sum().compute().scalar();
        double twice = 2 * a.sum().compute().scalar();
        if (Math.abs(total - twice) > 1e-6 * Math.max(1, Math.abs(twice))) {
            throw new IllegalStateException("training: array sums " + total + " and " + twice + " differ");
        }

        Instant start = Instant.parse("2000-01-01T00:00:00Z");
        DataFrame df = Datasets.timeseries(start, start.plus(Duration.ofDays(4)), Duration.ofMinutes(10), Duration.ofDays(1), 11);
        long rows = df.compute().numRows();
        if (rows <= 0) {
            throw new IllegalStateException("training: the dataframe came back empty");
        }
        df.col("x").sum().compute();
    }

    /** A binary sum tree over {@code leaves} tasks {@code i + 1}: {@code 2 * leaves - 1} tasks. */
    private static Delayed<Long> tree(int leaves) {
        List<Delayed<Long>> level = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            level.add(Delayed.call(x -> (long) x + 1, Delayed.value(i)));
        }
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>(level.size() / 2 + 1);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Delayed.call(Long::sum, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }
}
