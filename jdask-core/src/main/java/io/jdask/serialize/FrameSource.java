package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The bytes of a frame, produced on demand slice by slice instead of held in one buffer: a
 * transport writes a large block through a small buffer, copying each slice straight from the
 * block's own arrays, so sending never makes a full copy of the block.
 *
 * <p>Implementations read the value they were made from and never modify it; {@link #copyTo} may
 * be called any number of times, for any ranges, from one thread at a time.
 */
public interface FrameSource {
    /** @return the number of bytes */
    long length();

    /**
     * Copies the bytes {@code [offset, offset + dst.remaining())} into {@code dst}, advancing its
     * position to its limit.
     *
     * @param offset where to start, from 0
     * @param dst the buffer to fill (any byte order; the bytes are written as they are on the wire)
     * @throws IndexOutOfBoundsException when the range goes past {@link #length()}
     */
    void copyTo(long offset, ByteBuffer dst);

    /**
     * @param frame a frame held in memory (its remaining bytes; position and limit are not changed)
     * @return a source of its bytes, sharing its memory
     */
    static FrameSource of(ByteBuffer frame) {
        return new Sources.OfBuffer(frame.slice());
    }

    /**
     * The elements of a primitive array as little-endian bytes ({@code boolean}: one byte, 0 or 1).
     *
     * @param array a {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code
     *     short[]}, {@code byte[]} or {@code boolean[]}; it must not change while the source is used
     * @param from the first element
     * @param count how many elements
     * @return the source
     * @throws IllegalArgumentException when {@code array} is not one of those types
     * @throws IndexOutOfBoundsException when the range is outside the array
     */
    static FrameSource ofArray(Object array, int from, int count) {
        return new Sources.OfArray(PrimitiveCopy.of(array), array, from, count);
    }

    /**
     * @param parts sources to read one after the other
     * @return their concatenation
     */
    static FrameSource concat(List<FrameSource> parts) {
        return new Sources.Concat(parts);
    }
}
