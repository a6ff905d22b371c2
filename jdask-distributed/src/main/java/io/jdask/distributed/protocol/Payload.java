package io.jdask.distributed.protocol;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Opaque bytes: a serialized task (function and literal arguments) or a serialized value. The
 * scheduler stores and forwards payloads without ever deserializing them, so it needs none of the
 * application's classes.
 *
 * <p>A payload wraps a read-only view of a buffer; it never copies the bytes it is given. Equality
 * is by content, so records that hold payloads compare meaningfully in tests.
 */
public final class Payload {
    /** The empty payload. */
    public static final Payload EMPTY = new Payload(ByteBuffer.allocate(0).asReadOnlyBuffer());

    private final ByteBuffer bytes;
    /** The array this payload wraps whole, or null when it wraps part of a buffer. */
    private final byte[] whole;

    private Payload(ByteBuffer bytes) {
        this(bytes, null);
    }

    private Payload(ByteBuffer bytes, byte[] whole) {
        this.bytes = bytes;
        this.whole = whole;
    }

    /**
     * Wraps an array without copying it; the caller must not modify it afterwards.
     *
     * @param bytes the bytes
     * @return the payload
     */
    public static Payload wrap(byte[] bytes) {
        return new Payload(ByteBuffer.wrap(bytes).asReadOnlyBuffer(), bytes);
    }

    /**
     * Wraps the remaining bytes of a buffer without copying them; the caller must not modify them
     * afterwards.
     *
     * @param buffer the buffer (its position and limit are not changed)
     * @return the payload
     */
    public static Payload wrap(ByteBuffer buffer) {
        return new Payload(buffer.slice().asReadOnlyBuffer());
    }

    /** @return a read-only view of the bytes, positioned at 0 */
    public ByteBuffer buffer() {
        return bytes.duplicate();
    }

    /** @return the number of bytes */
    public int size() {
        return bytes.remaining();
    }

    /**
     * The bytes as one array without a copy where possible: a payload made by {@link
     * #wrap(byte[])} (every payload a transport decodes is) returns the array it wraps, which the
     * caller must not modify; any other payload returns a copy. For deserializers that need an
     * array, so a large value is not copied once more on its way in.
     *
     * @return the bytes
     */
    public byte[] array() {
        return whole != null ? whole : toByteArray();
    }

    /** @return a copy of the bytes */
    public byte[] toByteArray() {
        byte[] out = new byte[bytes.remaining()];
        bytes.duplicate().get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Payload p && bytes.equals(p.bytes);
    }

    @Override
    public int hashCode() {
        return bytes.hashCode();
    }

    @Override
    public String toString() {
        int n = Math.min(8, size());
        byte[] head = new byte[n];
        bytes.duplicate().get(head);
        return "Payload[" + size() + " bytes" + (n > 0 ? ", " + HexFormat.of().formatHex(head) + (n < size() ? "..." : "") : "") + "]";
    }
}
