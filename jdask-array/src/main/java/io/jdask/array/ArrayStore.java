package io.jdask.array;

import java.nio.file.Path;

/**
 * The chunked on-disk store: a directory holding {@code .jdask-array.json} (format, version,
 * dtype, shape, chunks) and one NumPy {@code .npy} file per block, named by its block index
 * ({@code 0.1.npy}), so each block can be read, written or inspected with NumPy on its own.
 */
public final class ArrayStore {
    private ArrayStore() {}

    /**
     * Computes the array and writes one file per block, in parallel.
     *
     * @param array the array (chunk lengths must be known)
     * @param dir the directory (created if missing)
     * @throws java.io.UncheckedIOException when writing fails
     */
    public static void write(Array array, Path dir) {
        Stores.toStore(array, dir);
    }

    /**
     * @param dir a store's directory
     * @return the stored array with its stored chunks; blocks are read when computed
     * @throws java.io.UncheckedIOException when the metadata cannot be read
     */
    public static Array read(Path dir) {
        return Stores.fromStore(dir);
    }
}
