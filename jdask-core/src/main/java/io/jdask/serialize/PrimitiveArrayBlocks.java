package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Block serializers for {@code double[]}, {@code float[]}, {@code long[]}, {@code int[]} and
 * {@code byte[]}: the elements as little-endian bytes, split into frames of at most 1 GiB, copied
 * in bulk ({@code byte[]} is not copied at all when written).
 */
final class PrimitiveArrayBlocks {
    /** Largest frame, in bytes; a multiple of every element width. */
    static final int DEFAULT_FRAME_BYTES = 1 << 30;
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private PrimitiveArrayBlocks() {}

    /** @return the five serializers, with frames of at most {@code frameBytes} */
    static List<BlockSerializer<?>> all(int frameBytes) {
        return List.of(new Doubles(frameBytes), new Floats(frameBytes), new Longs(frameBytes), new Ints(frameBytes),
                new Bytes(frameBytes));
    }

    /** The shared framing; subclasses copy elements between arrays and little-endian buffers. */
    abstract static class Base<A> implements BlockSerializer<A> {
        private final Class<A> type;
        private final String typeId;
        private final int width;
        private final int perFrame;

        Base(Class<A> type, String typeId, int width, int frameBytes) {
            if (frameBytes < width || frameBytes % 8 != 0) {
                throw new IllegalArgumentException("frame size " + frameBytes + " must be a positive multiple of 8");
            }
            this.type = type;
            this.typeId = typeId;
            this.width = width;
            this.perFrame = frameBytes / width;
        }

        abstract int length(A array);

        abstract A newArray(int length);

        /** Copies {@code count} elements from {@code from} into {@code out}, a little-endian buffer. */
        abstract void write(A array, int from, int count, ByteBuffer out);

        /** Copies the elements of {@code in}, a little-endian buffer, into {@code array} at {@code at}. */
        abstract void read(ByteBuffer in, A array, int at, int count);

        @Override
        public final Class<A> type() {
            return type;
        }

        @Override
        public final String typeId() {
            return typeId;
        }

        @Override
        public List<ByteBuffer> toFrames(A value) {
            int n = length(value);
            List<ByteBuffer> frames = new ArrayList<>(n / perFrame + 1);
            int from = 0;
            do {
                int count = Math.min(perFrame, n - from);
                ByteBuffer b = ByteBuffer.allocate(count * width).order(ByteOrder.LITTLE_ENDIAN);
                write(value, from, count, b);
                frames.add(b.clear());
                from += count;
            } while (from < n);
            return frames;
        }

        @Override
        public List<FrameSource> toFrameSources(A value) {
            int n = length(value);
            List<FrameSource> frames = new ArrayList<>(n / perFrame + 1);
            int from = 0;
            do {
                int count = Math.min(perFrame, n - from);
                frames.add(FrameSource.ofArray(value, from, count));
                from += count;
            } while (from < n);
            return frames;
        }

        @Override
        public BlockSink<A> newSink(long[] frameLengths) {
            long bytes = 0;
            for (int i = 0; i < frameLengths.length; i++) {
                if (frameLengths[i] % width != 0) {
                    throw new SerializationException("frame " + i + " of a '" + typeId + "' block has " + frameLengths[i]
                            + " bytes, not a multiple of the element width " + width);
                }
                bytes += frameLengths[i];
            }
            if (bytes / width > MAX_ARRAY_LENGTH) {
                throw new SerializationException("a '" + typeId + "' block of " + bytes / width
                        + " elements is too long for an array");
            }
            return new ArrayBlockSink<>(typeId, frameLengths, 0) {
                @Override
                protected Object allocate(List<ByteBuffer> headers, long dataBytes) {
                    return newArray((int) (dataBytes / width));
                }

                @Override
                @SuppressWarnings("unchecked")
                protected A build(List<ByteBuffer> headers, Object array) {
                    return (A) array;
                }
            };
        }

