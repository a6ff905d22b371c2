package io.jdask.distributed.util;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * An insertion-ordered set that compares its elements by identity: what a {@code LinkedHashSet}
 * of objects without their own {@code equals} gives, for the scheduler's large per-worker and
 * per-client sets of tasks (processing, held, wanted), which change for every task.
 *
 * <p>The elements sit in one array in insertion order (a removed one leaves a hole, squeezed out
 * when holes make up half the array); a table of their places, probed linearly by {@link
 * System#identityHashCode}, finds them. No node per element, and no call to {@code hashCode} or
 * {@code equals}: {@code HashMap}'s calls to those run in code shared by the whole process, whose
 * JIT profile the dashboard's libraries make megamorphic (see {@link OpenHashMap}).
 *
 * <p>Removing an element and adding it again puts it last, as a {@code LinkedHashSet} does.
 * Changing the set while iterating (other than through the iterator) throws {@link
 * ConcurrentModificationException}. Not thread-safe; no null elements.
 *
 * @param <E> the elements' class
 */
public final class LinkedIdentitySet<E> extends AbstractSet<E> {
    private static final int MIN_TABLE = 8;

    /** The elements in insertion order, null where one was removed; used up to {@link #end}. */
    private Object[] items = new Object[MIN_TABLE / 2];
    private int end;
    private int size;
    /** Open-addressing table: 1 + the element's index in {@link #items}, 0 for a free slot. */
    private int[] table = new int[MIN_TABLE];
    private int modCount;

    /** An empty set. */
    public LinkedIdentitySet() {}

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    private static int hash(Object o) {
        int h = System.identityHashCode(o);
        return h ^ (h >>> 16);
    }

    /** @return the table slot holding {@code o}, or -1 */
    private int slotOf(Object o) {
        int[] t = table;
        int mask = t.length - 1;
        for (int i = hash(o) & mask;; i = (i + 1) & mask) {
            int at = t[i];
            if (at == 0) {
                return -1;
            }
            if (items[at - 1] == o) {
                return i;
            }
        }
    }

    @Override
    public boolean contains(Object o) {
        return o != null && slotOf(o) >= 0;
    }

    @Override
    public boolean add(E e) {
        if (e == null) {
            throw new NullPointerException("LinkedIdentitySet holds no null");
        }
        if (slotOf(e) >= 0) {
            return false;
        }
        if (end == items.length) {
            makeRoom();
        }
        items[end++] = e;
        size++;
        place(end);
        modCount++;
        return true;
    }

    /** Squeezes out the holes when they are half the array, else doubles it; keeps the table under half full. */
    private void makeRoom() {
        if (end - size >= end / 2 && end - size > 0) {
            int j = 0;
            for (int i = 0; i < end; i++) {
                Object o = items[i];
                if (o != null) {
                    items[j++] = o;
                }
            }
            Arrays.fill(items, j, end, null);
            end = j;
        } else {
            items = Arrays.copyOf(items, items.length * 2);
        }
        int capacity = MIN_TABLE;
        while (capacity < 2 * items.length) {
            capacity <<= 1;
        }
        table = new int[capacity];
        for (int i = 0; i < end; i++) {
            place(i + 1);
        }
    }

    /** Puts the place {@code at} (1-based) of an element not in the table into it. */
    private void place(int at) {
        int[] t = table;
        int mask = t.length - 1;
        int i = hash(items[at - 1]) & mask;
        while (t[i] != 0) {
            i = (i + 1) & mask;
        }
        t[i] = at;
    }

    @Override
    public boolean remove(Object o) {
        int slot = o == null ? -1 : slotOf(o);
        if (slot < 0) {
            return false;
        }
        items[table[slot] - 1] = null;
        size--;
        deleteSlot(slot);
        if (size == 0) {
            end = 0; // everything is a hole: start again from the front
        }
        modCount++;
        return true;
    }

    /** Empties a table slot, moving later entries of its probe run back so none is cut off. */
    private void deleteSlot(int slot) {
        int[] t = table;
        int mask = t.length - 1;
        int hole = slot;
        for (int i = (slot + 1) & mask; t[i] != 0; i = (i + 1) & mask) {
            if (OpenHashMap.mayFill(hole, i, hash(items[t[i] - 1]) & mask, mask)) {
                t[hole] = t[i];
                hole = i;
            }
        }
        t[hole] = 0;
    }

    @Override
    public void clear() {
        if (size > 0 || end > 0) {
            Arrays.fill(items, 0, end, null);
            Arrays.fill(table, 0);
            end = 0;
            size = 0;
            modCount++;
        }
    }

    @Override
    public Iterator<E> iterator() {
        return new Iter();
    }

    private final class Iter implements Iterator<E> {
        private int next = advance(0);
        private int last = -1;
        private int expected = modCount;

        private int advance(int from) {
            int i = from;
            while (i < end && items[i] == null) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            return next < end;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= end) {
                throw new NoSuchElementException();
            }
            last = next;
            next = advance(next + 1);
            return (E) items[last];
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            Object o = items[last];
            int slot = slotOf(o);
            items[last] = null;
            size--;
            deleteSlot(slot);
            modCount++; // end stays: the iterator's places stay valid
            expected = modCount;
            last = -1;
        }
    }
}
