package io.jdask.distributed.util;

import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A hash map for the scheduler's hot lookups: open addressing with linear probing in two parallel
 * arrays, no node per entry. Its subclasses fix the key class ({@link KeyMap}, {@link StringMap}),
 * both final, so that {@link #hash} and {@link #same} call {@code hashCode} and {@code equals} of a
 * final class: the JIT binds them statically and inlines them whatever else the process runs.
 *
 * <p>Why not {@link java.util.HashMap}: its code is shared by every map of the process, so the JIT's
 * type profile of its {@code key.hashCode()} and {@code key.equals(..)} calls mixes every key class
 * the process ever used there. In a scheduler that also serves the dashboard (Jetty, Javalin,
 * Jackson, reflection) those calls turn into virtual calls that are not inlined, in every method of
 * the scheduler's loop that looks something up; a compilation log of such a JVM shows it (see
 * docs/dashboard.md, "Measuring its cost").
 *
 * <p>Iteration order is unspecified. Changing the map while iterating throws {@link
 * ConcurrentModificationException} (replacing the value of a key already present is not a change).
 * Not thread-safe; no null keys or values.
 *
 * @param <K> the keys' class
 * @param <V> the values' class
 */
public abstract sealed class OpenHashMap<K, V> permits KeyMap, StringMap {
    private static final int MIN_CAPACITY = 16;

    private Object[] keys = new Object[MIN_CAPACITY];
    private Object[] values = new Object[MIN_CAPACITY];
    private int size;
    private int modCount;

    OpenHashMap() {}

    /**
     * @param key a key, not null
     * @return its hash code, through a call the JIT binds statically (the key's class is final)
     */
    abstract int hash(K key);

    /**
     * @param a a key in the map
     * @param b a key looked up, not null
     * @return whether they are equal, through a call the JIT binds statically
     */
    abstract boolean same(K a, K b);

    /** @return how many entries it holds */
    public int size() {
        return size;
    }

    /** @return whether it holds no entry */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * @param key a key
     * @return its value, or null when absent
     */
    @SuppressWarnings("unchecked")
    public V get(K key) {
        int i = find(key);
        return i < 0 ? null : (V) values[i];
    }

    /**
     * @param key a key
     * @return whether it has a value here
     */
    public boolean containsKey(K key) {
        return find(key) >= 0;
    }

    /**
     * @param key a key, not null
     * @param value its value, not null
     * @return the value it replaced, or null
     */
    @SuppressWarnings("unchecked")
    public V put(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        int mask = keys.length - 1;
        for (int i = slot(key, mask);; i = (i + 1) & mask) {
            K k = (K) keys[i];
            if (k == null) {
                keys[i] = key;
                values[i] = value;
                modCount++;
                if (++size * 3 > keys.length * 2) { // at most two thirds full
                    grow();
                }
                return null;
            }
            if (k == key || same(k, key)) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
        }
    }

    /**
     * @param key a key
     * @return the value it had, or null when absent
     */
    @SuppressWarnings("unchecked")
    public V remove(K key) {
        int i = find(key);
        if (i < 0) {
            return null;
        }
        V old = (V) values[i];
        removeSlot(i);
        return old;
    }

    /**
     * @param key a key
     * @param value the value it must have
     * @return whether it had that value (by {@code equals}) and was removed
     */
    public boolean remove(K key, V value) {
        int i = find(key);
        if (i < 0 || !value.equals(values[i])) {
            return false;
        }
        removeSlot(i);
        return true;
    }

    private void removeSlot(int i) {
        deleteSlot(i);
        size--;
        modCount++;
    }

    /** @param action called with each key and its value */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<K, V> action) {
        int expected = modCount;
        Object[] ks = keys;
        Object[] vs = values;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) {
                action.accept((K) ks[i], (V) vs[i]);
                if (modCount != expected) {
                    throw new ConcurrentModificationException();
                }
            }
        }
    }

    /** @return the values, to iterate over once per call */
    public Iterable<V> values() {
        return ValueIterator::new;
    }

    @SuppressWarnings("unchecked")
    private int find(K key) {
        if (key == null) {
            return -1;
        }
        int mask = keys.length - 1;
        for (int i = slot(key, mask);; i = (i + 1) & mask) {
            K k = (K) keys[i];
            if (k == null) {
                return -1;
            }
            if (k == key || same(k, key)) {
                return i;
            }
        }
    }

    private int slot(K key, int mask) {
        int h = hash(key) * 0x9E3779B9; // spread the bits (Fibonacci hashing)
        return (h ^ (h >>> 16)) & mask;
    }

    /**
     * Backward-shift deletion in a linearly probed table (here and in {@link LinkedIdentitySet}):
     * whether the entry at slot {@code j}, whose home slot is {@code home}, may move back into the
     * {@code hole} that a deletion left earlier in its probe run: yes unless its home lies
     * cyclically in {@code (hole, j]}, where moving it would cut it off from its home.
     */
    static boolean mayFill(int hole, int j, int home, int mask) {
        return ((j - home) & mask) >= ((j - hole) & mask);
    }

    /** Empties slot i and moves later entries of its probe run back so none is cut off from its home slot. */
    @SuppressWarnings("unchecked")
    private void deleteSlot(int i) {
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
            if (mayFill(hole, j, slot((K) keys[j], mask), mask)) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        keys[hole] = null;
        values[hole] = null;
    }

    @SuppressWarnings("unchecked")
    private void grow() {
        Object[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new Object[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            K k = (K) oldKeys[i];
            if (k != null) {
                int j = slot(k, mask);
                while (keys[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                values[j] = oldValues[i];
            }
        }
    }

    private final class ValueIterator implements Iterator<V> {
        private final int expected = modCount;
        private int next = advance(0);

        private int advance(int from) {
            int i = from;
            while (i < keys.length && keys[i] == null) {
                i++;
            }
            return i;
        }

        @Override
        public boolean hasNext() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            return next < keys.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public V next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            V v = (V) values[next];
            next = advance(next + 1);
            return v;
        }
    }
}
