package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Fills a primitive array from its little-endian bytes as they arrive, in pieces of any size: an
 * element split between two pieces is put together aside, every whole run of elements is copied in
 * bulk straight from the piece into the array. For {@link BlockSink}s that read several arrays
 * one after the other (a dataframe partition's columns).
 *
 * <pre>{@code
 * ArrayFill fill = new ArrayFill(new double[n]);
 * fill.accept(piece1);   // any number of bytes, at most fill.remaining()
 * fill.accept(piece2);
 * double[] values = (double[]) fill.array();   // once fill.remaining() == 0
 * }</pre>
 *
 * <p>Not thread-safe: one per array, fed by one thread.
 */
public final class ArrayFill {
    private final Object array;
    private final PrimitiveCopy copy;
    private final long total;
    private long received;
    private int at;
    private final ByteBuffer carry = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

    /**
     * @param array a {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code
     *     short[]}, {@code byte[]} or {@code boolean[]} (one byte per element, 0 or not) to fill
     *     from its first element
     * @throws IllegalArgumentException when {@code array} is not one of those types
     */
    public ArrayFill(Object array) {
        this.copy = PrimitiveCopy.of(array);
        this.array = array;
        this.total = (long) copy.length(array) * copy.width;
    }

    /** @return the array's size in bytes: how many bytes fill it */
    public long bytes() {
        return total;
    }

    /** @return how many bytes are still wanted */
    public long remaining() {
        return total - received;
    }

    /**
     * Takes the next bytes, all of them.
     *
     * @param in the bytes (any byte order: they are read little-endian; its position moves to its limit)
     * @throws SerializationException when they are more than {@link #remaining()}
     */
    public void accept(ByteBuffer in) {
        if (in.remaining() > remaining()) {
            throw new SerializationException("an array of " + total + " bytes got " + (received + in.remaining())
                    + " bytes");
        }
        received += in.remaining();
        int w = copy.width;
        while (in.hasRemaining()) {
            if (carry.position() > 0 || in.remaining() < w) {
                int n = Math.min(w - carry.position(), in.remaining());
                carry.put(in.slice(in.position(), n));
                in.position(in.position() + n);
                if (carry.position() == w) {
                    carry.flip();
                    copy.read(carry, array, at++, 1);
                    carry.clear();
                }
                continue;
            }
            int n = in.remaining() / w;
            copy.read(in.slice().order(ByteOrder.LITTLE_ENDIAN), array, at, n);
            in.position(in.position() + n * w);
            at += n;
        }
    }

    /** @return the array (filled once {@link #remaining()} is 0) */
    public Object array() {
        return array;
    }
}
