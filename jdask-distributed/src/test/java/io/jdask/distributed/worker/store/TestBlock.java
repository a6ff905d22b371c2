package io.jdask.distributed.worker.store;

import io.jdask.serialize.BlockSerializer;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/** An NDArray-like block for the store's tests: a shape and doubles, with its own block serializer. */
record TestBlock(int rows, int cols, double[] data) {
    TestBlock {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("shape " + rows + "x" + cols + " does not fit " + data.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TestBlock b && b.rows == rows && b.cols == cols && Arrays.equals(b.data, data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** Its serializer: frame 0 the shape, frame 1 the raw doubles. */
    static final class Serializer implements BlockSerializer<TestBlock> {
        @Override
        public Class<TestBlock> type() {
            return TestBlock.class;
        }

        @Override
        public String typeId() {
            return "test.block";
        }

        @Override
        public List<ByteBuffer> toFrames(TestBlock v) {
            ByteBuffer shape = ByteBuffer.allocate(8).putInt(v.rows).putInt(v.cols).flip();
            ByteBuffer data = ByteBuffer.allocate(v.data.length * 8);
            data.asDoubleBuffer().put(v.data);
            return List.of(shape, data);
        }

        @Override
        public TestBlock fromFrames(List<ByteBuffer> frames) {
            if (frames.size() != 2) {
                throw new SerializationException("a test block has 2 frames, not " + frames.size());
            }
            int rows = frames.get(0).getInt();
            int cols = frames.get(0).getInt();
            double[] d = new double[frames.get(1).remaining() / 8];
            frames.get(1).asDoubleBuffer().get(d);
            return new TestBlock(rows, cols, d);
        }

        @Override
        public long sizeOf(TestBlock v) {
            return 16 + 16 + 8L * v.data.length;
        }
    }
}
