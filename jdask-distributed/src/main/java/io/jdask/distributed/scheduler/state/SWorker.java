package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.util.KeyMap;
import io.jdask.distributed.util.LinkedIdentitySet;
import io.jdask.graph.Key;
import java.util.ArrayDeque;
import java.util.Map;

/** A worker as the scheduler tracks it. Mutable; owned by one {@link SchedulerState}. */
final class SWorker {
    final String address;
    final String name;
    final int nthreads;
    final long memoryLimit;
    final Map<String, Double> resources;
    WorkerStatus status = WorkerStatus.RUNNING;
    // identity sets, not LinkedHashSets: they change for every task (see LinkedIdentitySet)
    final LinkedIdentitySet<STask> processing = new LinkedIdentitySet<>();
    final LinkedIdentitySet<STask> hasWhat = new LinkedIdentitySet<>();
    long occupancyNanos;
    long lastSeen;
    long memoryBytes;
    int pendingSteals;
    /** Set while it retires gracefully. */
    boolean retiring;
    /** The cause of sending it a queued task when one of its slots frees (made once). */
    final Cause slotFree;
    /** Messages sent to it so far (the place of each in the connection's sequence). */
    long sent;
    /** Keys it was told to drop, with the place of that FreeKeys, until it reports having handled it. */
    private final KeyMap<Long> freedAt = new KeyMap<>(); // not a HashMap: see OpenHashMap
    private final ArrayDeque<Map.Entry<Key, Long>> freeOrder = new ArrayDeque<>();

    SWorker(String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources, long now) {
        this.address = address;
        this.name = name;
        this.nthreads = nthreads;
        this.memoryLimit = memoryLimit;
        this.resources = resources;
        this.lastSeen = now;
        this.slotFree = Cause.note("slot free on " + address);
    }

    void freed(Key key) {
        freedAt.put(key, sent);
        freeOrder.addLast(Map.entry(key, sent));
    }

    /**
     * Whether a report about {@code key}, sent after the worker had handled {@code seen} messages,
     * crossed a FreeKeys for that key (the worker drops the key when the FreeKeys arrives). Reports
     * come in order, so FreeKeys the worker has handled are forgotten on the way.
     */
    boolean crossedFree(Key key, long seen) {
        while (!freeOrder.isEmpty() && freeOrder.peekFirst().getValue() <= seen) {
            Map.Entry<Key, Long> e = freeOrder.removeFirst();
            freedAt.remove(e.getKey(), e.getValue()); // unless freed again since
        }
        Long at = freedAt.get(key);
        return at != null && seen < at;
    }

    boolean running() {
        return status == WorkerStatus.RUNNING;
    }

    @Override
    public String toString() {
        return address;
    }
}
