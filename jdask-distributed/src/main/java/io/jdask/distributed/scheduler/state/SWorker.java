package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.WorkerStatus;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A worker as the scheduler tracks it. Mutable; owned by one {@link SchedulerState}. */
final class SWorker {
    final String address;
    final String name;
    final int nthreads;
    final long memoryLimit;
    final Map<String, Double> resources;
    WorkerStatus status = WorkerStatus.RUNNING;
    final Set<STask> processing = new LinkedHashSet<>();
    final Set<STask> hasWhat = new LinkedHashSet<>();
    long occupancyNanos;
    long lastSeen;
    long memoryBytes;
    int pendingSteals;

    SWorker(String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources, long now) {
        this.address = address;
        this.name = name;
        this.nthreads = nthreads;
        this.memoryLimit = memoryLimit;
        this.resources = resources;
        this.lastSeen = now;
    }

    boolean running() {
        return status == WorkerStatus.RUNNING;
    }

    @Override
    public String toString() {
        return address;
    }
}
