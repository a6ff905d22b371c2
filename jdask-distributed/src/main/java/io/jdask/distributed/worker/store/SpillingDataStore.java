package io.jdask.distributed.worker.store;

import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import io.jdask.serialize.Serialized;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The {@link DataStore}: every entry in {@link #entries}; those in memory that can be spilled also
 * in {@link #lru}, a map in access order whose first entry is the least recently used.
 */
final class SpillingDataStore implements DataStore {
    private final Path directory;
    private final MemoryThresholds thresholds;
    private final Serialization serialization;
    private final ToLongFunction<Object> sizer;

    private final Map<Key, Entry> entries = new HashMap<>();
    private final LinkedHashMap<Key, Entry> lru = new LinkedHashMap<>(16, 0.75f, true);
    private long fileCounter;
    private boolean closed;

    private long memoryBytes;
    private int memoryCount;
    private long spilledBytes;
    private long diskBytes;
    private int spilledCount;
    private long unspillableBytes;
    private int unspillableCount;
    private long spillsTotal;
    private long spilledBytesTotal;
    private long unspillsTotal;
    private long spillErrors;

    /** One value: in memory ({@code file == null}) or on disk. */
    private static final class Entry {
        final Key key;
        final long size;
        final Serialization serialization;
        Object value;
        Path file;
        long fileBytes;
        boolean unspillable;

        Entry(Key key, Object value, long size, Serialization serialization) {
            this.key = key;
            this.value = value;
            this.size = size;
            this.serialization = serialization;
        }
    }

    SpillingDataStore(Path directory, MemoryThresholds thresholds, Serialization serialization, ToLongFunction<Object> sizer) {
        this.directory = directory;
        this.thresholds = thresholds;
        this.serialization = serialization;
        this.sizer = sizer;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the spill directory " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(Key key, Object value) {
        put(key, value, serialization);
    }

    @Override
    public void put(Key key, Object value, Serialization ser) {
        java.util.Objects.requireNonNull(key, "key");
        java.util.Objects.requireNonNull(ser, "serialization");
        long size = Math.max(0, sizer != null ? sizer.applyAsLong(value) : ser.sizeOf(value));
        synchronized (this) {
            open();
            drop(key);
            Entry e = new Entry(key, value, size, ser);
            entries.put(key, e);
            lru.put(key, e);
            memoryBytes += size;
            memoryCount++;
            evictToTarget(null);
        }
    }

    @Override
    public synchronized Object get(Key key) {
        open();
        Entry e = entry(key);
        if (e.file == null) {
            if (!e.unspillable) {
                lru.get(key); // touch
            }
            return e.value;
        }
        Serialized s;
        try {
            s = SpillFiles.read(e.file);
        } catch (IOException ex) {
            drop(key);
            throw new SerializationException("cannot read back the spilled value of " + key + " from " + e.file
                    + ": " + ex, ex);
        } catch (SerializationException ex) {
            drop(key);
            throw ex;
        }
        Object value;
        try {
            value = e.serialization.deserialize(s);
        } catch (RuntimeException ex) {
            drop(key);
            throw ex;
        }
        deleteFile(e);
        e.value = value;
        memoryBytes += e.size;
        memoryCount++;
        unspillsTotal++;
        lru.put(key, e);
        evictToTarget(key);
        return value;
    }

    @Override
    public Serialized getSerialized(Key key) {
        Object value;
        Serialization ser;
        synchronized (this) {
            open();
            Entry e = entry(key);
            if (e.file != null) {
                try {
                    return SpillFiles.read(e.file);
                } catch (IOException ex) {
                    throw new SerializationException("cannot read the spilled value of " + key + " from " + e.file
                            + ": " + ex, ex);
                }
            }
            value = e.value;
            ser = e.serialization;
        }
        return ser.serialize(value); // outside the lock: values are never mutated once computed
    }

    @Override
    public synchronized boolean contains(Key key) {
        return entries.containsKey(key);
    }

    @Override
    public synchronized boolean isSpilled(Key key) {
        Entry e = entries.get(key);
        return e != null && e.file != null;
    }

    @Override
    public synchronized long sizeOf(Key key) {
        return entry(key).size;
    }

    @Override
    public synchronized boolean remove(Key key) {
        return drop(key);
    }

    @Override
    public synchronized Set<Key> keys() {
        return Set.copyOf(entries.keySet());
    }

    @Override
    public synchronized long memoryBytes() {
        return memoryBytes;
    }

    @Override
    public synchronized long spill(long bytes) {
        open();
        long freed = 0;
        Iterator<Entry> it = lru.values().iterator();
        while (freed < bytes && it.hasNext()) {
            Entry e = it.next();
            it.remove();
            SpillResult r = spillOne(e);
            if (r == SpillResult.SPILLED) {
                freed += e.size;
            } else if (r == SpillResult.IO_ERROR) {
                lru.put(e.key, e); // stays in memory, most recently used; stop: the disk is failing
                break;
            }
        }
        return freed;
    }

    @Override
    public synchronized StoreMetrics metrics() {
        return new StoreMetrics(memoryBytes, memoryCount, spilledBytes, diskBytes, spilledCount, unspillableBytes,
                unspillableCount, spillsTotal, spilledBytesTotal, unspillsTotal, spillErrors);
    }

    @Override
    public MemoryThresholds thresholds() {
        return thresholds;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (Entry e : entries.values()) {
            deleteFile(e);
        }
        entries.clear();
        lru.clear();
        memoryBytes = 0;
        memoryCount = 0;
        unspillableBytes = 0;
        unspillableCount = 0;
        closed = true;
    }

    private void evictToTarget(Key keep) {
        if (!thresholds.limited()) {
            return;
        }
        long target = thresholds.targetBytes();
        Iterator<Entry> it = lru.values().iterator();
        while (memoryBytes > target && it.hasNext()) {
            Entry e = it.next();
            if (e.key.equals(keep)) {
                continue;
            }
            it.remove();
            if (spillOne(e) == SpillResult.IO_ERROR) {
                lru.put(e.key, e);
                return;
            }
        }
    }

    private enum SpillResult { SPILLED, UNSPILLABLE, IO_ERROR }

    /** Writes an in-memory entry (already out of {@link #lru}) to disk. */
    private SpillResult spillOne(Entry e) {
        Serialized s;
        try {
            s = e.serialization.serialize(e.value);
        } catch (RuntimeException ex) {
            e.unspillable = true;
            unspillableBytes += e.size;
            unspillableCount++;
            return SpillResult.UNSPILLABLE;
        }
        Path file = directory.resolve((fileCounter++) + ".spill");
        long written;
        try {
            written = SpillFiles.write(file, s);
        } catch (IOException ex) {
            spillErrors++;
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the directory is failing; the counter says so
            }
            return SpillResult.IO_ERROR;
        }
        e.file = file;
        e.fileBytes = written;
        e.value = null;
        memoryBytes -= e.size;
        memoryCount--;
        spilledBytes += e.size;
        diskBytes += written;
        spilledCount++;
        spillsTotal++;
        spilledBytesTotal += e.size;
        return SpillResult.SPILLED;
    }

    private boolean drop(Key key) {
        Entry e = entries.remove(key);
        if (e == null) {
            return false;
        }
        lru.remove(key);
        if (e.file != null) {
            deleteFile(e);
        } else {
            memoryBytes -= e.size;
            memoryCount--;
            if (e.unspillable) {
                unspillableBytes -= e.size;
                unspillableCount--;
            }
        }
        e.value = null;
        return true;
    }

    /** Deletes an entry's spill file, if any, and uncounts it. */
    private void deleteFile(Entry e) {
        if (e.file == null) {
            return;
        }
        try {
            Files.deleteIfExists(e.file);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot delete spill file " + e.file + ": " + ex.getMessage(), ex);
        } finally {
            spilledBytes -= e.size;
            diskBytes -= e.fileBytes;
            spilledCount--;
            e.file = null;
            e.fileBytes = 0;
        }
    }

    private Entry entry(Key key) {
        Entry e = entries.get(key);
        if (e == null) {
            throw new NoSuchElementException("the data store holds no value for key " + key);
        }
        return e;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("the data store of " + directory + " is closed");
        }
    }
}
