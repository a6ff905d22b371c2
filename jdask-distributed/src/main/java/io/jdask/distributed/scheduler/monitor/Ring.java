package io.jdask.distributed.scheduler.monitor;

import java.util.ArrayList;
import java.util.List;

/** A bounded buffer that overwrites its oldest element when full. Not thread-safe. */
final class Ring<T> {
    private final Object[] items;
    private long added;

    Ring(int capacity) {
        this.items = new Object[capacity];
    }

    void add(T item) {
        items[(int) (added % items.length)] = item;
        added++;
    }

    /** @return how many were ever added */
    long added() {
        return added;
    }

    /** @return the elements held, oldest first */
    @SuppressWarnings("unchecked")
    List<T> toList() {
        int n = (int) Math.min(added, items.length);
        List<T> out = new ArrayList<>(n);
        for (long i = added - n; i < added; i++) {
            out.add((T) items[(int) (i % items.length)]);
        }
        return out;
    }
}
