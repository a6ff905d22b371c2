package io.jdask.distributed.worker;

import io.jdask.config.Config;
import io.jdask.distributed.worker.store.MemoryAssessment;
import io.jdask.distributed.worker.store.MemoryMonitor;
import io.jdask.distributed.worker.store.MemoryThresholds;
import io.jdask.distributed.worker.store.ProcessMemory;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Drives a {@link MemoryMonitor} from the process's memory, on its own daemon thread (so a busy
 * event loop does not delay it): every {@value #INTERVAL_KEY} it reads the live heap
 * ({@link ProcessMemory#read()}) plus the direct buffers (the JVM's and Netty's), spills the
 * store's least-recently-used values above the spill fraction, reports pause/resume crossings to
 * the worker's state machine, and calls the terminate action once above the terminate fraction.
 *
 * <p>Garbage: the old generation's usage counts dead objects until the next collection. So a
 * reading above the spill fraction is confirmed by a full collection (at most one per
 * {@value #GC_INTERVAL_KEY}) before the worker spills or pauses, a reading above the terminate
 * fraction always is (whatever the interval) before the worker is terminated, and the bytes
 * spilled since the last collection (garbage now) are subtracted from readings until one runs.
 */
final class MemoryWatch implements AutoCloseable {
    /** Configuration key: how often the process's memory is read. */
    static final String INTERVAL_KEY = "distributed.worker.memory.monitor-interval";
    /** Configuration key: the least time between two collections the watch asks for. */
    static final String GC_INTERVAL_KEY = "distributed.worker.memory.gc-interval";

    private final MemoryMonitor monitor;
    private final DataStore store;
    private final LongSupplier reader;
    private final LongConsumer pauseChanged;
    private final Runnable terminate;
    private final Consumer<String> log;
    private final String name;
    private final long intervalNanos;
    private final long gcIntervalNanos;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastBytes;
    private long lastGc;
    private long gcCount = -1;
    private long spilledSinceGc;

    MemoryWatch(String name, MemoryThresholds thresholds, DataStore store, LongConsumer pauseChanged, Runnable terminate,
            Consumer<String> log) {
        this(name, thresholds, store, MemoryWatch::readProcess, pauseChanged, terminate, log,
                Config.getDuration(INTERVAL_KEY), Config.getDuration(GC_INTERVAL_KEY));
    }

    MemoryWatch(String name, MemoryThresholds thresholds, DataStore store, LongSupplier reader, LongConsumer pauseChanged,
            Runnable terminate, Consumer<String> log, Duration interval, Duration gcInterval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(INTERVAL_KEY + " must be positive, got " + interval);
        }
        if (gcInterval.isNegative()) {
            throw new IllegalArgumentException(GC_INTERVAL_KEY + " must be >= 0, got " + gcInterval);
        }
        this.name = name;
        this.monitor = new MemoryMonitor(thresholds);
        this.store = store;
        this.reader = reader;
        this.pauseChanged = pauseChanged;
        this.terminate = terminate;
        this.log = log;
        this.intervalNanos = interval.toNanos();
        this.gcIntervalNanos = gcInterval.toNanos();
        this.lastGc = System.nanoTime() - gcIntervalNanos;
        this.thread = new Thread(this::loop, "jdask-memory-monitor");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** @return the process memory of the last reading (what the heartbeat reports for pausing) */
    long processBytes() {
        return lastBytes;
    }

    /** @return whether the last reading was at the pause level or above */
    boolean paused() {
        return switch (monitor.level()) {
            case PAUSE, TERMINATE -> true;
            default -> false;
        };
    }

    private void loop() {
        while (running) {
            try {
                sample();
            } catch (RuntimeException e) {
                log.accept("worker " + name + ": the memory monitor failed: " + e);
            }
            try {
                Thread.sleep(intervalNanos / 1_000_000, (int) (intervalNanos % 1_000_000));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One reading and what follows from it (called by the monitor's thread; tests call it directly). */
    synchronized MemoryAssessment sample() {
        MemoryThresholds t = monitor.thresholds();
        long bytes = estimate();
        boolean confirmed = false;
        if (bytes > t.spillBytes() && System.nanoTime() - lastGc >= gcIntervalNanos) {
            bytes = collectAndRead();
            confirmed = true;
        }
        if (bytes > t.terminateBytes() && !confirmed) {
            // never restart a worker for garbage: a reading this high is always confirmed
            bytes = collectAndRead();
        }
        lastBytes = bytes;
        MemoryAssessment a = monitor.observe(bytes, store.memoryBytes());
        if (a.bytesToSpill() > 0) {
            spilledSinceGc += store.spill(a.bytesToSpill());
        }
        if (a.pauseStarted()) {
            log.accept("worker " + name + ": process memory " + WorkerProcess.formatBytes(bytes) + " is above "
                    + percent(t.pause()) + " of its limit of " + WorkerProcess.formatBytes(t.limit()) + "; pausing");
            pauseChanged.accept(bytes);
        } else if (a.pauseEnded()) {
            log.accept("worker " + name + ": process memory " + WorkerProcess.formatBytes(bytes) + " is below "
                    + percent(t.pause()) + " of its limit again; resuming");
            pauseChanged.accept(bytes);
        }
        if (a.terminate()) {
            log.accept("worker " + name + ": process memory " + WorkerProcess.formatBytes(bytes) + " is above "
                    + percent(t.terminate()) + " of its limit of " + WorkerProcess.formatBytes(t.limit()) + " (" + breakdown()
                    + ", data store " + mib(store.memoryBytes()) + " in memory); asking its nanny to restart it");
            terminate.run();
        }
        return a;
    }

    private long collectAndRead() {
        lastGc = System.nanoTime();
        System.gc();
        return estimate();
    }

    private long estimate() {
        long count = gcCount();
        if (count != gcCount) {
            gcCount = count;
            spilledSinceGc = 0;
        }
        return Math.max(0, reader.getAsLong() - spilledSinceGc);
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }

    private static long gcCount() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += Math.max(0, gc.getCollectionCount());
        }
        return n;
    }

    /** @return the live heap estimate plus direct buffers (the JDK's pools and Netty's own counter) */
    static long readProcess() {
        return ProcessMemory.read() + directBytes() + nettyBytes();
    }

    private static long directBytes() {
        long bytes = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            bytes += Math.max(0, pool.getMemoryUsed());
        }
        return bytes;
    }

    private static long nettyBytes() {
        return Math.max(0, io.netty.util.internal.PlatformDependent.usedDirectMemory());
    }

    /** @return where the process's memory is, for status lines */
    static String breakdown() {
        return "heap " + mib(ProcessMemory.read()) + ", direct buffers " + mib(directBytes()) + ", Netty " + mib(nettyBytes());
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
