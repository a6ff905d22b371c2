package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A serialized value: the identifier of the serializer that wrote it and its frames.
 *
 * <p>A frame's content is the bytes between its position and its limit. Frames may share memory
 * with the value they came from or with the byte array they were read from; treat them as
 * read-only and read them through {@link ByteBuffer#duplicate()}.
 *
 * @param typeId the serializer's wire identifier ({@link BlockSerializer#typeId()}, or
 *     {@code "jdask.fory"} / {@code "jdask.java"} for the general fallbacks)
 * @param frames the frames, in order
 */
public record Serialized(String typeId, List<ByteBuffer> frames) {
    /**
     * @throws IllegalArgumentException when the type id is empty or a frame is null
     */
    public Serialized {
        if (typeId == null || typeId.isEmpty()) {
            throw new IllegalArgumentException("a serialized value needs a type id");
        }
        if (frames == null) {
            throw new IllegalArgumentException("a serialized value needs a list of frames");
        }
        for (ByteBuffer f : frames) {
            if (f == null) {
                throw new IllegalArgumentException("a frame of a serialized '" + typeId + "' value is null");
            }
        }
        frames = List.copyOf(frames);
    }

    /** @return the number of payload bytes in all frames */
    public long totalBytes() {
        long n = 0;
        for (ByteBuffer f : frames) {
            n += f.remaining();
        }
        return n;
    }

    /**
     * Packs this value into one self-describing byte array (header with type id and frame lengths,
     * then the frames), for spilling to disk or storing anywhere a single array is wanted.
     *
     * @return the bytes; {@link #fromBytes} reads them back
     * @throws SerializationException when the value is too large for one byte array
     */
    public byte[] toBytes() {
        return FrameFormat.pack(this);
    }

    /**
     * Reads a byte array written by {@link #toBytes()}. The frames are views of {@code bytes}, not
     * copies.
     *
     * @param bytes the bytes
     * @return the serialized value
     * @throws SerializationException when the bytes are truncated, corrupt, or not jdask's format;
     *     the message says which
     */
    public static Serialized fromBytes(byte[] bytes) {
        return FrameFormat.unpack(bytes);
    }
}
