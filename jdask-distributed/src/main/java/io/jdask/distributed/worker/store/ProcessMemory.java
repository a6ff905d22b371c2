package io.jdask.distributed.worker.store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads this JVM's heap for a {@link MemoryMonitor}, ignoring most garbage: the sum over heap
 * pools of the current usage for pools whose usage is meaningful between collections (those that
 * support a usage threshold: the old generation) and the usage after the last collection for the
 * others (eden and survivor spaces, which fill with short-lived garbage between collections). A
 * plain "used heap" reading would count that garbage and make the worker spill for nothing.
 *
 * <p>{@link #residentBytes(long)} reads another process's resident memory, for a nanny that
 * watches its worker from outside.
 */
public final class ProcessMemory {
    private ProcessMemory() {}

    /** @return the estimated live heap bytes of this JVM */
    public static long read() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() != MemoryType.HEAP || !pool.isValid()) {
                continue;
            }
            MemoryUsage usage = pool.isUsageThresholdSupported() || !pool.isCollectionUsageThresholdSupported()
                    ? pool.getUsage() : pool.getCollectionUsage();
            if (usage != null) {
                bytes += usage.getUsed();
            }
        }
        return bytes;
    }

    /**
     * The resident set size of a process, from the {@code VmRSS} line of {@code /proc/<pid>/status}
     * (Linux only).
     *
     * @param pid a process id
     * @return its resident bytes, or empty where {@code /proc} is not available or the process is gone
     */
    public static OptionalLong residentBytes(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] f = line.substring(6).trim().split("\\s+");
                    long kib = Long.parseLong(f[0]);
                    return OptionalLong.of(kib * 1024);
                }
            }
            return OptionalLong.empty();
        } catch (java.io.IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
