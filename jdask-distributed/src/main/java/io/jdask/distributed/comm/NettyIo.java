package io.jdask.distributed.comm;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Which of Netty's socket implementations a {@link Transport} runs on: its native epoll transport
 * where it loads (Linux on x86-64 and aarch64), else the JDK's NIO. Epoll keeps the scheduler's
 * sockets off the JDK's selector and channel code, which the dashboard's web server also runs: the
 * JIT then compiles each for one caller. Set {@code -Djdask.transport=nio} to use NIO anyway, or
 * {@code =epoll} to fail when epoll does not load.
 */
enum NettyIo {
    /** Netty's native epoll transport. */
    EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),
    /** The JDK's NIO selector and socket channels. */
    NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

    /** The system property that chooses one. */
    static final String PROPERTY = "jdask.transport";

    private final Supplier<IoHandlerFactory> handlers;
    final Class<? extends ServerChannel> serverChannel;
    final Class<? extends SocketChannel> channel;

    NettyIo(Supplier<IoHandlerFactory> handlers, Class<? extends ServerChannel> serverChannel, Class<? extends SocketChannel> channel) {
        this.handlers = handlers;
        this.serverChannel = serverChannel;
        this.channel = channel;
    }

    IoHandlerFactory handlerFactory() {
        return handlers.get();
    }

    /** @return what {@link #PROPERTY} asks for, or epoll where it loads */
    static NettyIo chosen() {
        return choose(System.getProperty(PROPERTY, ""), Epoll.isAvailable());
    }

    /**
     * @param setting the property's value: {@code "epoll"}, {@code "nio"}, or empty for the best
     * @param epollLoads whether the native library loads here
     * @return the choice
     * @throws IllegalStateException when epoll is asked for but does not load, or the setting is unknown
     */
    static NettyIo choose(String setting, boolean epollLoads) {
        switch (setting.trim().toLowerCase(Locale.ROOT)) {
            case "" -> {
                return epollLoads ? EPOLL : NIO;
            }
            case "nio" -> {
                return NIO;
            }
            case "epoll" -> {
                if (!epollLoads) {
                    throw new IllegalStateException("-D" + PROPERTY + "=epoll, but Netty's epoll transport does not load here: "
                            + Epoll.unavailabilityCause());
                }
                return EPOLL;
            }
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + setting + " is neither epoll nor nio");
        }
    }
}
