package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.util.List;

/** A general serializer for values that have no block serializer. Thread-safe. */
interface Fallback {
    /** @return the wire id of what it writes */
    String typeId();

    /**
     * @param value any value, may be null
     * @return its frames
     * @throws SerializationException when the value cannot be serialized
     * @throws ClassNotAllowedException when it holds a class outside the allow-list
     */
    List<ByteBuffer> write(Object value);

    /**
     * @param frames frames {@link #write} made
     * @return the value
     * @throws RuntimeException when the frames are corrupt or hold a refused class; the caller
     *     turns it into a {@link SerializationException}
     */
    Object read(List<ByteBuffer> frames);
}
