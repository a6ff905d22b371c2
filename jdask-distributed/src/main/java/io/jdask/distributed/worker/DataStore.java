package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.Payload;
import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;

/**
 * Where a worker keeps the values of the keys it holds. Thread-safe: task threads put results,
 * the I/O threads read values for peers, the event loop discards.
 *
 * <p>The worker calls {@link #put} once per computed or fetched key and {@link #remove} when the
 * scheduler frees it; {@link #memoryBytes()} feeds its memory reports (pausing above the pause
 * fraction). A spilling implementation may move values to disk as long as {@link #get} brings
 * them back.
 */
public interface DataStore extends AutoCloseable {
    /**
     * @param key the key
     * @param value its value (may be null)
     * @param nbytes its size in bytes
     */
    void put(Key key, Object value, long nbytes);

    /**
     * Stores a value that is spilled with a given serialization (one with a client's class loader).
     * The default ignores the serialization: stores that never spill need none.
     *
     * @param key the key
     * @param value its value (may be null)
     * @param nbytes its size in bytes
     * @param serialization writes and reads it when spilled, or null for the store's own
     */
    default void put(Key key, Object value, long nbytes, Serialization serialization) {
        put(key, value, nbytes);
    }

    /**
     * @param key the key
     * @return whether a value is held for it
     */
    boolean contains(Key key);

    /**
     * @param key the key
     * @return its value
     * @throws java.util.NoSuchElementException naming the key when it is not held
     */
    Object get(Key key);

    /**
     * A value's serialized form, for a peer or client. The default serializes {@link #get}; a
     * spilling store reads a spilled value's file without bringing it back into memory.
     *
     * @param key the key
     * @param codec the worker's codec
     * @return its serialized form
     * @throws java.util.NoSuchElementException naming the key when it is not held
     */
    default Payload serialized(Key key, TaskCodec codec) {
        return codec.writeValue(key, get(key));
    }

    /**
     * Drops a value; nothing happens when it is not held.
     *
     * @param key the key
     */
    void remove(Key key);

    /**
     * Spills least-recently-used values to disk until at least {@code bytes} are freed, for the
     * memory monitor when the whole process is too big. The default holds everything in memory and
     * spills nothing.
     *
     * @param bytes how many bytes to free
     * @return the bytes spilled
     */
    default long spill(long bytes) {
        return 0;
    }

    /** @return the bytes of the values held in memory */
    long memoryBytes();

    /** @return how many values are held */
    int size();

    /**
     * @return the store's counters for heartbeats; the default (a store that never spills) has
     *     only what is in memory
     */
    default io.jdask.distributed.worker.store.StoreMetrics metrics() {
        return new io.jdask.distributed.worker.store.StoreMetrics(memoryBytes(), size(), 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** Drops every value and releases what the store owns (spill files). */
    @Override
    void close();
}
