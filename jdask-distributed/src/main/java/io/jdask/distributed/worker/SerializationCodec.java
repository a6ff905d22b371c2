package io.jdask.distributed.worker;

import io.jdask.distributed.protocol.TaskPayloads;
import io.jdask.graph.Key;

import io.jdask.distributed.protocol.Payload;
import io.jdask.graph.Node;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.Serialization;
import java.nio.ByteBuffer;

/** {@link TaskCodec} over core's shared {@link Serialization}. */
final class SerializationCodec implements TaskCodec {
    static final SerializationCodec INSTANCE = new SerializationCodec();

    private SerializationCodec() {}

    /** The functions of tasks read with core's shared serialization. */
    private final TaskPayloads.FunctionCache functions = new TaskPayloads.FunctionCache(Serialization.get());

    @Override
    public Node readTask(Key key, Payload payload) {
        Payload head = payload.head();
        if (head != null && TaskPayloads.isTask(head.buffer())) {
            return functions.read(key, head.buffer(), payload.tail().buffer());
        }
        ByteBuffer b = payload.buffer();
        return TaskPayloads.isTask(b) ? functions.read(key, b) : readTask(payload);
    }

    @Override
    public Node readTask(Payload payload) {
        if (TaskPayloads.isTask(payload.buffer())) {
            throw new IllegalArgumentException("a task payload in the JDTF format is read with its key (readTask(key, payload))");
        }
        Object o = readValue(payload);
        if (!(o instanceof Node n)) {
            throw new IllegalArgumentException("a task payload holds a " + (o == null ? "null" : o.getClass().getName()) + ", not a graph node");
        }
        return n;
    }

    @Override
    public Object readValue(Payload payload) {
        if (payload.hasValue()) {
            return payload.value(); // the transport read it as it arrived
        }
        return Serialization.get().fromBytes(payload.array());
    }

    /**
     * A large value becomes a payload that holds it and writes its bytes slice by slice from its
     * own arrays when sent ({@link Payload#ofValue}); a small one is packed into an array.
     */
    @Override
    public Payload writeValue(Object value) {
        FrameSource bytes = Serialization.get().packedSource(value);
        if (bytes.length() >= Payload.LARGE) {
            return Payload.ofValue(value, bytes);
        }
        ByteBuffer out = ByteBuffer.allocate((int) bytes.length());
        bytes.copyTo(0, out);
        return Payload.wrap(out.array());
    }

    @Override
    public long sizeOf(Object value) {
        return Serialization.get().sizeOf(value);
    }
}
