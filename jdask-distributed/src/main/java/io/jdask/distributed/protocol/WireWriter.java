package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the fields of a message header; payloads are collected, not copied. */
final class WireWriter {
    private ByteBuffer buf = ByteBuffer.allocate(256);
    final List<Payload> payloads = new ArrayList<>();
    /** The frame of each joined payload's head written so far, by identity: a shared head goes once per message. */
    private IdentityHashMap<Payload, Integer> heads;

    private void ensure(int n) {
        if (buf.remaining() < n) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n));
            buf.flip();
            bigger.put(buf);
            buf = bigger;
        }
    }

    void u8(int v) {
        ensure(1);
        buf.put((byte) v);
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void i32(int v) {
        ensure(4);
        buf.putInt(v);
    }

    void i64(long v) {
        ensure(8);
        buf.putLong(v);
    }

    void f64(double v) {
        ensure(8);
        buf.putDouble(v);
    }

    void string(String s) {
        int n = s.length();
        if (n <= 1024) {
            // ASCII (keys, addresses, ids) is written in place, without encoding to a byte[] first
            ensure(4 + n);
            int at = buf.position();
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                buf.put(at + 4 + i, (byte) c);
                i++;
            }
            if (i == n) {
                buf.putInt(at, n);
                buf.position(at + 4 + n);
                return;
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        i32(b.length);
        ensure(b.length);
        buf.put(b);
    }

    void key(Key k) {
        string(k.name());
        i32(k.ndim());
        for (int i = 0; i < k.ndim(); i++) {
            i32(k.index(i));
        }
    }

    void keys(List<Key> ks) {
        i32(ks.size());
        for (Key k : ks) {
            key(k);
        }
    }

    void strings(java.util.Collection<String> ss) {
        List<String> ordered = ss instanceof java.util.Set ? new ArrayList<>(new java.util.TreeSet<>(ss)) : List.copyOf(ss);
        i32(ordered.size());
        for (String s : ordered) {
            string(s);
        }
    }

    void resources(Map<String, Double> m) {
        i32(m.size());
        for (Map.Entry<String, Double> e : new TreeMap<>(m).entrySet()) {
            string(e.getKey());
            f64(e.getValue());
        }
    }

    void keySizes(Map<Key, Long> m) {
        i32(m.size());
        for (Map.Entry<Key, Long> e : new TreeMap<>(m).entrySet()) {
            key(e.getKey());
            i64(e.getValue());
        }
    }

    /**
     * A payload: its index among the message's payload frames; the bytes are sent as they are. A
     * joined payload ({@link Payload#joined}) is {@link #JOINED}, then the index of its head's frame
     * (added the first time the message meets that head object) and of its tail's.
     */
    void payload(Payload p) {
        Payload head = p.head();
        if (head == null) {
            i32(payloads.size());
            payloads.add(p);
            return;
        }
        if (heads == null) {
            heads = new IdentityHashMap<>();
        }
        Integer at = heads.get(head);
        if (at == null) {
            at = payloads.size();
            payloads.add(head);
            heads.put(head, at);
        }
        i32(JOINED);
        i32(at);
        i32(payloads.size());
        payloads.add(p.tail());
    }

    /** A payload field that holds a joined payload: two frame indices follow. */
    static final int JOINED = -1;

    /** Buffers up to this size are kept by {@link #reset} for the next message. */
    private static final int KEPT = 64 << 10;
    private ByteBuffer prefix;

    /** Empties the writer for the next message, keeping its buffer unless it grew past {@link #KEPT} bytes. */
    void reset() {
        if (buf.capacity() > KEPT) {
            buf = ByteBuffer.allocate(256);
        } else {
            buf.clear();
        }
        forgetPayloads();
    }

    /** Drops the message's payloads and joined heads, so the writer holds on to no value; its bytes stay. */
    void forgetPayloads() {
        payloads.clear();
        if (heads != null) {
            heads.clear(); // a head's frame index is only valid within its own message
        }
    }

    /** A cleared buffer of at least {@code n} bytes for the message's prefix, reused like the header's. */
    ByteBuffer prefix(int n) {
        if (prefix == null || prefix.capacity() < n || prefix.capacity() > KEPT) {
            prefix = ByteBuffer.allocate(Math.max(n, 64));
        }
        return prefix.clear().limit(n);
    }

    ByteBuffer finish() {
        buf.flip();
        return buf;
    }
}
