package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Handshake;
import io.jdask.serialize.Serialization;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One process's network: I/O threads, listening sockets and outgoing connections, all opened with
 * the same role, versions and {@link Security}.
 *
 * <pre>{@code
 * try (Transport t = Transport.create("client", Security.token(secret))) {
 *     Connection c = t.connect("tcp://10.0.0.1:8786", Duration.ofSeconds(10), handler);
 *     c.send(message);
 * }
 * }</pre>
 */
public final class Transport implements AutoCloseable {
    /** The default largest message accepted once a connection is open: 4 GiB. */
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 4L << 30;
    /** The largest message accepted during the handshake. */
    static final long HANDSHAKE_MAX_MESSAGE_BYTES = 64 << 10;

    private final String role;
    private final String jdaskVersion;
    private final Security security;
    private final EventLoopGroup group;
    private final SslContext serverSsl;
    private final SslContext clientSsl;
    private final long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;

    private Transport(String role, String jdaskVersion, Security security, int ioThreads) {
        this.role = role;
        this.jdaskVersion = jdaskVersion;
        this.security = security;
        this.serverSsl = security.tls() == null ? null : Tls.server(security.tls());
        this.clientSsl = security.tls() == null ? null : Tls.client(security.tls());
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("jdask-" + role + "-io", true), NioIoHandler.newFactory());
    }

    /**
     * @param role what this process is: {@code scheduler}, {@code worker} or {@code client}
     * @param security its token and TLS settings
     * @return a transport with two I/O threads
     */
    public static Transport create(String role, Security security) {
        return new Transport(role, Versions.jdask(), security, 2);
    }

    /**
     * A transport that claims another jdask version: for tests of the version check.
     *
     * @param role the role
     * @param security the security
     * @param jdaskVersion the version to send in the handshake
     * @return the transport
     */
    static Transport withVersion(String role, Security security, String jdaskVersion) {
        return new Transport(role, jdaskVersion, security, 1);
    }

    /** @return this process's role */
    public String role() {
        return role;
    }

    /** @return whether connections use TLS */
    public boolean tls() {
        return security.tls() != null;
    }

    /**
     * Listens for connections.
     *
     * @param host the interface to bind, e.g. {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port the port, 0 for any free one
     * @param handler receives the messages of every accepted connection
     * @return the listener
     * @throws IOException when the port cannot be bound (the message names host and port)
     */
    public Listener listen(String host, int port, MessageHandler handler) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch, true, handler, null, null);
                    }
                });
        ChannelFuture f = b.bind(host, port).awaitUninterruptibly();
        if (!f.isSuccess()) {
            throw new IOException("cannot listen on " + host + ":" + port + ": " + f.cause().getMessage(), f.cause());
        }
        Channel server = f.channel();
        int bound = ((InetSocketAddress) server.localAddress()).getPort();
        String address = Addresses.format(host, bound, tls());
        return new Listener() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        };
    }

    /**
     * Connects to a peer and waits until it accepted this process (handshake and token).
     *
     * @param address {@code tcp://host:port}
     * @param timeout how long to wait for the connection and the handshake
     * @param handler receives the connection's messages
     * @return the open connection
     * @throws RefusedException when the peer refused (or this side refused the peer), saying why
     * @throws IOException when the peer cannot be reached in time
     */
    public Connection connect(String address, Duration timeout, MessageHandler handler) throws IOException {
        InetSocketAddress target = Addresses.parse(address);
        Promise<Connection> done = group.next().newPromise();
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        pipeline(ch, false, handler, done, target);
                    }
                });
        ChannelFuture f = b.connect(target.getHostString(), target.getPort());
        f.addListener(c -> {
            if (!c.isSuccess()) {
                done.tryFailure(c.cause());
            }
        });
        try {
            if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                f.channel().close();
                throw new IOException("no answer from " + address + " within " + timeout.toMillis() + " ms",
                        new TimeoutException());
            }
        } catch (InterruptedException e) {
            f.channel().close();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + address, e);
        }
        try {
            return done.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RefusedException r) {
                throw new RefusedException(r.getMessage());
            }
            if (cause instanceof ConnectException) {
                throw new ConnectException("cannot connect to " + address + ": " + cause.getMessage());
            }
            throw new IOException("cannot connect to " + address + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while connecting to " + address, e);
        }
    }

    private void pipeline(SocketChannel ch, boolean accepting, MessageHandler handler, Promise<Connection> promise, InetSocketAddress target) {
        if (accepting && serverSsl != null) {
            ch.pipeline().addLast("tls", serverSsl.newHandler(ch.alloc()));
        } else if (!accepting && clientSsl != null) {
            ch.pipeline().addLast("tls", clientSsl.newHandler(ch.alloc(), target.getHostString(), target.getPort()));
        }
        // large values: reads of up to 1 MiB (Netty's default stops at 64 KiB) and a few chunks of a
        // large payload in flight before the writer waits for the socket
        ch.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(64, 2048, 1 << 20));
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(2 * NettyFrameEncoder.CHUNK, 4 * NettyFrameEncoder.CHUNK));
        // a worker reads large blocks straight into their arrays as they arrive; the scheduler
        // forwards payloads as bytes and never reads values
        ch.pipeline().addLast("decoder", new NettyFrameDecoder(HANDSHAKE_MAX_MESSAGE_BYTES,
                role.equals("worker") ? Serialization.get() : null));
        ch.pipeline().addLast("chunks", new ChunkedWriteHandler());
        ch.pipeline().addLast("encoder", NettyFrameEncoder.INSTANCE);
        ch.pipeline().addLast("handshake", new HandshakeHandler(accepting, Handshake.local(jdaskVersion, role, "handshake"),
                security, handler, maxMessageBytes, promise));
    }

    /** Closes every connection and stops the I/O threads. */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
