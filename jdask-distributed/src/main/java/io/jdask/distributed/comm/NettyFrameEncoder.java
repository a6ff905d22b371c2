package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.MessageCodec;
import io.jdask.distributed.protocol.Payload;
import io.jdask.serialize.FrameSource;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.stream.ChunkedInput;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a message of up to {@link #SMALL} bytes as one pooled direct buffer (the channel would
 * copy a heap buffer into a direct one anyway); a larger one as a composite buffer over its prefix,
 * header and payload frames: the payloads' own buffers are wrapped, never copied into the
 * message. A payload of at least {@link
 * #LARGE} bytes is handed on as a {@link ChunkedInput} that the {@code ChunkedWriteHandler} behind
 * this encoder reads as the socket takes it: each {@link #CHUNK}-byte slice is copied from the
 * payload's {@link Payload#source()} into a pooled direct buffer, straight from a block's own
 * array when the payload holds a value. The socket writes direct memory without another copy, and
 * the block is never copied whole.
 */
@ChannelHandler.Sharable
final class NettyFrameEncoder extends ChannelOutboundHandlerAdapter {
    static final NettyFrameEncoder INSTANCE = new NettyFrameEncoder();
    /** Payloads this large are written in chunks. */
    static final int LARGE = Payload.LARGE;
    /** The size of one chunk of a large payload. */
    static final int CHUNK = 1 << 20;
    /** Messages up to this size (and without large payloads) are copied into one pooled direct buffer. */
    static final int SMALL = 1 << 20;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message m)) {
            ctx.write(msg, promise);
            return;
        }
        MessageCodec.Parts encoded = MessageCodec.encodePartsTransient(m);
        long total = encoded.prefix().remaining() + encoded.header().remaining();
        boolean large = false;
        for (Payload p : encoded.payloads()) {
            large |= p.size() >= LARGE;
            total += p.size();
        }
        if (!large && total <= SMALL) {
            ctx.write(copied(ctx.alloc(), encoded, (int) total), promise);
            return;
        }
        // the prefix and header live in this thread's reused buffers: copy them before anything else is encoded here
        List<Object> parts = new ArrayList<>();
        List<ByteBuffer> run = new ArrayList<>();
        run.add(copy(encoded.prefix()));
        run.add(copy(encoded.header()));
        for (Payload p : encoded.payloads()) {
            if (p.size() >= LARGE) {
                parts.add(Unpooled.wrappedBuffer(run.toArray(ByteBuffer[]::new)));
                run.clear();
                parts.add(new Chunks(p.source()));
            } else {
                run.add(p.buffer());
            }
        }
        if (!run.isEmpty()) {
            parts.add(Unpooled.wrappedBuffer(run.toArray(ByteBuffer[]::new)));
        }
        for (int i = 0; i < parts.size(); i++) {
            ctx.write(parts.get(i), i == parts.size() - 1 ? promise : ctx.voidPromise());
        }
    }

    /**
     * A message without large payloads as one pooled direct buffer: the socket writes it as it is,
     * where a heap buffer would first be copied into a direct one by the channel (through a merged
     * heap array when the message had several parts).
     */
    private static ByteBuf copied(ByteBufAllocator alloc, MessageCodec.Parts encoded, int total) {
        ByteBuf out = alloc.directBuffer(total, total);
        try {
            write(out, encoded.prefix());
            write(out, encoded.header());
            for (Payload p : encoded.payloads()) {
                if (p.hasValue()) {
                    int n = p.size();
                    p.source().copyTo(0, out.nioBuffer(out.writerIndex(), n));
                    out.writerIndex(out.writerIndex() + n);
                } else {
                    write(out, p.buffer());
                }
            }
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
        return out;
    }

    /**
     * Copies {@code b}'s remaining bytes into {@code out}: from its array when it has one, so that
     * Netty copies memory directly instead of calling the JDK's {@code ByteBuffer.put}, whose type
     * profile the rest of the process shares (see {@code WireWriter}).
     */
    private static void write(ByteBuf out, ByteBuffer b) {
        if (b.hasArray()) {
            out.writeBytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            out.writeBytes(b.duplicate());
        }
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocate(b.remaining());
        c.put(b.duplicate()).flip();
        return c;
    }

    /** A payload's bytes, one chunk at a time, each copied into a pooled direct buffer. */
    static final class Chunks implements ChunkedInput<ByteBuf> {
        private final FrameSource source;
        private final long length;
        private long offset;

        Chunks(FrameSource source) {
            this.source = source;
            this.length = source.length();
        }

        @Override
        public boolean isEndOfInput() {
            return offset >= length;
        }

        @Override
        public void close() {
            offset = length;
        }

        @Override
        @Deprecated
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (offset >= length) {
                return null;
            }
            int n = (int) Math.min(CHUNK, length - offset);
            ByteBuf chunk = allocator.directBuffer(n, n);
            try {
                source.copyTo(offset, chunk.nioBuffer(0, n));
                chunk.writerIndex(n);
            } catch (RuntimeException e) {
                chunk.release();
                throw e;
            }
            offset += n;
            return chunk;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long progress() {
            return offset;
        }
    }
}
