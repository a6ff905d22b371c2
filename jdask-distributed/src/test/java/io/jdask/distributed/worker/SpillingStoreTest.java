package io.jdask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.distributed.worker.store.MemoryThresholds;
import io.jdask.graph.Key;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The worker's store seam over the spilling store: spills, serves spilled values from disk, cleans up. */
class SpillingStoreTest {

    static double[] values(int n, double base) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = base + i * 0.25;
        }
        return a;
    }

    @Test
    void spillsAboveTheTargetServesSpilledValuesWithoutUnspillingAndCloseDeletesItsDirectory(@TempDir Path root) throws Exception {
        SpillingStore s = SpillingStore.open(root, MemoryThresholds.defaults(100_000)); // target 60 000 bytes
        Path dir = s.directory();
        assertThat(dir.getParent()).isEqualTo(root);
        for (int i = 0; i < 10; i++) {
            s.put(Key.of("x", i), values(2000, i), 16_000); // 16 000 bytes each: 160 000 in all
        }
        assertThat(s.size()).isEqualTo(10);
        assertThat(s.memoryBytes()).isLessThanOrEqualTo(60_000);
        assertThat(s.spilling().isSpilled(Key.of("x", 0))).as("least recently used is spilled").isTrue();

        var payload = s.serialized(Key.of("x", 0), TaskCodec.standard());
        assertThat((double[]) TaskCodec.standard().readValue(payload)).isEqualTo(values(2000, 0));
        assertThat(s.spilling().isSpilled(Key.of("x", 0))).as("still on disk after serving it").isTrue();

        assertThat((double[]) s.get(Key.of("x", 0))).isEqualTo(values(2000, 0));
        assertThat(s.contains(Key.of("x", 0))).isTrue();
        s.remove(Key.of("x", 0));
        assertThat(s.contains(Key.of("x", 0))).isFalse();
        assertThatThrownBy(() -> s.serialized(Key.of("x", 0), TaskCodec.standard())).isInstanceOf(NoSuchElementException.class);

        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).count()).as("spill files plus the lock file").isGreaterThan(1);
        }
        s.close();
        assertThat(dir).doesNotExist();
    }
}
