package io.jdask.serialize;

import java.nio.ByteBuffer;

/**
 * Rebuilds a block from its frames' bytes as they arrive, in pieces of any size, so that a
 * transport can fill the block's destination arrays straight from its socket buffers instead of
 * first collecting the frames. Made by {@link BlockSerializer#newSink}; one per block, used by one
 * thread.
 *
 * @param <T> the block type
 */
public interface BlockSink<T> {
    /**
     * Takes the next bytes: the frames' bytes one after the other, in order, without separators.
     *
     * @param bytes the bytes (consumed entirely; not kept after returning)
     * @throws SerializationException when they cannot be part of a valid block (a bad header, more
     *     bytes than the frames announced)
     */
    void accept(ByteBuffer bytes);

    /**
     * @return the block
     * @throws SerializationException when not every byte of the frames arrived
     */
    T finish();
}
