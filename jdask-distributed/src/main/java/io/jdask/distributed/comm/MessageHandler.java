package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Message;

/**
 * Receives the messages of connections. Called on the transport's I/O threads, one connection's
 * calls always on the same thread and in order: hand work that takes long to another thread.
 */
public interface MessageHandler {
    /**
     * A connection passed the handshake (before any of its messages arrive).
     *
     * @param connection the connection
     */
    default void opened(Connection connection) {}

    /**
     * A message arrived.
     *
     * @param connection where from
     * @param message the message
     */
    void received(Connection connection, Message message);

    /**
     * The connection closed (by either side, or broken).
     *
     * @param connection the connection
     * @param cause why, or null for an orderly close
     */
    default void closed(Connection connection, Throwable cause) {}
}
