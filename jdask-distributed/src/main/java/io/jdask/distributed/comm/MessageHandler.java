package io.jdask.distributed.comm;

import io.jdask.distributed.protocol.Message;
import java.util.List;

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
     * Messages that arrived together (one {@link io.jdask.distributed.protocol.Batch}); by default
     * each is handed to {@link #received} in order. A handler that queues work for another thread
     * may queue them as one piece of work.
     *
     * @param connection where from
     * @param messages the messages, in order
     */
    default void receivedAll(Connection connection, List<Message> messages) {
        for (Message m : messages) {
            received(connection, m);
        }
    }

    /**
     * The connection closed (by either side, or broken).
     *
     * @param connection the connection
     * @param cause why, or null for an orderly close
     */
    default void closed(Connection connection, Throwable cause) {}
}
