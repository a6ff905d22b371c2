package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.Payload;
import io.jdask.graph.Node;

/**
 * Reads tasks and values from payloads and writes values back: where a worker's classes come
 * from. The default ({@link #standard()}) uses core's shared {@link
 * io.jdask.serialize.Serialization} with the worker's own class path; an implementation with a
 * class loader per client (code shipping) plugs in through {@link Worker.Builder#taskCodec}.
 * Thread-safe.
 */
public interface TaskCodec {
    /**
     * @param payload a serialized graph node, as the client wrote it
     * @return the node ({@link io.jdask.graph.Task}, {@link io.jdask.graph.Literal} or {@link
     *     io.jdask.graph.Alias})
     */
    Node readTask(Payload payload);

    /**
     * @param payload a serialized value
     * @return the value
     */
    Object readValue(Payload payload);

    /**
     * @param value a value
     * @return its serialized form
     */
    Payload writeValue(Object value);

    /**
     * @param value a value
     * @return its size in memory, in bytes
     */
    long sizeOf(Object value);

    /** @return the codec backed by {@link io.jdask.serialize.Serialization#get()} */
    static TaskCodec standard() {
        return SerializationCodec.INSTANCE;
    }
}
