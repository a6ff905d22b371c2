package io.jdask.distributed.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Worker processes with a memory limit spill to their local directory: data three times the
 * workers' limits together is held by spilling, read back for local tasks and served to peers
 * from the spill files, results equal a plain loop's, and closing the cluster deletes every
 * spill file. The workers watch their process's memory (heap and direct buffers, about 10 MiB
 * before any data), so spilling and pausing follow the process, not only the store's own bytes.
 * Under transfer load a worker's live heap can still pass the terminate fraction now and then (see
 * docs/distributed.md); its nanny then restarts it and lost values are recomputed, so the results
 * are the same either way.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SpillingClusterTest {
    private static final int CHUNKS = 1536;
    private static final int DOUBLES = 1 << 17; // 1 MiB per chunk
    private static final long LIMIT = 256L << 20;  // 256 MiB per worker, 2 workers: 1.5 GiB of data is 3x the limits

    static double[] chunk(int i) {
        Random rng = new Random(1000 + i);
        double[] a = new double[DOUBLES];
        for (int j = 0; j < a.length; j++) {
            a[j] = rng.nextDouble() - 0.5;
        }
        return a;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    static List<Path> files(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("worker.lock")).toList();
        }
    }

    @Test
    void dataThreeTimesTheMemoryLimitsIsComputedBySpillingAndCloseDeletesTheSpillFiles(@TempDir Path tmp) throws Exception {
        Path space = tmp.resolve("worker-space");
        List<Double> actual = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true)
                .memoryLimit(LIMIT).localDirectory(space)
                // restarts above the terminate fraction happen under transfer load (see the class comment):
                // let a task outlive more of them than the default 3 before it errs as KilledWorker
                .schedulerConfig(io.jdask.distributed.scheduler.state.SchedulerConfig.defaults().withAllowedFailures(20))
                .start();
             Client client = cluster.client()) {
            List<ClusterFuture<double[]>> chunks = client.map((Integer i) -> chunk(i), IntStream.range(0, CHUNKS).boxed().toList());
            client.wait(chunks, Duration.ofSeconds(60));
            assertThat(files(space)).as("spill files while %d MiB are held by workers limited to %d MiB each", CHUNKS, LIMIT >> 20)
                    .isNotEmpty();
            List<ClusterFuture<Double>> dots = new ArrayList<>();
            for (int i = 0; i < CHUNKS; i++) {
                // neighbours often live on the other worker: its value is served from its spill file
                dots.add(client.submit((double[] a, double[] b) -> dot(a, b), chunks.get(i), chunks.get((i + 1) % CHUNKS)));
            }
            actual.addAll(client.gather(dots));
            double[] back = client.gather(chunks.get(7));
            assertThat(back).isEqualTo(chunk(7));
            int restarts = cluster.nannies().stream().mapToInt(io.jdask.distributed.nanny.Nanny::restarts).sum();
            System.err.println("SpillingClusterTest: " + restarts + " restart(s) of a worker above the terminate fraction");
        }
        for (int i = 0; i < CHUNKS; i++) {
            assertThat(actual.get(i)).as("dot %d", i).isEqualTo(dot(chunk(i), chunk((i + 1) % CHUNKS)));
        }
        assertThat(files(space)).as("files left under the local directory after close").isEmpty();
        try (Stream<Path> dirs = Files.list(space)) {
            assertThat(dirs.toList()).as("worker directories left after close").isEmpty();
        }
    }
}
