package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.WorkerMetrics;
import io.jdask.distributed.worker.store.StoreMetrics;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers the figures of a worker's heartbeat ({@link WorkerMetrics}): its store's counters, the
 * tasks running, the bytes its peer connections carried, and the CPU its process used since the
 * previous sample. Called by the worker's loop once per heartbeat.
 */
final class HeartbeatSampler {
    private final DataStore store;
    private final AtomicInteger executing;
    private final AtomicLong bytesSent;
    private final AtomicLong bytesReceived;
    private final com.sun.management.OperatingSystemMXBean os;
    private long lastCpuNanos;
    private long lastWallNanos;

    HeartbeatSampler(DataStore store, AtomicInteger executing, AtomicLong bytesSent, AtomicLong bytesReceived) {
        this.store = store;
        this.executing = executing;
        this.bytesSent = bytesSent;
        this.bytesReceived = bytesReceived;
        OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
        this.os = bean instanceof com.sun.management.OperatingSystemMXBean sun ? sun : null;
        this.lastCpuNanos = cpuNanos();
        this.lastWallNanos = System.nanoTime();
    }

    private long cpuNanos() {
        return os == null ? -1 : os.getProcessCpuTime();
    }

    /** @return the figures now; the CPU share is over the time since the previous call (or since construction) */
    WorkerMetrics sample() {
        long cpu = cpuNanos();
        long wall = System.nanoTime();
        double percent = cpu < 0 || lastCpuNanos < 0 || wall <= lastWallNanos ? -1 : 100.0 * (cpu - lastCpuNanos) / (wall - lastWallNanos);
        lastCpuNanos = cpu;
        lastWallNanos = wall;
        StoreMetrics s = store.metrics();
        return new WorkerMetrics(s.memoryBytes(), executing.get(), s.spilledBytes(), percent, bytesSent.get(), bytesReceived.get(), s.spillsTotal(),
                s.spilledBytesTotal(), s.unspillsTotal());
    }
}
