package io.jdask.distributed.protocol;

import java.util.List;

/**
 * Several messages sent as one: one frame, one header and one decode for every message a
 * connection's flush hands on together (a scheduler's {@code ComputeTask}s to one worker, a
 * worker's {@code TaskFinished}es of one loop turn, a client's {@code KeyInMemory} notices). The
 * receiving connection hands the messages to its handler one by one, in order, as if they had
 * come apart: no handler sees a batch.
 *
 * @param messages the messages, in order; none of them a batch
 * @param stimulusId the stimulus (empty: each message names its own)
 */
public record Batch(List<Message> messages, String stimulusId) implements Message {
    /**
     * Copies the list.
     *
     * @throws IllegalArgumentException when a message is itself a batch
     */
    public Batch {
        messages = List.copyOf(messages);
        for (Message m : messages) {
            if (m instanceof Batch) {
                throw new IllegalArgumentException("a batch cannot hold a batch");
            }
        }
    }

    /**
     * @param messages the messages, in order
     * @return a batch of them
     */
    public static Batch of(List<Message> messages) {
        return new Batch(messages, "");
    }
}
