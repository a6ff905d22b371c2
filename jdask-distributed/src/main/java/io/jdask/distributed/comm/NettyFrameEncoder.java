package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.MessageCodec;
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
 * Writes a message as one composite buffer over its prefix, header and payload frames: the
 * payloads' own buffers are wrapped, never copied into the message. A payload of at least {@link
 * #LARGE} bytes is handed on as a {@link ChunkedInput} of {@link #CHUNK}-byte slices of its own
 * buffer, which the {@code ChunkedWriteHandler} behind this encoder writes as the socket takes
 * them: the socket layer copies a heap buffer into direct memory before writing it, and this way
 * that copy is one chunk at a time instead of the whole block.
 */
@ChannelHandler.Sharable
final class NettyFrameEncoder extends ChannelOutboundHandlerAdapter {
    static final NettyFrameEncoder INSTANCE = new NettyFrameEncoder();
    /** Payloads this large are written in chunks. */
    static final int LARGE = 4 << 20;
    /** The size of one chunk of a large payload. */
    static final int CHUNK = 1 << 20;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message m)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuffer[] buffers = MessageCodec.encode(m).buffers();
        boolean large = false;
        for (ByteBuffer b : buffers) {
            large |= b.remaining() >= LARGE;
        }
        if (!large) {
            ctx.write(Unpooled.wrappedBuffer(buffers), promise);
            return;
        }
        List<Object> parts = new ArrayList<>();
        List<ByteBuffer> run = new ArrayList<>();
        for (ByteBuffer b : buffers) {
            if (b.remaining() >= LARGE) {
                if (!run.isEmpty()) {
                    parts.add(Unpooled.wrappedBuffer(run.toArray(ByteBuffer[]::new)));
                    run.clear();
                }
                parts.add(new Chunks(b));
            } else {
                run.add(b);
            }
        }
        if (!run.isEmpty()) {
            parts.add(Unpooled.wrappedBuffer(run.toArray(ByteBuffer[]::new)));
        }
        for (int i = 0; i < parts.size(); i++) {
            ctx.write(parts.get(i), i == parts.size() - 1 ? promise : ctx.voidPromise());
        }
    }

    /** Slices of one buffer, no copies. */
    static final class Chunks implements ChunkedInput<ByteBuf> {
        private final ByteBuffer buffer;
        private final long length;

        Chunks(ByteBuffer buffer) {
            this.buffer = buffer;
            this.length = buffer.remaining();
        }

        @Override
        public boolean isEndOfInput() {
            return !buffer.hasRemaining();
        }

        @Override
        public void close() {
            buffer.position(buffer.limit());
        }

        @Override
        @Deprecated
        public ByteBuf readChunk(ChannelHandlerContext ctx) {
            return readChunk(ctx.alloc());
        }

        @Override
        public ByteBuf readChunk(ByteBufAllocator allocator) {
            if (!buffer.hasRemaining()) {
                return null;
            }
            int n = Math.min(CHUNK, buffer.remaining());
            ByteBuffer slice = buffer.slice(buffer.position(), n);
            buffer.position(buffer.position() + n);
            return Unpooled.wrappedBuffer(slice);
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long progress() {
            return length - buffer.remaining();
        }
    }
}
