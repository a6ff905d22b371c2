package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Batch;
import io.jdask.distributed.protocol.CodeMessage;
import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.WorkerToWorker;
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
    /** Whether a {@link #drain} task is queued on the event loop and has not taken its batch yet. */
    private boolean drainQueued;

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
     * Hands everything written since the last flush to the channel's event loop. From another
     * thread this schedules at most one task at a time: while one is queued and has not run yet,
     * later flushes only add to the messages it will take, so a busy writer costs one event-loop
     * task and one selector wake-up per batch the loop gets to, not one per flush. Messages keep
     * their order: every hand-over takes a prefix of {@code pending} under the lock and the event
     * loop writes them in that order.
     */
    @Override
    public void flush() {
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            if (channel.eventLoop().inEventLoop()) {
                List<Message> batch = pending;
                pending = new ArrayList<>();
                writeBatch(batch);
                return;
            }
            if (drainQueued) {
                return;
            }
            drainQueued = true;
        }
        channel.eventLoop().execute(this::drain);
    }

    /** Runs on the event loop: writes and flushes what is pending now. */
    private void drain() {
        List<Message> batch;
        synchronized (lock) {
            drainQueued = false;
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        writeBatch(batch);
    }

    /**
     * Writes what one flush hands on: runs of small messages as one {@link Batch} each (one frame,
     * one header; the peer's {@link HandshakeHandler.Dispatch} hands them on one by one), messages
     * that may carry large payloads (values between workers, shipped code) on their own.
     */
    private void writeBatch(List<Message> batch) {
        int from = 0;
        for (int i = 0; i <= batch.size(); i++) {
            if (i < batch.size() && batchable(batch.get(i))) {
                continue;
            }
            if (i - from == 1) {
                channel.write(batch.get(from), channel.voidPromise());
            } else if (i - from > 1) {
                channel.write(Batch.of(batch.subList(from, i)), channel.voidPromise());
            }
            if (i < batch.size()) {
                channel.write(batch.get(i), channel.voidPromise());
            }
            from = i + 1;
        }
        channel.flush();
    }

    private static boolean batchable(Message m) {
        return !(m instanceof WorkerToWorker || m instanceof CodeMessage);
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
