package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The single-array layout of a {@link Serialized} value. All integers are big-endian.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |                 magic 0x4A44534B ("JDSK")                     |
 * +---------------+---------------+-------------------------------+
 * |  version (1)  |  flags (0)    |     type id length L          |
 * +---------------+---------------+-------------------------------+
 * |                type id, L bytes of UTF-8                    ...
 * +---------------------------------------------------------------+
 * |                    frame count N                              |
 * +---------------------------------------------------------------+
 * |                 length of frame 0 ... frame N-1  (N ints)   ...
 * +---------------------------------------------------------------+
 * |                 frame 0 bytes, frame 1 bytes, ...           ...
 * +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The frame lengths must add up to exactly the bytes that follow the header, so truncated or
 * padded input is detected before any frame is decoded.
 */
final class FrameFormat {
    static final int MAGIC = 0x4A44534B;
    static final byte VERSION = 1;
    static final int MAX_TYPE_ID_BYTES = 0xFFFF;
    private static final int FIXED_HEADER = 8;

    private FrameFormat() {}

    static byte[] pack(Serialized s) {
        List<ByteBuffer> frames = s.frames();
        long[] lengths = new long[frames.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = frames.get(i).remaining();
        }
        ByteBuffer header = header(s.typeId(), lengths); // checks the id and that the whole fits one array
        byte[] out = new byte[header.remaining() + (int) s.totalBytes()];
        ByteBuffer b = ByteBuffer.wrap(out).put(header);
        for (ByteBuffer f : frames) {
            b.put(f.duplicate());
        }
        return out;
    }

    static Serialized unpack(byte[] bytes) {
        if (bytes == null) {
            throw new SerializationException("no bytes to read (null)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        if (bytes.length < FIXED_HEADER) {
            throw corrupt(bytes, "truncated: " + bytes.length + " bytes is shorter than the " + FIXED_HEADER
                    + "-byte header");
        }
        int magic = b.getInt();
        if (magic != MAGIC) {
            throw corrupt(bytes, String.format("not jdask serialized data: it starts with 0x%08X, not 0x%08X", magic,
                    MAGIC));
        }
        byte version = b.get();
        if (version != VERSION) {
            throw corrupt(bytes, "format version " + version + " is not supported (this jdask reads version "
                    + VERSION + ")");
        }
        byte flags = b.get();
        if (flags != 0) {
            throw corrupt(bytes, "unknown flags " + flags);
        }
        int idLength = Short.toUnsignedInt(b.getShort());
        if (idLength == 0) {
            throw corrupt(bytes, "empty type id");
        }
        if (b.remaining() < idLength + 4) {
            throw corrupt(bytes, "truncated in the header: the type id needs " + idLength
                    + " bytes and the frame count 4, but " + b.remaining() + " remain");
        }
        String typeId = new String(bytes, b.position(), idLength, StandardCharsets.UTF_8);
        b.position(b.position() + idLength);
        int count = b.getInt();
        if (count < 0 || 4L * count > b.remaining()) {
            throw corrupt(bytes, "truncated in the header: " + count + " frame lengths announced for type '" + typeId
                    + "' but only " + b.remaining() + " bytes remain");
        }
        int[] lengths = new int[count];
        long sum = 0;
        for (int i = 0; i < count; i++) {
            lengths[i] = b.getInt();
            if (lengths[i] < 0) {
                throw corrupt(bytes, "frame " + i + " of type '" + typeId + "' has negative length " + lengths[i]);
            }
            sum += lengths[i];
        }
        if (sum > b.remaining()) {
            throw corrupt(bytes, "truncated: the " + count + " frames of type '" + typeId + "' need " + sum
                    + " bytes but only " + b.remaining() + " remain");
        }
        if (sum < b.remaining()) {
            throw corrupt(bytes, (b.remaining() - sum) + " unexpected bytes after the last frame of type '" + typeId
                    + "'");
        }
        List<ByteBuffer> frames = new ArrayList<>(count);
        int at = b.position();
        for (int len : lengths) {
            frames.add(ByteBuffer.wrap(bytes, at, len).slice());
            at += len;
        }
        return new Serialized(typeId, frames);
    }

    /** The header of a packed value: its type id, frame lengths, and its own length in bytes. */
    record Header(String typeId, long[] lengths, int headerBytes) {
        long totalBytes() {
            long n = headerBytes;
            for (long l : lengths) {
                n += l;
            }
            return n;
        }
    }

    /**
     * @return the header that {@link #pack} writes before frames of these lengths
     * @throws SerializationException when the type id is too long or the value too large
     */
    static ByteBuffer header(String typeId, long[] lengths) {
        byte[] id = typeId.getBytes(StandardCharsets.UTF_8);
        if (id.length > MAX_TYPE_ID_BYTES) {
            throw new SerializationException("type id of " + id.length + " bytes is longer than " + MAX_TYPE_ID_BYTES);
        }
        long total = FIXED_HEADER + id.length + 4L + 4L * lengths.length;
        for (long l : lengths) {
            total += l;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new SerializationException("a serialized '" + typeId + "' of " + total
                    + " bytes does not fit in one byte array; send or store its frames separately");
        }
        ByteBuffer b = ByteBuffer.allocate(FIXED_HEADER + id.length + 4 + 4 * lengths.length);
        b.putInt(MAGIC).put(VERSION).put((byte) 0).putShort((short) id.length).put(id).putInt(lengths.length);
        for (long l : lengths) {
            b.putInt((int) l);
        }
        return b.flip();
    }

    /**
     * Reads the header at the start of {@code head} (its position and limit are not changed).
     *
     * @return the header, or null when {@code head} does not start with the magic number or ends
     *     before the header does
     * @throws SerializationException when the header is corrupt (the message says why)
     */
    static Header peek(ByteBuffer head) {
        ByteBuffer b = head.slice();
        if (b.remaining() < FIXED_HEADER || b.getInt(0) != MAGIC) {
            return null;
        }
        b.position(4);
        byte version = b.get();
        if (version != VERSION) {
            throw new SerializationException("cannot read serialized data: format version " + version
                    + " is not supported (this jdask reads version " + VERSION + ")");
        }
        byte flags = b.get();
        if (flags != 0) {
            throw new SerializationException("cannot read serialized data: unknown flags " + flags);
        }
        int idLength = Short.toUnsignedInt(b.getShort());
        if (idLength == 0) {
            throw new SerializationException("cannot read serialized data: empty type id");
        }
        if (b.remaining() < idLength + 4) {
            return null;
        }
        byte[] id = new byte[idLength];
        b.get(id);
        String typeId = new String(id, StandardCharsets.UTF_8);
        int count = b.getInt();
        if (count < 0 || count > (Integer.MAX_VALUE - 16) / 4) {
            throw new SerializationException("cannot read serialized data: " + count + " frames announced for type '"
                    + typeId + "'");
        }
        if (b.remaining() < 4L * count) {
            return null;
        }
        long[] lengths = new long[count];
        for (int i = 0; i < count; i++) {
            lengths[i] = b.getInt();
            if (lengths[i] < 0) {
                throw new SerializationException("cannot read serialized data: frame " + i + " of type '" + typeId
                        + "' has negative length " + lengths[i]);
            }
        }
        return new Header(typeId, lengths, b.position());
    }

    private static SerializationException corrupt(byte[] bytes, String why) {
        return new SerializationException("cannot read " + bytes.length + " bytes of serialized data: " + why);
    }
}
