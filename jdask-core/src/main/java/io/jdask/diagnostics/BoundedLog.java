package io.jdask.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A many-writer log that keeps the most recent {@code capacity} entries: lock-free appends, the
 * oldest entry dropped (and counted) when it is full. Under concurrent appends the size may exceed
 * the capacity by the number of racing writers for a moment.
 *
 * @param <T> the entries
 */
final class BoundedLog<T> {
    private final ConcurrentLinkedQueue<T> entries = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final LongAdder dropped = new LongAdder();
    private final int capacity;

    /** @param capacity the most entries kept, {@link Integer#MAX_VALUE} for no limit */
    BoundedLog(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a log must keep at least one entry, not " + capacity);
        }
        this.capacity = capacity;
    }

    void add(T entry) {
        entries.add(entry);
        if (capacity != Integer.MAX_VALUE && size.incrementAndGet() > capacity && entries.poll() != null) {
            size.decrementAndGet();
            dropped.increment();
        }
    }

    /** @return the entries now, oldest first */
    List<T> snapshot() {
        return new ArrayList<>(entries);
    }

    /** @return how many entries were dropped */
    long dropped() {
        return dropped.sum();
    }

    int capacity() {
        return capacity;
    }

    void clear() {
        while (entries.poll() != null) {
            if (capacity != Integer.MAX_VALUE) {
                size.decrementAndGet();
            }
        }
        dropped.reset();
    }
}
