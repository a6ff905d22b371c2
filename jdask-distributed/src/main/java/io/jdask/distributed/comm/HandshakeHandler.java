package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Batch;
import io.jdask.distributed.protocol.Connect;
import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opens a connection (see {@link Connect}): exchanges handshakes, checks versions, runs the token
 * challenge, then replaces itself with a {@link Dispatch} to the application's handler. A refusal
 * is sent to the peer with its reason, and the connecting side's promise fails with a {@link
 * RefusedException} saying why.
 */
final class HandshakeHandler extends ChannelInboundHandlerAdapter {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean accepting;
    private final Handshake local;
    private final Security security;
    private final MessageHandler handler;
    private final long maxMessageBytes;
    /** Completed with the connection (connecting side only). */
    private final Promise<Connection> promise;
    private Handshake peer;
    private String nonce;

    HandshakeHandler(boolean accepting, Handshake local, Security security, MessageHandler handler, long maxMessageBytes, Promise<Connection> promise) {
        this.accepting = accepting;
        this.local = local;
        this.security = security;
        this.handler = handler;
        this.maxMessageBytes = maxMessageBytes;
        this.promise = promise;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.write(local);
        if (accepting) {
            byte[] n = new byte[32];
            RANDOM.nextBytes(n);
            nonce = HexFormat.of().formatHex(n);
            ctx.write(new Connect.Challenge(nonce, "challenge"));
        }
        ctx.flush();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Message m = (Message) msg;
        if (peer == null) {
            if (!(m instanceof Handshake h)) {
                refuse(ctx, "protocol error: expected a handshake, got " + m.getClass().getSimpleName()
                        + " (is the peer a jdask " + (accepting ? "client or worker" : "scheduler or worker") + "?)", true);
                return;
            }
            peer = h;
            Handshake.Compatibility c = local.checkCompatible(h);
            if (!c.compatible()) {
                refuse(ctx, c.message(), true);
            }
            return;
        }
        switch (m) {
            case Connect.Challenge ch when !accepting -> ctx.writeAndFlush(new Connect.Proof(security.token() == null ? "" : mac(security.token(), ch.nonce()), "proof"));
            case Connect.Proof p when accepting -> {
                if (security.token() != null && !MessageDigest.isEqual(
                        mac(security.token(), nonce).getBytes(StandardCharsets.US_ASCII), p.proof().getBytes(StandardCharsets.US_ASCII))) {
                    refuse(ctx, "wrong or missing token: this " + local.role() + " requires the cluster's shared secret"
                            + " (give the same token with --token, the " + Security.TOKEN_ENV + " environment variable or a token file)", true);
                    return;
                }
                ctx.writeAndFlush(new Connect.Accepted("accepted"));
                open(ctx);
            }
            case Connect.Accepted a when !accepting -> open(ctx);
            case Connect.Refused r -> fail(ctx, "refused by the " + peer.role() + " at " + remote(ctx) + ": " + r.reason());
            default -> refuse(ctx, "protocol error: unexpected " + m.getClass().getSimpleName() + " before the connection was accepted", true);
        }
    }

    private void open(ChannelHandlerContext ctx) {
        ctx.pipeline().get(NettyFrameDecoder.class).maxMessageBytes(maxMessageBytes);
        NettyConnection c = new NettyConnection(ctx.channel(), peer, security.tls() != null);
        ctx.pipeline().replace(this, "dispatch", new Dispatch(c, handler));
        handler.opened(c);
        if (promise != null) {
            promise.trySuccess(c);
        }
    }

    private void refuse(ChannelHandlerContext ctx, String reason, boolean tellPeer) {
        if (tellPeer && ctx.channel().isActive()) {
            ctx.writeAndFlush(new Connect.Refused(reason, "refused")).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
        if (promise != null) {
            promise.tryFailure(new RefusedException(reason));
        }
    }

    private void fail(ChannelHandlerContext ctx, String reason) {
        ctx.close();
        if (promise != null) {
            promise.tryFailure(new RefusedException(reason));
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (promise != null) {
            promise.tryFailure(new RefusedException("the " + (peer == null ? "peer" : peer.role()) + " at " + remote(ctx)
                    + " closed the connection during the handshake" + (security.tls() == null ? " (does it expect TLS?)" : "")));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        String what = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        fail(ctx, "connection to " + remote(ctx) + " failed during the handshake: " + what);
    }

    private static String remote(ChannelHandlerContext ctx) {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    static String mac(String token, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(nonce.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** After the handshake: hands messages and the close to the application's handler. */
    static final class Dispatch extends ChannelInboundHandlerAdapter {
        private final NettyConnection connection;
        private final MessageHandler handler;
        private Throwable cause;

        Dispatch(NettyConnection connection, MessageHandler handler) {
            this.connection = connection;
            this.handler = handler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Batch b) {
                handler.receivedAll(connection, b.messages());
                return;
            }
            handler.received(connection, (Message) msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handler.closed(connection, cause);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable e) {
            if (cause == null) {
                cause = e;
            }
            ctx.close();
        }
    }
}
