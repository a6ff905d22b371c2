package io.jdask.distributed.code;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * The payload format of a client that ships code: the client's identity in front of the serialized
 * bytes, so that a worker knows whose class loader reads a task (and the values it produces)
 * without the scheduler, which forwards payloads unopened, knowing anything about code.
 *
 * <pre>
 *  0        4     5          7               7+n
 *  +--------+-----+----------+---------------+--------------------------------+
 *  | "JDCE" | ver | n (u16)  | client id     | serialized bytes (core's format) |
 *  +--------+-----+----------+---------------+--------------------------------+
 * </pre>
 *
 * A payload without the magic is in core's format alone (it starts with {@code "JDSK"}) and is
 * read with the worker's own classes.
 */
public final class CodeEnvelope {
    /** {@code "JDCE"}. */
    static final int MAGIC = 0x4A444345;
    static final int VERSION = 1;
    private static final int MAX_ID_BYTES = 0xFFFF;

    private CodeEnvelope() {}

    /**
     * An opened envelope.
     *
     * @param clientId the client whose code reads the body
     * @param body the serialized bytes (a view, not a copy)
     */
    public record Opened(String clientId, ByteBuffer body) {}

    /**
     * @param clientId the client
     * @param serialized the bytes in core's serialization format
     * @return the envelope's bytes
     * @throws IllegalArgumentException when the id is empty or longer than 65535 bytes in UTF-8
     */
    public static byte[] wrap(String clientId, byte[] serialized) {
        byte[] id = Objects.requireNonNull(clientId, "clientId").getBytes(StandardCharsets.UTF_8);
        if (id.length == 0 || id.length > MAX_ID_BYTES) {
            throw new IllegalArgumentException("a client id must have 1 to " + MAX_ID_BYTES + " bytes, got " + id.length);
        }
        ByteBuffer b = ByteBuffer.allocate(7 + id.length + serialized.length);
        b.putInt(MAGIC).put((byte) VERSION).putShort((short) id.length).put(id).put(serialized);
        return b.array();
    }

    /**
     * @param payload bytes that may be an envelope (position and limit are not changed)
     * @return the envelope's client and body, or empty when the bytes are not an envelope
     * @throws IllegalArgumentException when they are an envelope of an unknown version or cut short
     */
    public static Optional<Opened> open(ByteBuffer payload) {
        ByteBuffer b = payload.duplicate();
        if (b.remaining() < 4 || b.getInt(b.position()) != MAGIC) {
            return Optional.empty();
        }
        if (b.remaining() < 7) {
            throw new IllegalArgumentException("a code envelope of " + b.remaining() + " bytes is cut short");
        }
        b.getInt();
        int version = b.get() & 0xFF;
        if (version != VERSION) {
            throw new IllegalArgumentException("code envelope version " + version + " is not supported (this jdask reads version " + VERSION + ")");
        }
        int n = b.getShort() & 0xFFFF;
        if (b.remaining() < n) {
            throw new IllegalArgumentException("a code envelope's client id of " + n + " bytes is cut short at " + b.remaining());
        }
        byte[] id = new byte[n];
        b.get(id);
        return Optional.of(new Opened(new String(id, StandardCharsets.UTF_8), b.slice()));
    }
}
