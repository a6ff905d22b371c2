package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.MessageCodec;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;

/**
 * Writes a message as one composite buffer over its prefix, header and payload frames: the
 * payloads' own buffers are wrapped, never copied into the message.
 */
@ChannelHandler.Sharable
final class NettyFrameEncoder extends ChannelOutboundHandlerAdapter {
    static final NettyFrameEncoder INSTANCE = new NettyFrameEncoder();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Message m) {
            ctx.write(Unpooled.wrappedBuffer(MessageCodec.encode(m).buffers()), promise);
        } else {
            ctx.write(msg, promise);
        }
    }
}
