package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link BlockSink} for blocks made of a few small header frames followed by frames that hold one
 * primitive array's elements, little-endian: the header frames are collected, then {@link
 * #allocate} makes the destination array and the remaining bytes are copied straight into it, with
 * no intermediate buffer of the block's size.
 *
 * @param <T> the block type
 */
public abstract class ArrayBlockSink<T> implements BlockSink<T> {
    private final String typeId;
    private final long[] lengths;
    private final int headerFrames;
    private final long total;
    private final List<ByteBuffer> headers = new ArrayList<>();
    private long received;
    private ByteBuffer header;
    private Object array;
    private ArrayFill fill;

    /**
     * @param typeId the block's type id, for messages
     * @param frameLengths the lengths of all frames
     * @param headerFrames how many leading frames are headers (collected whole before the data)
     * @throws SerializationException when there are fewer frames than header frames
     */
    protected ArrayBlockSink(String typeId, long[] frameLengths, int headerFrames) {
        if (frameLengths.length < headerFrames) {
            throw new SerializationException("a '" + typeId + "' block has at least " + headerFrames + " frames, got "
                    + frameLengths.length);
        }
        this.typeId = typeId;
        this.lengths = frameLengths.clone();
        this.headerFrames = headerFrames;
        long t = 0;
        for (long l : lengths) {
            t += l;
        }
        this.total = t;
        if (headerFrames == 0) {
            startData();
        }
    }

    /**
     * Makes the destination array once the header frames are in.
     *
     * @param headers the header frames, each positioned at 0
     * @param dataBytes the number of bytes in the data frames
     * @return a {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]}, {@code short[]},
     *     {@code byte[]} or {@code boolean[]} whose little-endian bytes are exactly {@code dataBytes}
     * @throws SerializationException when the headers are invalid or do not match {@code dataBytes}
     */
    protected abstract Object allocate(List<ByteBuffer> headers, long dataBytes);

    /**
     * @param headers the header frames, each positioned at 0
     * @param array the filled array
     * @return the block
     */
    protected abstract T build(List<ByteBuffer> headers, Object array);

    @Override
    public final void accept(ByteBuffer bytes) {
        if (received + bytes.remaining() > total) {
            throw new SerializationException("a '" + typeId + "' block got more than the " + total
                    + " bytes its frames announced");
        }
        received += bytes.remaining();
        while (bytes.hasRemaining()) {
            if (array == null) {
                if (header == null) {
                    header = ByteBuffer.allocate(Math.toIntExact(lengths[headers.size()]));
                }
                int n = Math.min(header.remaining(), bytes.remaining());
                header.put(bytes.slice(bytes.position(), n));
                bytes.position(bytes.position() + n);
                if (!header.hasRemaining()) {
                    headers.add(header.flip());
                    header = null;
                    if (headers.size() == headerFrames) {
                        startData();
                    }
                }
                continue;
            }
            fill.accept(bytes);
        }
    }

    private void startData() {
        long data = 0;
        for (int i = headerFrames; i < lengths.length; i++) {
            data += lengths[i];
        }
        Object a = allocate(headerViews(), data);
        ArrayFill f = new ArrayFill(a);
        if (f.bytes() != data) {
            throw new SerializationException("a '" + typeId + "' block's array of " + f.bytes()
                    + " bytes does not match its " + data + " bytes of data");
        }
        fill = f;
        array = a;
    }

    @Override
    public final T finish() {
        while (array == null && header == null && headers.size() < headerFrames && lengths[headers.size()] == 0) {
            headers.add(ByteBuffer.allocate(0));
            if (headers.size() == headerFrames) {
                startData();
            }
        }
        if (received != total || array == null) {
            throw new SerializationException("a '" + typeId + "' block is truncated: " + received + " of its "
                    + total + " bytes arrived");
        }
        return build(headerViews(), array);
    }

    /** @return views of the header frames received, each read from its start */
    private List<ByteBuffer> headerViews() {
        List<ByteBuffer> views = new ArrayList<>(headers.size());
        for (ByteBuffer h : headers) {
            views.add(h.duplicate());
        }
        return views;
    }
}
