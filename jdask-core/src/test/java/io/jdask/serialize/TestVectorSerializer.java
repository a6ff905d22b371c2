package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Registered in src/test/resources/META-INF/services: frames are the UTF-8 name and the raw values. */
public final class TestVectorSerializer implements BlockSerializer<TestVector> {
    @Override
    public Class<TestVector> type() {
        return TestVector.class;
    }

    @Override
    public String typeId() {
        return "test.vector";
    }

    @Override
    public List<ByteBuffer> toFrames(TestVector value) {
        ByteBuffer values = ByteBuffer.allocate(value.values().length * 8).order(ByteOrder.LITTLE_ENDIAN);
        values.asDoubleBuffer().put(value.values());
        return List.of(ByteBuffer.wrap(value.name().getBytes(StandardCharsets.UTF_8)), values);
    }

    @Override
    public TestVector fromFrames(List<ByteBuffer> frames) {
        if (frames.size() != 2) {
            throw new SerializationException("a test.vector has 2 frames, not " + frames.size());
        }
        ByteBuffer name = frames.get(0);
        byte[] text = new byte[name.remaining()];
        name.get(text);
        double[] values = new double[frames.get(1).remaining() / 8];
        frames.get(1).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(values);
        return new TestVector(new String(text, StandardCharsets.UTF_8), values);
    }

    @Override
    public long sizeOf(TestVector value) {
        return 1000 + value.values().length * 8L;
    }
}