        @Override
        public A fromFrames(List<ByteBuffer> frames) {
            long bytes = 0;
            for (int i = 0; i < frames.size(); i++) {
                int r = frames.get(i).remaining();
                if (r % width != 0) {
                    throw new SerializationException("frame " + i + " of a '" + typeId + "' block has " + r
                            + " bytes, not a multiple of the element width " + width);
                }
                bytes += r;
            }
            if (bytes / width > MAX_ARRAY_LENGTH) {
                throw new SerializationException("a '" + typeId + "' block of " + bytes / width
                        + " elements is too long for an array");
            }
            A out = newArray((int) (bytes / width));
            int at = 0;
            for (ByteBuffer f : frames) {
                int count = f.remaining() / width;
                read(f.slice().order(ByteOrder.LITTLE_ENDIAN), out, at, count);
                at += count;
            }
            return out;
        }

        @Override
        public long sizeOf(A value) {
            return HeapSizes.array(length(value), width);
        }
    }

    static final class Doubles extends Base<double[]> {
        Doubles(int frameBytes) {
            super(double[].class, "jdask.double[]", Double.BYTES, frameBytes);
        }

        @Override
        int length(double[] a) {
            return a.length;
        }

        @Override
        double[] newArray(int n) {
            return new double[n];
        }

        @Override
        void write(double[] a, int from, int count, ByteBuffer out) {
            out.asDoubleBuffer().put(a, from, count);
        }

        @Override
        void read(ByteBuffer in, double[] a, int at, int count) {
            in.asDoubleBuffer().get(a, at, count);
        }
    }

    static final class Floats extends Base<float[]> {
        Floats(int frameBytes) {
            super(float[].class, "jdask.float[]", Float.BYTES, frameBytes);
        }

        @Override
        int length(float[] a) {
            return a.length;
        }

        @Override
        float[] newArray(int n) {
            return new float[n];
        }

        @Override
        void write(float[] a, int from, int count, ByteBuffer out) {
            out.asFloatBuffer().put(a, from, count);
        }

        @Override
        void read(ByteBuffer in, float[] a, int at, int count) {
            in.asFloatBuffer().get(a, at, count);
        }
    }

    static final class Longs extends Base<long[]> {
        Longs(int frameBytes) {
            super(long[].class, "jdask.long[]", Long.BYTES, frameBytes);
        }

        @Override
        int length(long[] a) {
            return a.length;
        }

        @Override
        long[] newArray(int n) {
            return new long[n];
        }

        @Override
        void write(long[] a, int from, int count, ByteBuffer out) {
            out.asLongBuffer().put(a, from, count);
        }

        @Override
        void read(ByteBuffer in, long[] a, int at, int count) {
            in.asLongBuffer().get(a, at, count);
        }
    }

    static final class Ints extends Base<int[]> {
        Ints(int frameBytes) {
            super(int[].class, "jdask.int[]", Integer.BYTES, frameBytes);
        }

        @Override
        int length(int[] a) {
            return a.length;
        }

        @Override
        int[] newArray(int n) {
            return new int[n];
        }

        @Override
        void write(int[] a, int from, int count, ByteBuffer out) {
            out.asIntBuffer().put(a, from, count);
        }

        @Override
        void read(ByteBuffer in, int[] a, int at, int count) {
            in.asIntBuffer().get(a, at, count);
        }
    }

    /** {@code byte[]}: frames wrap the array itself, so writing copies nothing. */
    static final class Bytes extends Base<byte[]> {
        private final int frameBytes;

        Bytes(int frameBytes) {
            super(byte[].class, "jdask.byte[]", 1, frameBytes);
            this.frameBytes = frameBytes;
        }

        @Override
        public List<ByteBuffer> toFrames(byte[] value) {
            List<ByteBuffer> frames = new ArrayList<>(value.length / frameBytes + 1);
            int from = 0;
            do {
                int count = Math.min(frameBytes, value.length - from);
                frames.add(ByteBuffer.wrap(value, from, count).slice());
                from += count;
            } while (from < value.length);
            return frames;
        }

        @Override
        int length(byte[] a) {
            return a.length;
        }

        @Override
        byte[] newArray(int n) {
            return new byte[n];
        }

        @Override
        void write(byte[] a, int from, int count, ByteBuffer out) {
            out.put(a, from, count);
        }

        @Override
        void read(ByteBuffer in, byte[] a, int at, int count) {
            in.get(a, at, count);
        }
    }
}
