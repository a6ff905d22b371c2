package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The wire form of {@link ShmMessage}s: type codes 120-129 of {@link MessageCodec}. */
final class ShmMessageCodec {
    static final int OFFER = 120;
    static final int ANSWER = 121;
    static final int RING_REPLY = 122;

    private ShmMessageCodec() {}

    /** @param type a message type code @return whether it is one of the shared-memory path's */
    static boolean owns(int type) {
        return type >= 120 && type <= 129;
    }

    /** Writes the type and fields (not the stimulus id, which {@link MessageCodec} appends). */
    static void write(WireWriter w, ShmMessage m) {
        switch (m) {
            case ShmMessage.Offer o -> {
                w.u8(OFFER);
                w.string(o.path());
                w.i64(o.nonce());
            }
            case ShmMessage.Answer a -> {
                w.u8(ANSWER);
                w.i64(a.nonce());
                w.bool(a.accepted());
                w.string(a.reason());
            }
            case ShmMessage.RingReply r -> {
                w.u8(RING_REPLY);
                Map<Key, Payload> sorted = new TreeMap<>(r.data());
                w.i32(sorted.size());
                for (Map.Entry<Key, Payload> e : sorted.entrySet()) {
                    w.key(e.getKey());
                    w.payload(e.getValue());
                }
                w.keys(r.missing());
                w.keys(r.ringKeys());
                w.i32(r.ringSizes().size());
                for (long s : r.ringSizes()) {
                    w.i64(s);
                }
                w.i64(r.firstSequence());
            }
        }
    }

    /** Reads the fields after the type code, and the stimulus id. */
    static ShmMessage read(int type, WireReader r) {
        return switch (type) {
            case OFFER -> {
                String path = r.string();
                long nonce = r.i64();
                yield new ShmMessage.Offer(path, nonce, r.string());
            }
            case ANSWER -> {
                long nonce = r.i64();
                boolean accepted = r.bool();
                String reason = r.string();
                yield new ShmMessage.Answer(nonce, accepted, reason, r.string());
            }
            case RING_REPLY -> {
                int n = r.count("values");
                Map<Key, Payload> data = new HashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    Key k = r.key();
                    data.put(k, r.payload());
                }
                List<Key> missing = r.keys();
                List<Key> ringKeys = r.keys();
                int m = r.count("ring sizes");
                List<Long> sizes = new ArrayList<>(m);
                for (int i = 0; i < m; i++) {
                    long s = r.i64();
                    if (s < 0 || s > Integer.MAX_VALUE - 8) {
                        throw new ProtocolException("bad size " + s + " of a value through the ring");
                    }
                    sizes.add(s);
                }
                long first = r.i64();
                if (sizes.size() != ringKeys.size()) {
                    throw new ProtocolException(ringKeys.size() + " ring keys but " + sizes.size() + " sizes");
                }
                yield new ShmMessage.RingReply(data, missing, ringKeys, sizes, first, r.string());
            }
            default -> throw new ProtocolException("unknown message type " + type);
        };
    }
}
