package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the fields of a message header, big-endian, into a plain array; payloads are collected,
 * not copied.
 *
 * <p>Not through a {@code ByteBuffer}: {@code HeapByteBuffer.putInt} and its memory-session checks
 * are JDK code shared by every buffer of the process, and in a scheduler that also runs Jetty (the
 * dashboard) the JIT compiled them into slower code on the scheduler's I/O threads. Array stores
 * through a {@link VarHandle} constant bind to this class's call sites alone.
 */
final class WireWriter {
    static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[] buf = new byte[256];
    private int pos;
    final List<Payload> payloads = new ArrayList<>();
    /** The frame of each joined payload's head written so far, by identity: a shared head goes once per message. */
    private IdentityHashMap<Payload, Integer> heads;

    private void ensure(int n) {
        if (buf.length - pos < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
        }
    }

    void u8(int v) {
        ensure(1);
        buf[pos++] = (byte) v;
    }

    void bool(boolean v) {
        u8(v ? 1 : 0);
    }

    void i32(int v) {
        ensure(4);
        INT.set(buf, pos, v);
        pos += 4;
    }

    void i64(long v) {
        ensure(8);
        LONG.set(buf, pos, v);
        pos += 8;
    }

    void f64(double v) {
        i64(Double.doubleToRawLongBits(v));
    }

    void string(String s) {
        int n = s.length();
        if (n <= 1024) {
            // ASCII (keys, addresses, ids) is written in place, without encoding to a byte[] first
            ensure(4 + n);
            byte[] b = buf;
            int at = pos + 4;
            int i = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[at + i] = (byte) c;
                i++;
            }
            if (i == n) {
                INT.set(b, pos, n);
                pos = at + n;
                return;
            }
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        i32(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, pos, b.length);
        pos += b.length;
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

    /** Arrays up to this size are kept by {@link #reset} for the next message. */
    private static final int KEPT = 64 << 10;
    private byte[] prefix;

    /** Empties the writer for the next message, keeping its array unless it grew past {@link #KEPT} bytes. */
    void reset() {
        if (buf.length > KEPT) {
            buf = new byte[256];
        }
        pos = 0;
        forgetPayloads();
    }

    /** Drops the message's payloads and joined heads, so the writer holds on to no value; its bytes stay. */
    void forgetPayloads() {
        payloads.clear();
        if (heads != null) {
            heads.clear(); // a head's frame index is only valid within its own message
        }
    }

    /**
     * The message's prefix, written into an array reused like the header's: the header's length,
     * the payload count and each payload's size.
     *
     * @return a buffer over it, from its first byte to its last
     */
    ByteBuffer prefix() {
        int n = 8 + 8 * payloads.size();
        if (prefix == null || prefix.length < n || prefix.length > KEPT) {
            prefix = new byte[Math.max(n, 64)];
        }
        byte[] b = prefix;
        INT.set(b, 0, pos);
        INT.set(b, 4, payloads.size());
        int at = 8;
        for (Payload p : payloads) {
            LONG.set(b, at, (long) p.size());
            at += 8;
        }
        return ByteBuffer.wrap(b, 0, n);
    }

    /** @return a buffer over the header written so far, from its first byte to its last */
    ByteBuffer finish() {
        return ByteBuffer.wrap(buf, 0, pos);
    }
}
