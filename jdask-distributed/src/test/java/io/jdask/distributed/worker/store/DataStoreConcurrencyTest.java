package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task threads putting, reading and dropping values at once, under a limit that forces spilling. */
class DataStoreConcurrencyTest {
    private static final Serialization SER = Serialization.builder().register(new TestBlock.Serializer()).build();

    @TempDir
    Path dir;

    private static TestBlock block(int key) {
        Random r = new Random(key);
        double[] d = new double[500];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextDouble();
        }
        return new TestBlock(5, 100, d);
    }

    @Test
    void concurrentPutsGetsAndRemovesKeepValuesAndCountersRight() throws Exception {
        int threads = 4;
        int perThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (DataStore s = DataStore.builder(dir).serialization(SER).thresholds(MemoryThresholds.defaults(100_000)).build()) {
            List<Future<Integer>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                fs.add(pool.submit(() -> {
                    Random r = new Random(thread);
                    int checked = 0;
                    for (int i = 0; i < perThread; i++) {
                        int k = thread * perThread + i;
                        s.put(Key.of("b", k), block(k));
                        int back = thread * perThread + r.nextInt(i + 1);
                        if (s.contains(Key.of("b", back))) {
                            assertThat(s.get(Key.of("b", back))).isEqualTo(block(back));
                            checked++;
                        }
                        if (i % 3 == 2) {
                            s.remove(Key.of("b", k - 1));
                        }
                    }
                    return checked;
                }));
            }
            for (Future<Integer> f : fs) {
                assertThat(f.get(120, TimeUnit.SECONDS)).isPositive();
            }
            StoreMetrics m = s.metrics();
            int expected = threads * (perThread - perThread / 3);
            assertThat(s.keys()).hasSize(expected);
            assertThat(m.memoryCount() + m.spilledCount()).isEqualTo(expected);
            assertThat(m.memoryBytes()).isLessThanOrEqualTo(s.thresholds().targetBytes());
            assertThat(m.memoryBytes() + m.spilledBytes()).isEqualTo((long) expected * (32 + 8 * 500));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.count()).isEqualTo(m.spilledCount());
            }
            for (Key k : s.keys()) {
                assertThat(s.get(k)).isEqualTo(block(k.index(0)));
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.count()).isZero();
        }
    }
}
