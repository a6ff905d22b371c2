package io.jdask.distributed.scheduler.monitor;

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

    /** @return the elements held, oldest first, in an immutable list (copied once) */
    @SuppressWarnings("unchecked")
    List<T> toList() {
        int n = (int) Math.min(added, items.length);
        Object[] out = new Object[n];
        int start = (int) ((added - n) % items.length);
        int first = Math.min(n, items.length - start);
        System.arraycopy(items, start, out, 0, first);
        System.arraycopy(items, 0, out, first, n - first);
        return (List<T>) List.of(out);
    }
}
