package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Handshake;
import io.jdask.distributed.protocol.Message;

/**
 * An open connection to a peer that passed the handshake. Thread-safe: any thread may send.
 * Messages are delivered in the order they were written, each to the {@link MessageHandler} of
 * the receiving side.
 */
public interface Connection extends AutoCloseable {
    /** @return the peer's handshake (role and versions) */
    Handshake peer();

    /** @return the peer's socket address, {@code tcp://host:port} */
    String remoteAddress();

    /**
     * Queues a message without flushing it; {@link #flush()} sends what is queued.
     *
     * @param message the message
     */
    void write(Message message);

    /** Sends every queued message. */
    void flush();

    /**
     * Writes and flushes one message.
     *
     * @param message the message
     */
    default void send(Message message) {
        write(message);
        flush();
    }

    /** @return whether the connection is still open */
    boolean isOpen();

    /** Closes the connection; the handler's {@link MessageHandler#closed} follows. */
    @Override
    void close();
}
