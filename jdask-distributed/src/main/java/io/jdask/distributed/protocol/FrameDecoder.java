package io.jdask.distributed.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a byte stream into messages in the layout of {@link MessageCodec}: bytes go in as they
 * arrive, in chunks of any size; complete messages come out. A message split across chunks waits
 * for its remaining bytes; lengths that cannot be right (negative, or beyond the limit) end the
 * stream with a {@link ProtocolException}, after which the connection should be closed.
 *
 * <p>Not thread-safe: one per connection, fed by one thread. Each payload is copied once out of
 * the decoder's buffer into its own array; a transport with composite buffers can avoid that copy
 * by cutting frames itself and calling {@link MessageCodec#decode}.
 */
public final class FrameDecoder {
    /** At most this many payload frames per message. */
    public static final int MAX_PAYLOADS = 1 << 24;

    private final long maxMessageBytes;
    private ByteBuffer acc = ByteBuffer.allocate(4096);

    /**
     * @param maxMessageBytes the largest message accepted, payloads included
     */
    public FrameDecoder(long maxMessageBytes) {
        if (maxMessageBytes < 8) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 8, got " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * Takes the next bytes of the stream.
     *
     * @param input the bytes (consumed entirely)
     * @return the messages they complete, in order (often none)
     * @throws ProtocolException if the stream is not a sequence of valid messages
     */
    public List<Message> feed(ByteBuffer input) {
        append(input);
        List<Message> out = new ArrayList<>();
        while (true) {
            Message m = next();
            if (m == null) {
                return out;
            }
            out.add(m);
        }
    }

    /** @return bytes received but not yet part of a complete message */
    public int buffered() {
        return acc.position();
    }

    private void append(ByteBuffer input) {
        if (acc.remaining() < input.remaining()) {
            long wanted = (long) acc.position() + input.remaining();
            ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, Math.max(wanted, acc.capacity() * 2L)));
            acc.flip();
            bigger.put(acc);
            acc = bigger;
        }
        acc.put(input);
    }

    private Message next() {
        ByteBuffer view = acc.duplicate().flip();
        if (view.remaining() < 8) {
            return null;
        }
        int headerLength = view.getInt(0);
        int count = view.getInt(4);
        if (headerLength < 1 || headerLength > MessageCodec.MAX_HEADER_BYTES) {
            throw new ProtocolException("bad header length " + headerLength);
        }
        if (count < 0 || count > MAX_PAYLOADS) {
            throw new ProtocolException("bad payload count " + count);
        }
        long prefix = 8L + 8L * count;
        if (view.remaining() < prefix) {
            checkLimit(prefix + headerLength);
            return null;
        }
        long total = prefix + headerLength;
        long[] lengths = new long[count];
        for (int i = 0; i < count; i++) {
            long len = view.getLong(8 + 8 * i);
            if (len < 0 || len > Integer.MAX_VALUE) {
                throw new ProtocolException("bad length " + len + " of payload frame " + i);
            }
            lengths[i] = len;
            total += len;
        }
        checkLimit(total);
        if (view.remaining() < total) {
            return null;
        }
        int at = (int) prefix;
        ByteBuffer header = ByteBuffer.allocate(headerLength);
        header.put(view.slice(at, headerLength)).flip();
        at += headerLength;
        List<Payload> payloads = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[(int) lengths[i]];
            view.get(at, bytes);
            payloads.add(Payload.wrap(bytes));
            at += (int) lengths[i];
        }
        // consume the message
        acc.flip();
        acc.position((int) total);
        acc.compact();
        return MessageCodec.decode(header, payloads);
    }

    private void checkLimit(long bytes) {
        if (bytes > maxMessageBytes) {
            throw new ProtocolException("message of " + bytes + " bytes exceeds the limit of " + maxMessageBytes);
        }
    }
}
