package io.jdask.distributed.worker.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.Serialized;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataStoreTest {
    private static final Serialization SER = Serialization.builder().register(new TestBlock.Serializer()).fallback("fory").build();

    @TempDir
    Path dir;

    /** A plain (non-block) value, written by Fory. */
    record Reading(String station, List<Double> values, Map<String, Integer> counts) {}

    private static TestBlock block(long seed, int rows, int cols) {
        Random r = new Random(seed);
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return new TestBlock(rows, cols, d);
    }

    private static Reading reading(long seed) {
        Random r = new Random(seed);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            values.add(r.nextDouble());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            counts.put("k" + i, r.nextInt());
        }
        return new Reading("station-" + seed, values, counts);
    }

    private DataStore store(long limit) {
        return DataStore.builder(dir.resolve("spill")).serialization(SER).thresholds(MemoryThresholds.defaults(limit)).build();
    }

    private long filesIn(Path d) throws IOException {
        if (!Files.exists(d)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(d)) {
            return s.count();
        }
    }

    @Test
    void blockSizesAreExactThroughTheirSerializer() {
        try (DataStore s = store(0)) {
            s.put(Key.of("b"), block(1, 100, 10));
            assertThat(s.sizeOf(Key.of("b"))).isEqualTo(32 + 8 * 1000);
            s.put(Key.of("arr"), new double[500]);
            assertThat(s.sizeOf(Key.of("arr"))).isEqualTo(16 + 8 * 500);
            assertThat(s.memoryBytes()).isEqualTo(32 + 8000 + 16 + 4000);
        }
    }

    @Test
    void aWorkloadThreeTimesTheLimitFitsBySpillingAndComesBackEqual() throws IOException {
        long limit = 1_000_000;
        int blocks = 36;              // 36 blocks of ~80 KB and 36 readings of ~16 KB: > 3x the limit
        Path spill = dir.resolve("spill");
        long produced = 0;
        try (DataStore s = store(limit)) {
            for (int i = 0; i < blocks; i++) {
                s.put(Key.of("block", i), block(i, 100, 100));
                s.put(Key.of("reading", i), reading(1000 + i));
                produced += s.sizeOf(Key.of("block", i)) + s.sizeOf(Key.of("reading", i));
                assertThat(s.memoryBytes()).isLessThanOrEqualTo(s.thresholds().targetBytes());
            }
            assertThat(produced).isGreaterThan(3 * limit);
            StoreMetrics m = s.metrics();
            assertThat(m.spilledCount()).isPositive();
            assertThat(m.spilledCount() + m.memoryCount()).isEqualTo(2 * blocks);
            assertThat(m.memoryBytes() + m.spilledBytes()).isEqualTo(produced);
            assertThat(filesIn(spill)).isEqualTo(m.spilledCount());
            assertThat(m.diskBytes()).isPositive();
            assertThat(m.unspillableCount()).isZero();

            for (int i = 0; i < blocks; i++) {
                assertThat(s.get(Key.of("block", i))).isEqualTo(block(i, 100, 100));
                assertThat(s.get(Key.of("reading", i))).isEqualTo(reading(1000 + i));
                assertThat(s.memoryBytes()).isLessThanOrEqualTo(s.thresholds().targetBytes());
            }
            assertThat(s.metrics().unspillsTotal()).isPositive();
            assertThat(filesIn(spill)).isEqualTo(s.metrics().spilledCount());

            for (int i = 0; i < blocks / 2; i++) {
                s.remove(Key.of("block", i));
                s.remove(Key.of("reading", i));
            }
            assertThat(filesIn(spill)).isEqualTo(s.metrics().spilledCount());
            assertThat(s.keys()).hasSize(blocks);
        }
        assertThat(filesIn(spill)).isZero();
    }

    @Test
    void peekingASpilledValueLeavesItOnDiskAndGivesOtherValuesThanStreamedBlocksAsTheirBytes() {
        try (DataStore s = store(1L << 30)) {
            double[] array = new double[5_000];
            java.util.Arrays.setAll(array, i -> i * 0.5);
            s.put(Key.of("arr"), array);
            s.put(Key.of("reading"), reading(7));
            s.spill(Long.MAX_VALUE);
            assertThat(s.isSpilled(Key.of("arr"))).isTrue();
            assertThat(s.isSpilled(Key.of("reading"))).isTrue();

            assertThat((double[]) s.peek(Key.of("arr"))).containsExactly(array); // streamed straight into an array
            Object packed = s.peek(Key.of("reading"));
            assertThat(packed).isInstanceOf(DataStore.Packed.class);
            assertThat(SER.deserialize(((DataStore.Packed) packed).serialized())).isEqualTo(reading(7));
            assertThat(s.isSpilled(Key.of("arr"))).isTrue();
            assertThat(s.isSpilled(Key.of("reading"))).isTrue();
        }
    }

    @Test
    void spillsTheLeastRecentlyUsedFirst() {
        // each block is 32 + 8 * 1000 = 8032 bytes; the target (0.6 * 40,000 = 24,000) holds two
        try (DataStore s = store(40_000)) {
            s.put(Key.of("a"), block(1, 10, 100));
            s.put(Key.of("b"), block(2, 10, 100));
            s.put(Key.of("c"), block(3, 10, 100));
            assertThat(s.isSpilled(Key.of("a"))).isTrue();
            assertThat(s.isSpilled(Key.of("b"))).isFalse();
            s.get(Key.of("b"));                       // b is now more recent than c
            s.put(Key.of("d"), block(4, 10, 100));
            assertThat(s.isSpilled(Key.of("c"))).isTrue();
            assertThat(s.isSpilled(Key.of("b"))).isFalse();
            assertThat(s.isSpilled(Key.of("d"))).isFalse();
            assertThat(s.get(Key.of("a"))).isEqualTo(block(1, 10, 100)); // unspilled: b is now the LRU
            assertThat(s.isSpilled(Key.of("a"))).isFalse();
            assertThat(s.isSpilled(Key.of("b"))).isTrue();
            assertThat(s.isSpilled(Key.of("d"))).isFalse();
        }
    }

    @Test
    void aValueLargerThanTheTargetGoesStraightToDiskWithoutEvictingOthers() {
        try (DataStore s = store(40_000)) {
            s.put(Key.of("a"), block(1, 10, 100));
            s.put(Key.of("b"), block(2, 10, 100));
            s.put(Key.of("huge"), block(3, 100, 100));     // 80,032 bytes > the 24,000-byte target
            assertThat(s.isSpilled(Key.of("huge"))).isTrue();
            assertThat(s.isSpilled(Key.of("a"))).isFalse();
            assertThat(s.isSpilled(Key.of("b"))).isFalse();
            assertThat(s.memoryBytes()).isEqualTo(2 * 8032);
            assertThat(s.get(Key.of("huge"))).isEqualTo(block(3, 100, 100)); // read back, then the others go first
            assertThat(s.isSpilled(Key.of("a"))).isTrue();
            assertThat(s.isSpilled(Key.of("b"))).isTrue();
        }
    }

    @Test
    void spillOnDemandFreesAtLeastTheBytesAskedOldestFirst() {
        try (DataStore s = store(0)) {
            for (int i = 0; i < 5; i++) {
                s.put(Key.of("x", i), block(i, 10, 100));
            }
            assertThat(s.metrics().spilledCount()).isZero();   // no limit: never spills by itself
            long freed = s.spill(10_000);
            assertThat(freed).isEqualTo(2 * 8032);
            assertThat(s.isSpilled(Key.of("x", 0))).isTrue();
            assertThat(s.isSpilled(Key.of("x", 1))).isTrue();
            assertThat(s.isSpilled(Key.of("x", 2))).isFalse();
            assertThat(s.metrics().spilledBytesTotal()).isEqualTo(2 * 8032);
        }
    }

    @Test
    void unserializableValuesStayInMemoryAndAreCounted() {
        try (DataStore s = DataStore.builder(dir.resolve("spill")).serialization(SER)
                .thresholds(MemoryThresholds.defaults(1000)).sizer(v -> 400).build()) {
            Runnable notSerializable = () -> { };
            s.put(Key.of("lambda"), notSerializable);
            s.put(Key.of("ok1"), "a string value");
            s.put(Key.of("ok2"), "another string value");
            StoreMetrics m = s.metrics();
            assertThat(s.isSpilled(Key.of("lambda"))).isFalse();
            assertThat(m.unspillableCount()).isEqualTo(1);
            assertThat(m.unspillableBytes()).isEqualTo(400);
            assertThat(s.get(Key.of("lambda"))).isSameAs(notSerializable);
            assertThat(s.isSpilled(Key.of("ok1"))).isTrue();
            assertThat(s.get(Key.of("ok1"))).isEqualTo("a string value");
            s.remove(Key.of("lambda"));
            assertThat(s.metrics().unspillableCount()).isZero();
            assertThat(s.metrics().unspillableBytes()).isZero();
        }
    }

    @Test
    void serializedFormOfASpilledValueIsReadWithoutUnspilling() {
        try (DataStore s = store(0)) {
            TestBlock b = block(7, 20, 20);
            s.put(Key.of("b"), b);
            s.spill(1);
            Serialized bytes = s.getSerialized(Key.of("b"));
            assertThat(s.isSpilled(Key.of("b"))).isTrue();
            assertThat(bytes.typeId()).isEqualTo("test.block");
            assertThat(SER.deserialize(bytes)).isEqualTo(b);
            assertThat(s.metrics().unspillsTotal()).isZero();
        }
    }

    @Test
    void replacingAndRemovingDeleteSpillFilesAndNullsAreValues() throws IOException {
        Path spill = dir.resolve("spill");
        try (DataStore s = store(0)) {
            s.put(Key.of("k"), block(1, 10, 10));
            s.spill(Long.MAX_VALUE);
            assertThat(filesIn(spill)).isEqualTo(1);
            s.put(Key.of("k"), block(2, 10, 10));
            assertThat(filesIn(spill)).isZero();
            assertThat(s.get(Key.of("k"))).isEqualTo(block(2, 10, 10));
            s.put(Key.of("n"), null);
            s.spill(Long.MAX_VALUE);
            assertThat(s.get(Key.of("n"))).isNull();
            assertThat(s.remove(Key.of("k"))).isTrue();
            assertThat(s.remove(Key.of("k"))).isFalse();
            assertThatThrownBy(() -> s.get(Key.of("k"))).isInstanceOf(NoSuchElementException.class).hasMessageContaining("k");
        }
    }

    @Test
    void aCorruptSpillFileIsReportedWithItsName() throws IOException {
        Path spill = dir.resolve("spill");
        try (DataStore s = store(0)) {
            s.put(Key.of("k"), block(1, 10, 10));
            s.spill(Long.MAX_VALUE);
            Path file;
            try (Stream<Path> files = Files.list(spill)) {
                file = files.findFirst().orElseThrow();
            }
            Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
            assertThatThrownBy(() -> s.get(Key.of("k"))).hasMessageContaining(file.toString()).hasMessageContaining("corrupt");
            assertThat(s.contains(Key.of("k"))).isFalse();
            assertThat(filesIn(spill)).isZero();
        }
    }

    @Test
    void aClosedStoreRefusesWork() {
        DataStore s = store(0);
        s.close();
        assertThatThrownBy(() -> s.put(Key.of("a"), 1)).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
