package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A fast serializer for one type of data block (an array chunk, a dataframe partition), used by
 * {@link Serialization} in place of the general fallback.
 *
 * <p>A block becomes a list of frames: raw buffers holding its primitive data, written with bulk
 * copies and no per-element work. Large payloads stay in frames of their own so that a transport
 * can send them without copying them into a message, and a store can spill them as they are.
 *
 * <p>Collections register theirs with {@link java.util.ServiceLoader}: a public class with a public
 * no-argument constructor, listed in {@code META-INF/services/io.jdask.serialize.BlockSerializer}.
 * Core registers its own for {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]},
 * {@code byte[]}, {@link String} and the boxed {@link Integer}, {@link Long}, {@link Double} and
 * {@link Boolean}.
 *
 * <p>Contract:
 * <ul>
 *   <li>Implementations are stateless and thread-safe.
 *   <li>{@link #typeId()} is unique and never changes between versions: it is written on the wire
 *       and into spill files.
 *   <li>A frame's content is the bytes between its position and its limit. {@link #toFrames} may
 *       return frames that share memory with the value (jdask never mutates a computed value);
 *       it must not keep them. {@link #fromFrames} receives buffers it may consume (their positions
 *       may move) but must not write to, and must not keep after returning.
 *   <li>{@link #fromFrames} checks what it reads and throws {@link SerializationException} for
 *       frames that could not have come from {@link #toFrames}.
 * </ul>
 *
 * @param <T> the block type
 */
public interface BlockSerializer<T> {
    /**
     * @return the class this serializer handles; subclasses and implementations of it are handled
     *     too unless another serializer names them exactly
     */
    Class<T> type();

    /**
     * @return the stable wire identifier, e.g. {@code "jdask.ndarray"}; at most 200 characters
     */
    String typeId();

    /**
     * Turns a block into frames.
     *
     * @param value the block, not null
     * @return its frames, in order
     */
    List<ByteBuffer> toFrames(T value);

    /**
     * Rebuilds a block from the frames {@link #toFrames} made.
     *
     * @param frames the frames, in order
     * @return the block
     * @throws SerializationException when the frames are not a valid encoding of a block
     */
    T fromFrames(List<ByteBuffer> frames);

    /**
     * The block's frames as sources that copy from the block's own arrays on demand, for writing a
     * large block slice by slice without a full copy. Their bytes must equal those of {@link
     * #toFrames}. The default wraps {@link #toFrames}.
     *
     * @param value the block, not null; it must not change while the sources are used
     * @return its frames, in order
     */
    default List<FrameSource> toFrameSources(T value) {
        List<ByteBuffer> frames = toFrames(value);
        List<FrameSource> out = new ArrayList<>(frames.size());
        for (ByteBuffer f : frames) {
            out.add(FrameSource.of(f));
        }
        return out;
    }

    /**
     * A sink that rebuilds a block from its frames' bytes as they arrive (see {@link BlockSink}),
     * giving the same block as {@link #fromFrames} would for the same bytes. The default returns
     * null: this serializer reads whole frames only, and a transport collects them first.
     *
     * @param frameLengths the lengths of the block's frames, in order
     * @return the sink, or null when this serializer does not read blocks as a stream
     * @throws SerializationException when the frame lengths cannot be those of a block
     */
    default BlockSink<T> newSink(long[] frameLengths) {
        return null;
    }

    /**
     * @param value a block
     * @return the exact number of bytes it occupies in memory, for data stores that enforce memory
     *     limits
     */
    long sizeOf(T value);
}
