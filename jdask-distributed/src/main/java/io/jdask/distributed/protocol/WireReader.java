package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the fields of a message header, checking every length against what is there. */
final class WireReader {
    private final ByteBuffer buf;
    private final List<Payload> payloads;
    private final boolean[] used;
    /** Frames read as the head of joined payloads, which several payload fields may share. */
    private boolean[] heads;

    WireReader(ByteBuffer buf, List<Payload> payloads) {
        this.buf = buf;
        this.payloads = payloads;
        this.used = new boolean[payloads.size()];
    }

    private void need(int n, String what) {
        if (n < 0 || buf.remaining() < n) {
            throw new ProtocolException("truncated message: " + what + " needs " + n + " bytes at offset " + buf.position() + ", " + buf.remaining() + " left");
        }
    }

    int u8() {
        need(1, "a byte");
        return buf.get() & 0xff;
    }

    boolean bool() {
        int v = u8();
        if (v > 1) {
            throw new ProtocolException("bad boolean " + v + " at offset " + (buf.position() - 1));
        }
        return v == 1;
    }

    int i32() {
        need(4, "an int");
        return buf.getInt();
    }

    long i64() {
        need(8, "a long");
        return buf.getLong();
    }

    double f64() {
        need(8, "a double");
        return buf.getDouble();
    }

    int count(String what) {
        int n = i32();
        if (n < 0 || n > buf.remaining()) {
            throw new ProtocolException("bad count " + n + " of " + what + " at offset " + (buf.position() - 4));
        }
        return n;
    }

    String string() {
        int n = i32();
        need(n, "a string");
        if (buf.hasArray()) {
            int at = buf.position();
            buf.position(at + n);
            return StringCache.decode(buf.array(), buf.arrayOffset() + at, n);
        }
        byte[] b = new byte[n];
        buf.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    Key key() {
        String name = string();
        int ndim = count("key indices");
        if (name.isEmpty()) {
            throw new ProtocolException("empty key name at offset " + buf.position());
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

    List<Key> keys() {
        int n = count("keys");
        List<Key> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(key());
        }
        return out;
    }

    List<String> strings() {
        int n = count("strings");
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(string());
        }
        return out;
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
        if (buf.hasRemaining()) {
            throw new ProtocolException(buf.remaining() + " unexpected bytes at the end of a message");
        }
        for (int i = 0; i < used.length; i++) {
            if (!used[i]) {
                throw new ProtocolException("payload frame " + i + " is not referenced by the message");
            }
        }
    }
}
