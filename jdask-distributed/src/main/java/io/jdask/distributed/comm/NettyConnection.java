package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** A {@link Connection} over a Netty channel. */
final class NettyConnection implements Connection {
    private final Channel channel;
    private final Handshake peer;
    private final String remote;

    NettyConnection(Channel channel, Handshake peer, boolean tls) {
        this.channel = channel;
        this.peer = peer;
        SocketAddress a = channel.remoteAddress();
        this.remote = a instanceof InetSocketAddress i ? Addresses.format(i.getAddress().getHostAddress(), i.getPort(), tls) : String.valueOf(a);
    }

    @Override
    public Handshake peer() {
        return peer;
    }

    @Override
    public String remoteAddress() {
        return remote;
    }

    @Override
    public void write(Message message) {
        channel.write(message, channel.voidPromise());
    }

    @Override
    public void flush() {
        channel.flush();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return peer.role() + "@" + remote;
    }
}
