package io.jdask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.worker.store.MemoryThresholds;
import io.jdask.graph.Key;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process-memory watch fed readings: spill, pause, resume and terminate, once per crossing. */
class MemoryWatchTest {
    private static final long MIB = 1L << 20;

    @Test
    void pausesResumesAndTerminatesOnceOnTheProcessReading() {
        AtomicLong reading = new AtomicLong();
        List<Long> pauseEvents = new ArrayList<>();
        List<String> log = new ArrayList<>();
        AtomicInteger terminated = new AtomicInteger();
        try (MemoryStore store = new MemoryStore()) {
            MemoryWatch w = new MemoryWatch("w1", MemoryThresholds.defaults(100 * MIB), store, reading::get, pauseEvents::add,
                    terminated::incrementAndGet, log::add, Duration.ofMillis(100), Duration.ofHours(1));
            reading.set(50 * MIB);
            w.sample();
            assertThat(pauseEvents).isEmpty();
            assertThat(w.paused()).isFalse();

            reading.set(85 * MIB);
            w.sample();
            reading.set(86 * MIB);
            w.sample();
            assertThat(pauseEvents).containsExactly(85 * MIB);
            assertThat(w.paused()).isTrue();
            assertThat(w.processBytes()).isEqualTo(86 * MIB);
            assertThat(log).anyMatch(l -> l.equals("worker w1: process memory 85 MiB is above 80% of its limit of 100 MiB; pausing"));

            reading.set(50 * MIB);
            w.sample();
            assertThat(pauseEvents).containsExactly(85 * MIB, 50 * MIB);
            assertThat(w.paused()).isFalse();
            assertThat(log).anyMatch(l -> l.endsWith("is below 80% of its limit again; resuming"));

            reading.set(97 * MIB);
            w.sample();
            reading.set(98 * MIB);
            w.sample();
            assertThat(terminated).hasValue(1);
            assertThat(pauseEvents).containsExactly(85 * MIB, 50 * MIB, 97 * MIB);
            assertThat(log).anyMatch(l -> l.contains("is above 95% of its limit of 100 MiB (heap ") && l.endsWith("in memory); asking its nanny to restart it"));
        }
    }

    @Test
    void aProcessAboveTheSpillFractionSpillsTheStoresLeastRecentlyUsedValues(@TempDir Path root) {
        AtomicLong reading = new AtomicLong();
        MemoryThresholds t = MemoryThresholds.defaults(100 * MIB);
        try (SpillingStore store = SpillingStore.open(root, t)) {
            for (int i = 0; i < 3; i++) {
                store.put(Key.of("x", i), block(i), 10 * MIB); // 30 MiB in all: under the store's own target of 60 MiB
            }
            long before = store.memoryBytes();
            assertThat(before).isGreaterThanOrEqualTo(30 * MIB);
            MemoryWatch w = new MemoryWatch("w1", t, store, reading::get, b -> { }, () -> { }, l -> { },
                    Duration.ofMillis(100), Duration.ofHours(1));
            reading.set(65 * MIB); // above target, under spill (70%): nothing
            w.sample();
            assertThat(store.memoryBytes()).isEqualTo(before);

            reading.set(75 * MIB); // 15 MiB over the target: the two oldest values go to disk
            w.sample();
            assertThat(store.memoryBytes()).isLessThanOrEqualTo(before - 15 * MIB);
            assertThat(store.spilling().isSpilled(Key.of("x", 0))).isTrue();
            assertThat(store.spilling().isSpilled(Key.of("x", 2))).as("the most recently used stays").isFalse();
            for (int i = 0; i < 3; i++) {
                assertThat((byte[]) store.get(Key.of("x", i))).isEqualTo(block(i));
            }
        }
    }

    private static byte[] block(int i) {
        byte[] b = new byte[(int) (10 * MIB)];
        Arrays.fill(b, (byte) (i + 1));
        b[i] = 42;
        return b;
    }
}
