package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;

/**
 * Messages of the same-host shared-memory path between workers: a fetching worker offers a ring
 * file, the serving worker answers whether it could open it, and then answers fetches of large
 * values with a {@link RingReply} whose large values follow through the ring instead of the socket.
 */
public sealed interface ShmMessage extends Message {
    /**
     * The fetching side made a ring file for this connection.
     *
     * @param path the ring file
     * @param nonce the number written in its header, which the opener checks
     * @param stimulusId the stimulus
     */
    record Offer(String path, long nonce, String stimulusId) implements ShmMessage {}

    /**
     * The serving side's answer to an {@link Offer}.
     *
     * @param nonce the offer's nonce
     * @param accepted whether it opened the ring and will send large values through it
     * @param reason why not, or empty
     * @param stimulusId the stimulus
     */
    record Answer(long nonce, boolean accepted, String reason, String stimulusId) implements ShmMessage {}

    /**
     * A {@link WorkerToWorker.DataReply} whose large values come through the ring, in order, each
     * after a record header of its sequence number and length.
     *
     * @param data the values sent on the connection
     * @param missing the keys the peer does not hold
     * @param ringKeys the keys whose values follow through the ring, in order
     * @param ringSizes their sizes in bytes
     * @param firstSequence the sequence number of the first of them (the next ones count up)
     * @param stimulusId the fetch's stimulus
     */
    record RingReply(Map<Key, Payload> data, List<Key> missing, List<Key> ringKeys, List<Long> ringSizes, long firstSequence,
            String stimulusId) implements ShmMessage {
        /** Copies the collections and checks that every ring key has a size. */
        public RingReply {
            data = Map.copyOf(data);
            missing = List.copyOf(missing);
            ringKeys = List.copyOf(ringKeys);
            ringSizes = List.copyOf(ringSizes);
            if (ringKeys.size() != ringSizes.size()) {
                throw new IllegalArgumentException(ringKeys.size() + " ring keys but " + ringSizes.size() + " sizes");
            }
        }
    }
}
