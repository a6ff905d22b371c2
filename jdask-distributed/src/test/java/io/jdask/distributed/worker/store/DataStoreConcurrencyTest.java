package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import io.jdask.serialize.BlockSerializer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
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

    /** A value whose serializer waits on latches, to hold a spill in the middle of its write. */
    record Slow(String name) {}

    static final class SlowSerializer implements BlockSerializer<Slow> {
        final CountDownLatch writing = new CountDownLatch(1);
        final CountDownLatch proceed = new CountDownLatch(1);

        @Override
        public Class<Slow> type() {
            return Slow.class;
        }

        @Override
        public String typeId() {
            return "test.slow";
        }

        @Override
        public List<ByteBuffer> toFrames(Slow v) {
            writing.countDown();
            try {
                if (!proceed.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the write proceed");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return List.of(ByteBuffer.wrap(v.name().getBytes(StandardCharsets.UTF_8)));
        }

        @Override
        public Slow fromFrames(List<ByteBuffer> frames) {
            ByteBuffer b = frames.get(0);
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            return new Slow(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public long sizeOf(Slow v) {
            return 1000;
        }
    }

    @Test
    void aValueBeingSpilledStaysReadableOthersAreNotBlockedAndRemovingItDeletesItsNewFile() throws Exception {
        SlowSerializer slow = new SlowSerializer();
        Serialization ser = Serialization.builder().register(slow).register(new TestBlock.Serializer()).build();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // the target (0.6 * 2000 = 1200 bytes) holds one Slow value
        try (DataStore s = DataStore.builder(dir).serialization(ser).thresholds(MemoryThresholds.defaults(2000)).build()) {
            s.put(Key.of("other"), "small", Serialization.builder().build());
            s.spill(Long.MAX_VALUE);                        // "other" goes to disk
            s.put(Key.of("a"), new Slow("a"));
            Future<?> putB = pool.submit(() -> s.put(Key.of("b"), new Slow("b")));   // spills "a": blocks in its write
            assertThat(slow.writing.await(60, TimeUnit.SECONDS)).isTrue();

            assertThat(s.get(Key.of("a"))).isEqualTo(new Slow("a"));            // readable while being written
            assertThat(s.get(Key.of("other"))).isEqualTo("small");               // an unspill is not blocked
            assertThat(s.isSpilled(Key.of("a"))).isFalse();
            assertThat(s.remove(Key.of("a"))).isTrue();
            slow.proceed.countDown();
            putB.get(60, TimeUnit.SECONDS);

            assertThat(s.contains(Key.of("a"))).isFalse();
            StoreMetrics m = s.metrics();
            assertThat(m.spilledCount()).isZero();
            assertThat(m.memoryCount()).isEqualTo(2);
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.toList()).as("the removed value's new spill file was deleted").isEmpty();
            }
        } finally {
            slow.proceed.countDown();
            pool.shutdownNow();
        }
    }
}
