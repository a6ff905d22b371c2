package io.jdask.distributed.worker.store;

import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import io.jdask.serialize.Serialized;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToLongFunction;

/**
 * A worker's values by key, with their sizes, spilling least-recently-used values to files when the
 * bytes held in memory exceed the target fraction of the memory limit, and reading them back when
 * they are asked for.
 *
 * <p>Sizes: a value's size is measured once, when it is put: exactly for blocks (through their
 * {@link io.jdask.serialize.BlockSerializer#sizeOf}), estimated for other objects (see
 * {@link Serialization#sizeOf}). Only values in memory count towards {@link #memoryBytes()}.
 *
 * <p>Spilling: after every {@link #put} and every read of a spilled value, values are written to
 * disk, least recently used (put or read) first, until the in-memory bytes are at most
 * {@link MemoryThresholds#targetBytes()}. {@link #spill(long)} spills on demand (the worker's
 * {@link MemoryMonitor} asks for it when the process, not just the store, is too big). A value
 * that cannot be serialized stays in memory, is never tried again and is counted in
 * {@link StoreMetrics#unspillableBytes()}. A spilled value is read back (and its file deleted) on
 * {@link #get}; {@link #getSerialized} reads its bytes without bringing it back into memory.
 *
 * <p>Files: the store owns its directory's files: one per spilled value, deleted when the value is
 * read back, removed, replaced, or when the store closes.
 *
 * <p>Thread-safe. One lock guards the store's maps and counters but is never held during file
 * I/O or (de)serialization: values chosen for spilling stay readable while they are written, and
 * reading one value back does not block access to others. A {@code put} that spills returns once
 * the values it chose are written, which holds producers back.
 */
public interface DataStore extends AutoCloseable {
    /**
     * @param directory where spill files go; created if missing; the store deletes the files it
     *     writes, never others (use a {@link LocalDirectory} to own a whole directory)
     * @return a builder
     */
    static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /**
     * Stores a value, replacing any value of the key, serialized with the store's
     * {@link Serialization} when spilled.
     *
     * @param key the key
     * @param value the value, may be null
     * @throws IllegalStateException when the store is closed
     */
    void put(Key key, Object value);

    /**
     * Stores a value that must be spilled with a given serialization, e.g. one built with a
     * client's class loader so that its classes can be read back.
     *
     * @param key the key
     * @param value the value, may be null
     * @param serialization writes and reads the value when spilled
     * @throws IllegalStateException when the store is closed
     */
    void put(Key key, Object value, Serialization serialization);

    /**
     * @param key a key
     * @return its value, read back from disk if it was spilled (it becomes the most recently used)
     * @throws java.util.NoSuchElementException when the store has no such key
     * @throws io.jdask.serialize.SerializationException when its spill file cannot be read back
     *     (the message names the file); the key is then removed
     * @throws IllegalStateException when the store is closed
     */
    Object get(Key key);

    /**
     * The value's serialized form, for sending to another worker: a spilled value is read from its
     * file and stays on disk; a value in memory is serialized (and stays in memory).
     *
     * @param key a key
     * @return its serialized form
     * @throws java.util.NoSuchElementException when the store has no such key
     * @throws io.jdask.serialize.SerializationException when it cannot be serialized or read
     */
    Serialized getSerialized(Key key);

    /**
     * The value without moving it, for sending it to another worker without serializing it into
     * one array first: a value in memory is returned as it is; a spilled block whose serializer
     * reads streams is read from its file straight into its arrays (the copy returned is the
     * caller's to drop); any other spilled value comes back as its file's bytes ({@link Packed}),
     * not deserialized. A spilled value stays on disk.
     *
     * @param key a key
     * @return its value, or a {@link Packed}
     * @throws java.util.NoSuchElementException when the store has no such key
     * @throws io.jdask.serialize.SerializationException when a spilled value cannot be read
     */
    Object peek(Key key);

    /**
     * A spilled value as its spill file holds it ({@link #peek}).
     *
     * @param serialized its serialized form
     */
    record Packed(io.jdask.serialize.Serialized serialized) {}

    /** @param key a key @return whether the store holds it, in memory or on disk */
    boolean contains(Key key);

    /** @param key a key @return whether it is on disk now */
    boolean isSpilled(Key key);

    /**
     * @param key a key
     * @return its size in memory, as measured when it was put
     * @throws java.util.NoSuchElementException when the store has no such key
     */
    long sizeOf(Key key);

    /**
     * Drops a value and its spill file.
     *
     * @param key a key
     * @return whether the store held it
     */
    default boolean remove(Key key) {
        return discard(key) >= 0;
    }

    /**
     * Drops a value and its spill file, as {@link #remove} does.
     *
     * @param key a key
     * @return the bytes the value held in memory (0 when it was spilled), or -1 when the store did not hold it
     */
    long discard(Key key);

    /** @return a snapshot of the keys held */
    Set<Key> keys();

    /** @return bytes held in memory */
    long memoryBytes();

    /**
     * Spills least-recently-used values until at least {@code bytes} of memory are freed or
     * nothing more can be spilled.
     *
     * @param bytes bytes to free
     * @return the bytes freed
     */
    long spill(long bytes);

    /** @return the counters */
    StoreMetrics metrics();

    /** @return the limit and fractions it spills by */
    MemoryThresholds thresholds();

    /** Drops every value and deletes every spill file; later calls throw {@link IllegalStateException}. */
    @Override
    void close();

    /** Builds a {@link DataStore}. */
    final class Builder {
        private final Path directory;
        private MemoryThresholds thresholds = MemoryThresholds.defaults(0);
        private Serialization serialization;
        private ToLongFunction<Object> sizer;

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /**
         * @param thresholds the memory limit and fractions; by default no limit (never spills by
         *     itself)
         * @return this builder
         */
        public Builder thresholds(MemoryThresholds thresholds) {
            this.thresholds = Objects.requireNonNull(thresholds, "thresholds");
            return this;
        }

        /**
         * @param serialization writes and reads spilled values and measures their sizes; by default
         *     {@link Serialization#get()}
         * @return this builder
         */
        public Builder serialization(Serialization serialization) {
            this.serialization = Objects.requireNonNull(serialization, "serialization");
            return this;
        }

        /**
         * @param sizer measures a value in bytes; by default the value's serialization's
         *     {@link Serialization#sizeOf}
         * @return this builder
         */
        public Builder sizer(ToLongFunction<Object> sizer) {
            this.sizer = Objects.requireNonNull(sizer, "sizer");
            return this;
        }

        /**
         * @return the store
         * @throws java.io.UncheckedIOException when the directory cannot be created
         */
        public DataStore build() {
            return new SpillingDataStore(directory, thresholds,
                    serialization != null ? serialization : Serialization.get(), sizer);
        }
    }
}
