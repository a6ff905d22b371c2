package io.jdask.distributed.worker;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets the memory of a large value the worker has just dropped be used again for the next one.
 *
 * <p>A fresh large array costs more than its copy: the JVM zeroes it, and where the heap grows
 * into pages never touched before, the kernel faults in and zeroes every page first (measured on
 * this project's 2-core VM: 0.1 s of CPU for a 200 MB array, 0.6-2 s for 1 GB, against 4 ms when
 * the array lands on memory freed before). A collector only frees a dropped block when it collects,
 * and until then grows the heap instead: the G1 collector waits for its next young collection, and
 * an idle worker allocates too little to have one. So when the store drops a value of at least
 * {@link #LARGE} bytes from memory and the JVM runs G1, one daemon thread asks for a collection
 * ({@code System.gc()}; at most one at a time): G1 frees large arrays without moving them, and the
 * next large block lands on memory already resident. Under other collectors (Serial or Parallel
 * would compact, moving every live array) nothing is asked, nor in a JVM the worker shares with an
 * application (in-process workers): only {@link WorkerMain} turns this on.
 */
final class ReleasedMemory {
    /** Values this large, dropped from memory, make the worker ask for a collection. */
    static final long LARGE = 64L << 20;
    private static final boolean G1 = usesG1();
    private static final AtomicBoolean PENDING = new AtomicBoolean();
    private static volatile boolean enabled;

    private ReleasedMemory() {}

    /**
     * Turns the collection after a large drop on or off for this JVM (off until turned on).
     *
     * @param on whether this JVM is a worker's own
     */
    static void enabled(boolean on) {
        enabled = on;
    }

    /** @return whether a large drop would make this JVM collect (turned on, and G1) */
    private static boolean active() {
        return enabled && G1;
    }

    /**
     * Tells that a value left memory.
     *
     * @param bytes its size in memory
     * @return whether a collection was asked for
     */
    static boolean released(long bytes) {
        if (bytes < LARGE || !active() || !PENDING.compareAndSet(false, true)) {
            return false;
        }
        Thread t = new Thread(() -> {
            try {
                System.gc();
            } finally {
                PENDING.set(false);
            }
        }, "jdask-reclaim");
        t.setDaemon(true);
        t.start();
        return true;
    }

    /** @return whether this JVM collects with G1 */
    static boolean usesG1() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc.getName().startsWith("G1 ")) {
                return true;
            }
        }
        return false;
    }
}
