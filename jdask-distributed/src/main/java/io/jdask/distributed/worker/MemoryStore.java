package io.jdask.distributed.worker;

import io.jdask.graph.Key;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link DataStore} that keeps every value in memory (no spilling). */
final class MemoryStore implements DataStore {
    private record Entry(Object value, long nbytes) {}

    private final ConcurrentHashMap<Key, Entry> values = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    @Override
    public void put(Key key, Object value, long nbytes) {
        Entry old = values.put(key, new Entry(value, nbytes));
        bytes.addAndGet(nbytes - (old == null ? 0 : old.nbytes));
    }

    @Override
    public boolean contains(Key key) {
        return values.containsKey(key);
    }

    @Override
    public Object get(Key key) {
        Entry e = values.get(key);
        if (e == null) {
            throw new NoSuchElementException("no value for " + key + " in this worker's data store");
        }
        return e.value;
    }

    @Override
    public void remove(Key key) {
        Entry old = values.remove(key);
        if (old != null) {
            bytes.addAndGet(-old.nbytes);
            ReleasedMemory.released(old.nbytes);
        }
    }

    @Override
    public long memoryBytes() {
        return bytes.get();
    }

    @Override
    public int size() {
        return values.size();
    }

    @Override
    public void close() {
        values.clear();
        bytes.set(0);
    }
}
