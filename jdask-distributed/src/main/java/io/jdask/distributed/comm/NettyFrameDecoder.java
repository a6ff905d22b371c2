package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.FrameDecoder;
import io.jdask.distributed.protocol.MessageCodec;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.ProtocolException;
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
 */
final class NettyFrameDecoder extends ByteToMessageDecoder {
    private static final int PREFIX = 0;
    private static final int LENGTHS = 1;
    private static final int HEADER = 2;
    private static final int PAYLOADS = 3;

    private long maxMessageBytes;
    private int stage = PREFIX;
    private int headerLength;
    private int count;
    private long[] lengths;
    private ByteBuffer header;
    private List<Payload> payloads;
    private byte[] current;
    private int filled;

    NettyFrameDecoder(long maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    void maxMessageBytes(long limit) {
        this.maxMessageBytes = limit;
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
                header = ByteBuffer.allocate(headerLength);
                in.readBytes(header);
                header.flip();
                payloads = new ArrayList<>(count);
                current = null;
                stage = PAYLOADS;
            }
            while (payloads.size() < count) {
                int len = (int) lengths[payloads.size()];
                if (current == null) {
                    current = new byte[len];
                    filled = 0;
                }
                int n = Math.min(in.readableBytes(), len - filled);
                in.readBytes(current, filled, n);
                filled += n;
                if (filled < len) {
                    return;
                }
                payloads.add(Payload.wrap(current));
                current = null;
            }
            out.add(MessageCodec.decode(header, payloads));
            header = null;
            payloads = null;
            lengths = null;
            stage = PREFIX;
        }
    }

    private void checkLimit(long bytes) {
        if (bytes > maxMessageBytes) {
            throw new ProtocolException("message of " + bytes + " bytes exceeds the limit of " + maxMessageBytes);
        }
    }
}
