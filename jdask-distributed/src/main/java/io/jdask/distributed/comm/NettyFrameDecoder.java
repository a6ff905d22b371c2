package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.FrameDecoder;
import io.jdask.distributed.protocol.MessageCodec;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.ProtocolException;
import io.jdask.serialize.BlockSink;
import io.jdask.serialize.Serialization;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts the byte stream into messages ({@link MessageCodec}'s layout) as bytes arrive. Each payload
 * frame is copied once, straight from the socket's buffers into its own array, which the decoded
 * message then wraps: a large value is never accumulated in a growing buffer nor copied again.
 * Before the handshake completes the limit is small, so an unauthenticated peer cannot make this
 * side allocate much.
 *
 * <p>With a {@link Serialization} to read values with (a worker's transport), a payload of at least
 * {@link NettyFrameEncoder#LARGE} bytes that holds a block whose serializer reads streams ({@link
 * Serialization#packedSink}) is read as it arrives straight into the block's arrays, and becomes a
 * payload that holds the value ({@link Payload#ofValue}): no array of the payload's bytes is made.
 * When the block's bytes are corrupt the rest of the payload is skipped and the payload becomes
 * {@link Payload#failed}, so the receiver names the key it belonged to; the connection stays open.
 */
final class NettyFrameDecoder extends ByteToMessageDecoder {
    private static final int PREFIX = 0;
    private static final int LENGTHS = 1;
    private static final int HEADER = 2;
    private static final int PAYLOADS = 3;
    /** How many first bytes of a large payload are looked at for a value's header. */
    static final int PEEK = 64 << 10;

    private long maxMessageBytes;
    private int stage = PREFIX;
    private int headerLength;
    private int count;
    private long[] lengths;
    private ByteBuffer header;
    /**
     * The header buffer reused from message to message (headers up to {@link #KEPT_HEADER} bytes):
     * {@link MessageCodec#decode} reads every field out of the header (strings and keys are copied
     * or shared through the string table) and keeps no reference to its bytes, so the next message's
     * header may overwrite them.
     */
    private ByteBuffer headerScratch;
    /** Headers up to this size are read into {@link #headerScratch}; larger ones get their own buffer. */
    static final int KEPT_HEADER = 64 << 10;
    private List<Payload> payloads;
    private byte[] current;
    private int filled;
    /** Reads large values as they arrive, or null. */
    private final Serialization values;
    /** The large payload now being read into a value: its sink, or null. */
    private BlockSink<Object> sink;
    /** Why the large payload now being read cannot be (its remaining bytes are skipped), or null. */
    private RuntimeException failure;
    /** Whether the payload now being read has been looked at for a value sink. */
    private boolean decided;
    /** Whether the handshake passed (before it, the handshake handler explains a close). */
    private boolean open;

    NettyFrameDecoder(long maxMessageBytes) {
        this(maxMessageBytes, null);
    }

    NettyFrameDecoder(long maxMessageBytes, Serialization values) {
        this.maxMessageBytes = maxMessageBytes;
        this.values = values;
    }

    /** Raises the limit once the handshake passed; from then on a message cut short by a close is an error. */
    void maxMessageBytes(long limit) {
        this.maxMessageBytes = limit;
        this.open = true;
    }

    /**
     * The peer closed (or the connection broke): a message it was in the middle of sending is
     * reported, as a {@link ProtocolException} that says how far it got, ahead of the close, so the
     * connection's handler learns why (a large value's fetch fails with that reason).
     */
    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        super.decodeLast(ctx, in, out);
        String cut = cutShort(in);
        stage = PREFIX;
        sink = null;
        current = null;
        failure = null;
        decided = false;
        if (open && cut != null) {
            ctx.fireExceptionCaught(new ProtocolException("the connection closed in the middle of a message: " + cut));
        }
    }

    /** @return how much of the message in progress arrived, or null when none is */
    private String cutShort(ByteBuf in) {
        return switch (stage) {
            case PREFIX -> in.isReadable() ? in.readableBytes() + " of its 8 prefix bytes arrived" : null;
            case LENGTHS -> "the lengths of its " + count + " payload frames were cut short";
            case HEADER -> in.readableBytes() + " of its " + headerLength + " header bytes arrived";
            default -> {
                int i = payloads.size();
                long arrived = decided ? filled : in.readableBytes();
                yield arrived + " of the " + lengths[i] + " bytes of payload frame " + i + " (of " + count + ") arrived"
                        + (sink != null ? ", read straight into a value" : "");
            }
        };
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (true) {
            if (stage == PREFIX) {
                if (in.readableBytes() < 8) {
                    return;
                }
                headerLength = in.readInt();
                count = in.readInt();
                if (headerLength < 1 || headerLength > MessageCodec.MAX_HEADER_BYTES) {
                    throw new ProtocolException("bad header length " + headerLength);
                }
                if (count < 0 || count > FrameDecoder.MAX_PAYLOADS) {
                    throw new ProtocolException("bad payload count " + count);
                }
                lengths = new long[count];
                stage = LENGTHS;
            }
            if (stage == LENGTHS) {
                if (in.readableBytes() < 8L * count) {
                    checkLimit(8L + 8L * count + headerLength);
                    return;
                }
                long total = 8L + 8L * count + headerLength;
                for (int i = 0; i < count; i++) {
                    long len = in.readLong();
                    if (len < 0 || len > Integer.MAX_VALUE - 8) {
                        throw new ProtocolException("bad length " + len + " of payload frame " + i);
                    }
                    lengths[i] = len;
                    total += len;
                }
                checkLimit(total);
                stage = HEADER;
            }
            if (stage == HEADER) {
                if (in.readableBytes() < headerLength) {
                    return;
                }
                header = headerBuffer(headerLength);
                // into the array: not through the JDK's shared ByteBuffer.put (see WireWriter)
                in.readBytes(header.array(), header.arrayOffset(), headerLength);
                payloads = new ArrayList<>(count);
                current = null;
                stage = PAYLOADS;
            }
            while (payloads.size() < count) {
                int len = (int) lengths[payloads.size()];
                if (!decided) {
                    if (values != null && len >= NettyFrameEncoder.LARGE) {
                        int peek = Math.min(len, PEEK);
                        if (in.readableBytes() < peek) {
                            return;
                        }
                        try {
                            sink = values.packedSink(in.nioBuffer(in.readerIndex(), peek), len).orElse(null);
                        } catch (RuntimeException e) {
                            failure = e;
                        }
                    }
                    decided = true;
                    filled = 0;
                }
                Payload done = sink != null || failure != null ? streamed(in, len) : copied(in, len);
                if (done == null) {
                    return;
                }
                payloads.add(done);
                decided = false;
            }
            out.add(MessageCodec.decode(header, payloads));
            header = null;
            payloads = null;
            lengths = null;
            stage = PREFIX;
        }
    }

    /** A heap buffer of {@code length} bytes for the next header: the reused one when it is small enough. */
    private ByteBuffer headerBuffer(int length) {
        if (length > KEPT_HEADER) {
            return ByteBuffer.allocate(length);
        }
        if (headerScratch == null || headerScratch.capacity() < length) {
            headerScratch = ByteBuffer.allocate(Math.min(KEPT_HEADER, Math.max(length, 2 * (headerScratch == null ? 512 : headerScratch.capacity()))));
        }
        return headerScratch.clear().limit(length);
    }

    /** Copies a payload's bytes into its own array; null until all arrived. */
    private Payload copied(ByteBuf in, int len) {
        if (current == null) {
            current = new byte[len];
        }
        int n = Math.min(in.readableBytes(), len - filled);
        in.readBytes(current, filled, n);
        filled += n;
        if (filled < len) {
            return null;
        }
        Payload p = Payload.wrap(current);
        current = null;
        return p;
    }

    /** Hands a payload's bytes to its value sink (or skips them after a failure); null until all arrived. */
    private Payload streamed(ByteBuf in, int len) {
        int n = Math.min(in.readableBytes(), len - filled);
        if (failure == null && n > 0) {
            try {
                for (ByteBuffer b : in.nioBuffers(in.readerIndex(), n)) {
                    sink.accept(b);
                }
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        in.skipBytes(n);
        filled += n;
        if (filled < len) {
            return null;
        }
        Payload p;
        if (failure == null) {
            try {
                Object value = sink.finish();
                p = Payload.ofValue(value, values.packedSource(value));
            } catch (RuntimeException e) {
                failure = e;
                p = null;
            }
        } else {
            p = null;
        }
        if (p == null) {
            p = Payload.failed(len, failure);
        }
        sink = null;
        failure = null;
        return p;
    }

    private void checkLimit(long bytes) {
        if (bytes > maxMessageBytes) {
            throw new ProtocolException("message of " + bytes + " bytes exceeds the limit of " + maxMessageBytes);
        }
    }
}
