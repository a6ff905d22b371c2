package io.jdask.distributed.util;

import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * An insertion-ordered set for the scheduler's and the workers' per-task relations (dependencies,
 * dependents, waiters, who-has...), most of which hold zero to a few elements. Up to {@value #SMALL} elements
 * live in one array searched linearly (no hash table, no node per element; nothing allocated while
 * empty); beyond that it becomes a {@link LinkedHashSet} for good. Iteration order is insertion
 * order either way and removal keeps the others' order, so it behaves exactly like the {@code
 * LinkedHashSet} it replaces; changing it while iterating (other than through the iterator) throws
 * {@link ConcurrentModificationException}, as that one does. Not thread-safe; no null elements.
 */
public final class SmallSet<E> extends AbstractSet<E> {
    /** An empty set; allocates nothing until the first element. */
    public SmallSet() {}

    /** How many elements the array holds before the set becomes a {@link LinkedHashSet}. */
    public static final int SMALL = 8;

    private Object[] items;
    private int size;
    private LinkedHashSet<E> big;
    private int modCount;

    @Override
    public int size() {
        return big != null ? big.size() : size;
    }

    @Override
    public boolean isEmpty() {
        return big != null ? big.isEmpty() : size == 0;
    }

    private int indexOf(Object o) {
        Object[] a = items;
        for (int i = 0; i < size; i++) {
            if (a[i] == o) {
                return i;
            }
        }
        for (int i = 0; i < size; i++) {
            if (a[i].equals(o)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean contains(Object o) {
        return big != null ? big.contains(o) : o != null && indexOf(o) >= 0;
    }

    @Override
    public boolean add(E e) {
        if (e == null) {
            throw new NullPointerException("SmallSet holds no null");
        }
        if (big != null) {
            return big.add(e);
        }
        if (indexOf(e) >= 0) {
            return false;
        }
        if (items == null) {
            items = new Object[2];
        } else if (size == items.length) {
            if (size == SMALL) {
                promote().add(e);
                return true;
            }
            items = Arrays.copyOf(items, Math.min(SMALL, size * 2));
        }
        items[size++] = e;
        modCount++;
        return true;
    }

    @SuppressWarnings("unchecked")
    private LinkedHashSet<E> promote() {
        LinkedHashSet<E> b = new LinkedHashSet<>(2 * SMALL + 2);
        for (int i = 0; i < size; i++) {
            b.add((E) items[i]);
        }
        big = b;
        items = null;
        size = 0;
        modCount++;
        return b;
    }

    @Override
    public boolean remove(Object o) {
        if (big != null) {
            return big.remove(o);
        }
        int i = o == null ? -1 : indexOf(o);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    private void removeAt(int i) {
        System.arraycopy(items, i + 1, items, i, size - i - 1);
        items[--size] = null;
        modCount++;
    }

    @Override
    public void clear() {
        if (big != null) {
            big.clear();
            return;
        }
        if (size > 0) {
            Arrays.fill(items, 0, size, null);
            size = 0;
            modCount++;
        }
    }

    /**
     * Whether some element matches, walked without an iterator (the hot paths' "does any dependent
     * still need it" tests allocate nothing with a non-capturing predicate).
     *
     * @param test the test
     * @return whether an element passes it
     */
    @SuppressWarnings("unchecked")
    public boolean anyMatch(Predicate<? super E> test) {
        if (big != null) {
            for (E e : big) {
                if (test.test(e)) {
                    return true;
                }
            }
            return false;
        }
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            if (test.test((E) items[i])) {
                return true;
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
        return false;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(Consumer<? super E> action) {
        if (big != null) {
            big.forEach(action);
            return;
        }
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            action.accept((E) items[i]);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public Object[] toArray() {
        if (big != null) {
            return big.toArray();
        }
        return size == 0 ? new Object[0] : Arrays.copyOf(items, size);
    }

    @Override
    public Iterator<E> iterator() {
        if (big != null) {
            return big.iterator();
        }
        return size == 0 ? Collections.emptyIterator() : new Iter();
    }

    private final class Iter implements Iterator<E> {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            return next < size;
        }

        @Override
        @SuppressWarnings("unchecked")
        public E next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
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
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
        }
    }
}
