package io.jdask.dashboard;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Samples the scheduler process: CPU, memory, network and open files, kept for a bounded time.
 * Thread-safe: one thread samples, any thread reads.
 */
final class SystemSampler {
    /**
     * One sample.
     *
     * @param timeMillis when (epoch milliseconds)
     * @param cpuPercent the process's CPU use, in percent of one core (200 = two busy cores), -1 if unknown
     * @param heapUsed bytes of Java heap in use
     * @param heapMax the heap's limit
     * @param rss the process's resident memory, -1 if unknown
     * @param openFiles open file descriptors, -1 if unknown
     * @param threads live threads
     * @param netReadPerSecond bytes per second received on this machine's interfaces, -1 if unknown
     * @param netWritePerSecond bytes per second sent, -1 if unknown
     */
    record Sample(long timeMillis, double cpuPercent, long heapUsed, long heapMax, long rss, long openFiles, int threads,
            double netReadPerSecond, double netWritePerSecond) {}

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path NET = Path.of("/proc/net/dev");

    private final int capacity;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    private final int cores = Runtime.getRuntime().availableProcessors();
    private long lastNetMillis;
    private long lastRead = -1;
    private long lastWrite = -1;

    SystemSampler(int capacity) {
        this.capacity = capacity;
    }

    /** Takes a sample (called by one thread). */
    void sample() {
        long now = System.currentTimeMillis();
        double cpu = -1;
        long openFiles = -1;
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean u) {
            openFiles = u.getOpenFileDescriptorCount();
        }
        if (os instanceof com.sun.management.OperatingSystemMXBean o) {
            double load = o.getProcessCpuLoad();
            cpu = load < 0 ? -1 : load * cores * 100;
        }
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        long[] net = network();
        double readRate = -1;
        double writeRate = -1;
        if (net != null && lastRead >= 0 && now > lastNetMillis) {
            double seconds = (now - lastNetMillis) / 1000.0;
            readRate = Math.max(0, net[0] - lastRead) / seconds;
            writeRate = Math.max(0, net[1] - lastWrite) / seconds;
        }
        if (net != null) {
            lastRead = net[0];
            lastWrite = net[1];
            lastNetMillis = now;
        }
        Sample s = new Sample(now, cpu, heapUsed, rt.maxMemory(), rss(), openFiles, Thread.activeCount(), readRate, writeRate);
        synchronized (samples) {
            if (samples.size() == capacity) {
                samples.removeFirst();
            }
            samples.addLast(s);
        }
    }

    /** @return the samples kept, oldest first */
    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    private static long rss() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // not Linux, or no procfs
        }
        return -1;
    }

    /** @return bytes received and sent on all interfaces so far, or null when unknown */
    private static long[] network() {
        try {
            long read = 0;
            long write = 0;
            for (String line : Files.readAllLines(NET)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue; // the two header lines
                }
                String[] f = line.substring(colon + 1).trim().split("\\s+");
                read += Long.parseLong(f[0]);
                write += Long.parseLong(f[8]);
            }
            return new long[] {read, write};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
