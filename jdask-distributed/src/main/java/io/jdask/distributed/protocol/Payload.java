package io.jdask.distributed.protocol;

import io.jdask.serialize.FrameSource;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Opaque bytes: a serialized task (function and literal arguments) or a serialized value. The
 * scheduler stores and forwards payloads without ever deserializing them, so it needs none of the
 * application's classes.
 *
 * <p>Most payloads wrap a read-only view of a buffer; they never copy the bytes they are given. A
 * payload may instead hold a value and make its bytes on demand ({@link #ofValue}): a worker sends
 * a large block that way, written slice by slice from the block's own arrays, and a worker's
 * transport reads a large block straight into its arrays and hands it on the same way, so neither
 * side holds the block's bytes whole. Equality is by content, so records that hold payloads compare
 * meaningfully in tests.
 *
 * <p>A payload may also be two payloads joined ({@link #joined}): a first part shared by many
 * payloads (a task function's bytes, the same for every task of a {@code map}) and a part of its
 * own. Its bytes are the two parts' one after the other; a message writes the shared part once
 * however many of its payloads share it (the same object), and a reader sees the parts apart.
 */
public final class Payload {
    /**
     * Payloads of at least this many bytes are large: the transport writes them in chunks (a value
     * straight from its arrays) and a worker reads a large block straight into its arrays; a value
     * this large is kept as a value in its payload until it is written ({@link #ofValue}).
     */
    public static final int LARGE = 4 << 20;

    /** The empty payload. */
    public static final Payload EMPTY = new Payload(ByteBuffer.allocate(0).asReadOnlyBuffer(), null);

    private final ByteBuffer bytes;
    /** The array this payload wraps whole, or null when it wraps part of a buffer. */
    private final byte[] whole;
    /** For a payload that holds a value: its bytes, made on demand. */
    private final FrameSource source;
    private final Object value;
    /** Why the value of a payload that holds one could not be read, or null. */
    private final RuntimeException failure;
    private final int size;
    /** For a joined payload: its shared first part, and its own rest; null otherwise. */
    private final Payload head;
    private final Payload tail;

    private Payload(ByteBuffer bytes, byte[] whole) {
        this.bytes = bytes;
        this.whole = whole;
        this.source = null;
        this.value = null;
        this.failure = null;
        this.size = bytes.remaining();
        this.head = null;
        this.tail = null;
    }

    private Payload(FrameSource source, Object value, RuntimeException failure, int size) {
        this.bytes = null;
        this.whole = null;
        this.source = source;
        this.value = value;
        this.failure = failure;
        this.size = size;
        this.head = null;
        this.tail = null;
    }

    private Payload(Payload head, Payload tail) {
        this.bytes = null;
        this.whole = null;
        this.source = null; // made when asked for: a task's payload is read as its parts
        this.value = null;
        this.failure = null;
        this.size = head.size + tail.size;
        this.head = head;
        this.tail = tail;
    }

    /**
     * Two payloads as one: the bytes of {@code head}, then those of {@code tail}. A message that
     * carries several payloads joined to one {@code head} object sends its bytes once.
     *
     * @param head the first part, shared by several payloads
     * @param tail the rest
     * @return the joined payload
     * @throws IllegalArgumentException when a part holds a value or is itself joined, or the
     *     whole is longer than one array
     */
    public static Payload joined(Payload head, Payload tail) {
        if (head.bytes == null || tail.bytes == null) {
            throw new IllegalArgumentException("only payloads of bytes can be joined, got " + head + " and " + tail);
        }
        if ((long) head.size + tail.size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a payload of " + ((long) head.size + tail.size) + " bytes is longer than one array");
        }
        return new Payload(head, tail);
    }

    /** @return the shared first part of a joined payload ({@link #joined}), or null for any other payload */
    public Payload head() {
        return head;
    }

    /** @return the rest of a joined payload after its {@link #head()}, or null for any other payload */
    public Payload tail() {
        return tail;
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
        return new Payload(buffer.slice().asReadOnlyBuffer(), null);
    }

    /**
     * A payload that holds a value and its serialized bytes as a source, read only when the
     * payload is written or its bytes are asked for.
     *
     * @param value the value (jdask never modifies a computed value; it must not change)
     * @param bytes its serialized bytes, exactly what a reader of the payload's bytes expects
     * @return the payload
     * @throws IllegalArgumentException when the bytes are longer than one array
     */
    public static Payload ofValue(Object value, FrameSource bytes) {
        if (bytes.length() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a payload of " + bytes.length() + " bytes is longer than one array");
        }
        return new Payload(bytes, value, null, (int) bytes.length());
    }

    /**
     * A payload whose value could not be read as it arrived (its bytes are gone): {@link #value()}
     * throws the failure, so the receiver reports it for the key it belongs to.
     *
     * @param size how many bytes it had
     * @param failure why it could not be read
     * @return the payload
     */
    public static Payload failed(int size, RuntimeException failure) {
        return new Payload(null, null, failure, size);
    }

    /** @return whether this payload holds its value (or the failure to read it) besides bytes */
    public boolean hasValue() {
        return bytes == null && head == null;
    }

    /**
     * @return the value this payload holds
     * @throws IllegalStateException when it holds bytes only
     * @throws RuntimeException the failure of a payload that could not be read
     */
    public Object value() {
        if (bytes != null || head != null) {
            throw new IllegalStateException("this payload holds bytes only, no value");
        }
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    /** @return the bytes as a source (a payload that holds a value makes them from it) */
    public FrameSource source() {
        if (bytes != null) {
            return FrameSource.of(bytes);
        }
        if (head != null) {
            return FrameSource.concat(java.util.List.of(head.source(), tail.source()));
        }
        if (failure != null) {
            throw failure;
        }
        return source;
    }

    /** @return a read-only view of the bytes, positioned at 0 (made anew for a payload that holds a value) */
    public ByteBuffer buffer() {
        if (bytes != null) {
            return bytes.duplicate();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        source().copyTo(0, out);
        return out.flip().asReadOnlyBuffer();
    }

    /** @return the number of bytes */
    public int size() {
        return size;
    }

    /**
     * The bytes as one array without a copy where possible: a payload made by {@link
     * #wrap(byte[])} (every payload a transport decodes into bytes is) returns the array it wraps,
     * which the caller must not modify; any other payload returns a copy. For deserializers that
     * need an array, so a large value is not copied once more on its way in.
     *
     * @return the bytes
     */
    public byte[] array() {
        return whole != null ? whole : toByteArray();
    }

    /** @return a copy of the bytes */
    public byte[] toByteArray() {
        byte[] out = new byte[size];
        if (bytes != null) {
            bytes.duplicate().get(out);
        } else {
            source().copyTo(0, ByteBuffer.wrap(out));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Payload p) || p.size != size || failure != null || p.failure != null) {
            return false;
        }
        return buffer().equals(p.buffer());
    }

    @Override
    public int hashCode() {
        return failure != null ? System.identityHashCode(this) : buffer().hashCode();
    }

    @Override
    public String toString() {
        if (failure != null) {
            return "Payload[" + size + " bytes, unreadable: " + failure.getMessage() + "]";
        }
        int n = Math.min(8, size);
        byte[] head = new byte[n];
        source().copyTo(0, ByteBuffer.wrap(head));
        return "Payload[" + size + " bytes" + (hasValue() ? ", read" : "")
                + (n > 0 ? ", " + HexFormat.of().formatHex(head) + (n < size ? "..." : "") : "") + "]";
    }
}
