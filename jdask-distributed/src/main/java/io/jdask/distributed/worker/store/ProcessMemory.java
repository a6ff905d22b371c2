package io.jdask.distributed.worker.store;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;

/**
 * Reads this JVM's heap for a {@link MemoryMonitor}, ignoring most garbage: the sum over heap
 * pools of the current usage for pools whose usage is meaningful between collections (those that
 * support a usage threshold: the old generation) and the usage after the last collection for the
 * others (eden and survivor spaces, which fill with short-lived garbage between collections). A
 * plain "used heap" reading would count that garbage and make the worker spill for nothing.
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
}
