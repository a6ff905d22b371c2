package io.jdask.distributed.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.graph.Key;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** A large value dropped from the store makes a G1 worker process collect; small ones, and JVMs that did not turn it on, do not ask. */
class ReleasedMemoryTest {

    @Test
    void smallValuesNeverAskForACollection() {
        assertThat(ReleasedMemory.released(0)).isFalse();
        assertThat(ReleasedMemory.released(ReleasedMemory.LARGE - 1)).isFalse();
    }

    @Test
    void nothingIsAskedUntilTurnedOn() {
        ReleasedMemory.enabled(false);
        assertThat(ReleasedMemory.released(ReleasedMemory.LARGE)).isFalse();
    }

    @Test
    void droppingALargeValueCollectsUnderG1() throws InterruptedException {
        ReleasedMemory.enabled(true);
        try {
            dropAndWait();
        } finally {
            ReleasedMemory.enabled(false);
        }
    }

    private static void dropAndWait() throws InterruptedException {
        if (!ReleasedMemory.usesG1()) {
            assertThat(ReleasedMemory.released(ReleasedMemory.LARGE)).isFalse();
            return;
        }
        try (MemoryStore store = new MemoryStore()) {
            store.put(Key.of("big"), new double[1], ReleasedMemory.LARGE);
            long before = collections();
            store.remove(Key.of("big"));
            assertThat(waitForCollections(before, 20_000)).as("a collection after the large value was dropped").isTrue();
            assertThat(store.memoryBytes()).isZero();
        }
    }

    private static boolean waitForCollections(long before, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (collections() > before) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static long collections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }
}
