package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.Payload;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.serialize.Serialization;
import java.util.concurrent.Callable;

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

    /**
     * Reads the task of a key. Codecs that read payloads of several clients' code (code shipping)
     * remember the key's client, so that its value is written back for that client.
     *
     * @param key the task's key
     * @param payload a serialized graph node, as the client wrote it
     * @return the node
     */
    default Node readTask(Key key, Payload payload) {
        return readTask(payload);
    }

    /**
     * @param key the key whose value this is (a dependency fetched from a peer)
     * @param payload a serialized value
     * @return the value
     */
    default Object readValue(Key key, Payload payload) {
        return readValue(payload);
    }

    /**
     * @param key the key whose value this is
     * @param value the value
     * @return its serialized form, in the format of the code that made it
     */
    default Payload writeValue(Key key, Object value) {
        return writeValue(value);
    }

    /**
     * Runs a key's task (with its client's class loader as the thread's context class loader when
     * it comes from shipped code).
     *
     * @param key the task's key
     * @param work the work
     * @param <T> its result type
     * @return its result
     * @throws Exception what the work throws
     */
    default <T> T run(Key key, Callable<T> work) throws Exception {
        return work.call();
    }

    /**
     * @param key the key whose value this is
     * @param value a value
     * @return its size in memory, in bytes, measured with the serialization of the code that made it
     */
    default long sizeOf(Key key, Object value) {
        return sizeOf(value);
    }

    /**
     * @param key a key held by the worker
     * @return the serialization that writes and reads its value when the data store spills it, or
     *     null for the store's own (a value of a client's shipped classes needs that client's)
     */
    default Serialization storeSerialization(Key key) {
        return null;
    }

    /**
     * The worker dropped a key; a codec forgets what it knew of it.
     *
     * @param key the key
     */
    default void forget(Key key) {}

    /**
     * @param key a key held by the worker
     * @return whether its value is written in core's format by core's shared serialization, so that
     *     a spill file's bytes can be sent as they are
     */
    default boolean standardFormat(Key key) {
        return this == standard();
    }

    /** @return the codec backed by {@link io.jdask.serialize.Serialization#get()} */
    static TaskCodec standard() {
        return SerializationCodec.INSTANCE;
    }
}
