package io.jdask.distributed.worker.store;

import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.SerializationException;
import io.jdask.serialize.Serialized;
import io.jdask.serialize.SerializedSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * The {@link DataStore}. Every entry is in {@link #entries}; those in memory that may be spilled are
 * also in {@link #lru}, a map in access order whose first entry is the least recently used.
 *
 * <p>Spilling in three steps so that no file I/O happens under the lock: victims are chosen under
 * the lock (taken out of {@link #lru}, marked {@code spilling}, their bytes counted in
 * {@link #pendingBytes} so that other threads do not choose more); they are serialized and written
 * without the lock (their values stay readable); then each is committed under the lock, unless it
 * was removed or replaced meanwhile, in which case its new file is deleted. Reading a spilled value
 * back works the same way: the file is read and deserialized without the lock, and the result is
 * committed only if the entry still points at that file.
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
    private long pendingBytes;
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

    /** One value: in memory ({@code file == null}) or on disk. Fields are guarded by the store's lock. */
    private static final class Entry {
        final Key key;
        final long size;
        final Serialization serialization;
        Object value;
        Path file;
        long fileBytes;
        boolean unspillable;
        boolean spilling;

        Entry(Key key, Object value, long size, Serialization serialization) {
            this.key = key;
            this.value = value;
            this.size = size;
            this.serialization = serialization;
        }
    }

    /** An entry chosen to be spilled, with what the write needs, taken under the lock. */
    private record Victim(Entry entry, Object value, Path file) {}

    private enum Outcome { SPILLED, UNSPILLABLE, IO_ERROR, NOT_TRIED }

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
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(ser, "serialization");
        long size = Math.max(0, sizer != null ? sizer.applyAsLong(value) : ser.sizeOf(value));
        List<Victim> victims;
        synchronized (this) {
            open();
            drop(key);
            Entry e = new Entry(key, value, size, ser);
            entries.put(key, e);
            lru.put(key, e);
            memoryBytes += size;
            memoryCount++;
            if (thresholds.limited() && size > thresholds.targetBytes()) {
                // larger than the target on its own: straight to disk, without evicting the others
                lru.remove(key);
                victims = new ArrayList<>(List.of(choose(e)));
                victims.addAll(victimsOverTarget(null));
            } else {
                victims = victimsOverTarget(null);
            }
        }
        spill(victims);
    }

    @Override
    public Object get(Key key) {
        while (true) {
            Entry e;
            Path file;
            synchronized (this) {
                open();
                e = entry(key);
                if (e.file == null) {
                    if (!e.unspillable && !e.spilling) {
                        lru.get(key); // touch
                    }
                    return e.value;
                }
                file = e.file;
            }
            Object value;
            try {
                value = SpillFiles.readValue(file, e.serialization);
            } catch (IOException | RuntimeException ex) {
                if (failedWhileCurrent(e, file)) {
                    throw ex instanceof IOException io ? new SerializationException("cannot read back the spilled value of "
                            + key + " from " + file + ": " + io, io) : (RuntimeException) ex;
                }
                continue; // unspilled, removed or replaced meanwhile: look again
            }
            List<Victim> victims;
            synchronized (this) {
                if (entries.get(key) != e || e.file != file) {
                    return e.file == null && entries.get(key) == e ? e.value : value;
                }
                deleteFile(e);
                e.value = value;
                memoryBytes += e.size;
                memoryCount++;
                unspillsTotal++;
                lru.put(key, e);
                victims = victimsOverTarget(key);
            }
            spill(victims);
            return value;
        }
    }

    /**
     * After reading {@code file} failed: drops the entry and says so when it still points at that
     * file (the file is bad); otherwise the entry changed meanwhile and the caller looks again.
     */
    private synchronized boolean failedWhileCurrent(Entry e, Path file) {
        if (entries.get(e.key) == e && e.file != null && e.file.equals(file)) {
            drop(e.key);
            return true;
        }
        return false;
    }

    @Override
    public Object peek(Key key) {
        while (true) {
            Entry e;
            Path file;
            synchronized (this) {
                open();
                e = entry(key);
                if (e.file == null) {
                    return e.value;
                }
                file = e.file;
            }
            try {
                return SpillFiles.readForReply(file, e.serialization);
            } catch (IOException | RuntimeException ex) {
                synchronized (this) {
                    if (entries.get(key) == e && file.equals(e.file)) {
                        throw ex instanceof IOException io ? new SerializationException("cannot read the spilled value of "
                                + key + " from " + file + ": " + io, io) : (RuntimeException) ex;
                    }
                }
                // unspilled, removed or replaced meanwhile: look again
            }
        }
    }

    @Override
    public Serialized getSerialized(Key key) {
        while (true) {
            Entry e;
            Path file;
            Object value;
            synchronized (this) {
                open();
                e = entry(key);
                file = e.file;
                value = e.value;
            }
            if (file == null) {
                return e.serialization.serialize(value); // values are never mutated once computed
            }
            try {
                return SpillFiles.read(file);
            } catch (IOException ex) {
                synchronized (this) {
                    if (entries.get(key) == e && file.equals(e.file)) {
                        throw new SerializationException("cannot read the spilled value of " + key + " from " + file
                                + ": " + ex, ex);
                    }
                }
                // unspilled, removed or replaced meanwhile: look again
            }
        }
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
    public synchronized long discard(Key key) {
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
    public long spill(long bytes) {
        List<Victim> victims = new ArrayList<>();
        synchronized (this) {
            open();
            long chosen = 0;
            Iterator<Entry> it = lru.values().iterator();
            while (chosen < bytes && it.hasNext()) {
                Entry e = it.next();
                it.remove();
                victims.add(choose(e));
                chosen += e.size;
            }
        }
        return spill(victims);
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
        closed = true;
        for (Key k : List.copyOf(entries.keySet())) {
            drop(k);
        }
        lru.clear();
    }

    /** Chooses least-recently-used entries until memory not already being spilled is at the target. */
    private List<Victim> victimsOverTarget(Key keep) {
        if (!thresholds.limited()) {
            return List.of();
        }
        long target = thresholds.targetBytes();
        List<Victim> out = new ArrayList<>();
        Iterator<Entry> it = lru.values().iterator();
        while (memoryBytes - pendingBytes > target && it.hasNext()) {
            Entry e = it.next();
            if (e.key.equals(keep)) {
                continue;
            }
            it.remove();
            out.add(choose(e));
        }
        return out;
    }

    /** Marks an entry, already out of {@link #lru}, as being spilled. */
    private Victim choose(Entry e) {
        e.spilling = true;
        pendingBytes += e.size;
        return new Victim(e, e.value, directory.resolve((fileCounter++) + ".spill"));
    }

    /**
     * Writes victims without the lock, then commits each.
     *
     * @return the bytes of memory freed
     */
    private long spill(List<Victim> victims) {
        long freed = 0;
        boolean diskFailing = false;
        for (Victim v : victims) {
            Outcome outcome;
            long written = 0;
            if (diskFailing) {
                outcome = Outcome.NOT_TRIED;
            } else {
                SerializedSources s = null;
                try {
                    s = v.entry().serialization.serializeSources(v.value());
                } catch (RuntimeException ex) {
                    // cannot be serialized: stays in memory
                }
                if (s == null) {
                    outcome = Outcome.UNSPILLABLE;
                } else {
                    try {
                        written = SpillFiles.write(v.file(), s);
                        outcome = Outcome.SPILLED;
                    } catch (IOException ex) {
                        deleteQuietly(v.file());
                        outcome = Outcome.IO_ERROR;
                        diskFailing = true; // leave the rest in memory this round
                    }
                }
            }
            if (commit(v, outcome, written)) {
                freed += v.entry().size;
            }
        }
        return freed;
    }

    /** @return whether the victim's memory was freed */
    private synchronized boolean commit(Victim v, Outcome outcome, long written) {
        Entry e = v.entry();
        pendingBytes -= e.size;
        e.spilling = false;
        if (entries.get(e.key) != e) { // removed, replaced or closed meanwhile
            if (outcome == Outcome.SPILLED) {
                deleteQuietly(v.file());
            }
            return false;
        }
        switch (outcome) {
            case SPILLED -> {
                e.file = v.file();
                e.fileBytes = written;
                e.value = null;
                memoryBytes -= e.size;
                memoryCount--;
                spilledBytes += e.size;
                diskBytes += written;
                spilledCount++;
                spillsTotal++;
                spilledBytesTotal += e.size;
                return true;
            }
            case UNSPILLABLE -> {
                e.unspillable = true;
                unspillableBytes += e.size;
                unspillableCount++;
            }
            case IO_ERROR -> {
                spillErrors++;
                lru.put(e.key, e);
            }
            case NOT_TRIED -> lru.put(e.key, e);
        }
        return false;
    }

    private long drop(Key key) {
        Entry e = entries.remove(key);
        if (e == null) {
            return -1;
        }
        lru.remove(key);
        long inMemory = 0;
        if (e.file != null) {
            deleteFile(e);
        } else {
            inMemory = e.size;
            memoryBytes -= e.size;
            memoryCount--;
            if (e.unspillable) {
                unspillableBytes -= e.size;
                unspillableCount--;
            }
        }
        e.value = null;
        return inMemory;
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

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a directory that fails this way fails the next spill too, which is counted
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
