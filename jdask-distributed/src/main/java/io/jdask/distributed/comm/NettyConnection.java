package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/** A {@link Connection} over a Netty channel. */
final class NettyConnection implements Connection {
    private final Channel channel;
    private final Handshake peer;
    private final String remote;
    private final Object lock = new Object();
    private List<Message> pending = new ArrayList<>();

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
        synchronized (lock) {
            pending.add(message);
        }
    }

    /**
     * Hands everything written since the last flush to the channel's event loop as one task (a
     * write from another thread would otherwise cost a task per message); batches keep their
     * order because they are submitted under the lock.
     */
    @Override
    public void flush() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            List<Message> batch = pending;
            pending = new ArrayList<>();
            if (channel.eventLoop().inEventLoop()) {
                writeBatch(batch);
            } else {
                channel.eventLoop().execute(() -> writeBatch(batch));
            }
        }
    }

    private void writeBatch(List<Message> batch) {
        for (Message m : batch) {
            channel.write(m, channel.voidPromise());
        }
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
