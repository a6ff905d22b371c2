package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.worker.store.DataStore.Packed;
import io.jdask.distributed.worker.store.LocalDirectory;
import io.jdask.distributed.worker.store.MemoryThresholds;
import io.jdask.graph.Key;
import io.jdask.serialize.Serialization;
import java.nio.file.Path;

/**
 * The worker's {@link DataStore} seam backed by the spilling {@link io.jdask.distributed.worker.store.DataStore}
 * in the worker's own {@link LocalDirectory}: values beyond the target fraction of the memory
 * limit go to spill files, values asked for by peers are read from their files without coming
 * back into memory, and closing deletes the directory with every spill file.
 */
final class SpillingStore implements DataStore {
    private final LocalDirectory directory;
    private final io.jdask.distributed.worker.store.DataStore inner;

    private SpillingStore(LocalDirectory directory, io.jdask.distributed.worker.store.DataStore inner) {
        this.directory = directory;
        this.inner = inner;
    }

    /**
     * @param root the shared local directory ({@code --local-directory}); the store takes a
     *     locked {@code worker-*} directory under it
     * @param thresholds the memory limit and fractions
     * @return the store
     */
    static SpillingStore open(Path root, MemoryThresholds thresholds) {
        LocalDirectory dir = LocalDirectory.open(root);
        try {
            return new SpillingStore(dir, io.jdask.distributed.worker.store.DataStore.builder(dir.spillDirectory())
                    .thresholds(thresholds).build());
        } catch (RuntimeException e) {
            dir.close();
            throw e;
        }
    }

    /** @return the worker's own directory */
    Path directory() {
        return directory.path();
    }

    /** @return the spilling store underneath */
    io.jdask.distributed.worker.store.DataStore spilling() {
        return inner;
    }

    @Override
    public void put(Key key, Object value, long nbytes) {
        inner.put(key, value);
    }

    @Override
    public void put(Key key, Object value, long nbytes, Serialization serialization) {
        if (serialization == null) {
            inner.put(key, value);
        } else {
            inner.put(key, value, serialization);
        }
    }

    @Override
    public boolean contains(Key key) {
        return inner.contains(key);
    }

    @Override
    public Object get(Key key) {
        return inner.get(key);
    }

    @Override
    public Payload serialized(Key key, TaskCodec codec) {
        if (!codec.standardFormat(key)) {
            return DataStore.super.serialized(key, codec);
        }
        // in memory: the value itself, written slice by slice when large; on disk: a block read back
        // for this reply only (straight into its arrays), other values sent as their file's bytes
        Object v = inner.peek(key);
        return v instanceof Packed p ? Payload.wrap(p.serialized().toBytes()) : codec.writeValue(key, v);
    }

    @Override
    public void remove(Key key) {
        ReleasedMemory.released(inner.discard(key));
    }

    @Override
    public long spill(long bytes) {
        return inner.spill(bytes);
    }

    @Override
    public long memoryBytes() {
        return inner.memoryBytes();
    }

    @Override
    public io.jdask.distributed.worker.store.StoreMetrics metrics() {
        return inner.metrics();
    }

    @Override
    public int size() {
        return inner.keys().size();
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            directory.close();
        }
    }
}
