package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of a message header, checking every length against what is there. Reads the
 * header's array directly (big-endian, through {@link WireWriter}'s {@code VarHandle}s), not
 * through {@code ByteBuffer} code shared with the rest of the process: see {@link WireWriter}.
 */
final class WireReader {
    private final byte[] bytes;
    /** Where the header starts in {@link #bytes}: offsets in messages count from here. */
    private final int base;
    private final int limit;
    private int pos;
    private final List<Payload> payloads;
    private final boolean[] used;
    /** Frames read as the head of joined payloads, which several payload fields may share. */
    private boolean[] heads;

    /** @param buf the header, from its position to its limit (copied first unless it has an array) */
    WireReader(ByteBuffer buf, List<Payload> payloads) {
        if (buf.hasArray()) {
            this.bytes = buf.array();
            this.base = buf.arrayOffset() + buf.position();
        } else {
            this.bytes = new byte[buf.remaining()];
            buf.duplicate().get(bytes);
            this.base = 0;
        }
        this.pos = base;
        this.limit = base + buf.remaining();
        this.payloads = payloads;
        this.used = new boolean[payloads.size()];
    }

    private int remaining() {
        return limit - pos;
    }

    private int offset() {
        return pos - base;
    }

    private void need(int n, String what) {
        if (n < 0 || remaining() < n) {
            throw new ProtocolException("truncated message: " + what + " needs " + n + " bytes at offset " + offset() + ", " + remaining() + " left");
        }
    }

    int u8() {
        need(1, "a byte");
        return bytes[pos++] & 0xff;
    }

    boolean bool() {
        int v = u8();
        if (v > 1) {
            throw new ProtocolException("bad boolean " + v + " at offset " + (offset() - 1));
        }
        return v == 1;
    }

    int i32() {
        need(4, "an int");
        int v = (int) WireWriter.INT.get(bytes, pos);
        pos += 4;
        return v;
    }

    long i64() {
        need(8, "a long");
        long v = (long) WireWriter.LONG.get(bytes, pos);
        pos += 8;
        return v;
    }

    double f64() {
        return Double.longBitsToDouble(i64());
    }

    int count(String what) {
        int n = i32();
        if (n < 0 || n > remaining()) {
            throw new ProtocolException("bad count " + n + " of " + what + " at offset " + (offset() - 4));
        }
        return n;
    }

    String string() {
        int n = i32();
        need(n, "a string");
        int at = pos;
        pos += n;
        return StringCache.decode(bytes, at, n);
    }

    Key key() {
        String name = string();
        int ndim = count("key indices");
        if (name.isEmpty()) {
            throw new ProtocolException("empty key name at offset " + offset());
        }
        if (ndim == 0) {
            return Key.of(name);
        }
        int[] index = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            index[i] = i32();
        }
        return Key.of(name, index);
    }

    // Lists come back immutable, made from arrays: the messages' List.copyOf keeps them as they
    // are, where copying an ArrayList runs the JDK's shared Collection calls (see WireWriter).

    List<Key> keys() {
        int n = count("keys");
        Key[] out = new Key[n];
        for (int i = 0; i < n; i++) {
            out[i] = key();
        }
        return List.of(out);
    }

    List<String> strings() {
        int n = count("strings");
        String[] out = new String[n];
        for (int i = 0; i < n; i++) {
            out[i] = string();
        }
        return List.of(out);
    }

    Set<String> stringSet() {
        return new HashSet<>(strings());
    }

    Map<String, Double> resources() {
        int n = count("resources");
        if (n == 0) {
            return Map.of(); // the usual case; the records copy the map anyway
        }
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(string(), f64());
        }
        return out;
    }

    Map<Key, Long> keySizes() {
        int n = count("key sizes");
        Map<Key, Long> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            out.put(key(), i64());
        }
        return out;
    }

    Payload payload() {
        int i = i32();
        if (i == WireWriter.JOINED) {
            int h = i32();
            if (heads == null) {
                heads = new boolean[payloads.size()];
            }
            if (h < 0 || h >= payloads.size() || used[h] && !heads[h]) {
                throw new ProtocolException("bad joined payload head reference " + h + " (" + payloads.size() + " payload frames)");
            }
            used[h] = true;
            heads[h] = true;
            Payload tail = frame(i32());
            try {
                return Payload.joined(payloads.get(h), tail);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("bad joined payload: " + e.getMessage());
            }
        }
        return frame(i);
    }

    private Payload frame(int i) {
        if (i < 0 || i >= payloads.size() || used[i]) {
            throw new ProtocolException("bad payload reference " + i + " (" + payloads.size() + " payload frames)");
        }
        used[i] = true;
        return payloads.get(i);
    }

    void end() {
        if (remaining() > 0) {
            throw new ProtocolException(remaining() + " unexpected bytes at the end of a message");
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new ProtocolException("payload frame " + i + " is not referenced by the message");
            }
        }
    }
}
