package io.jdask.serialize;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Boxed {@link Integer}, {@link Long}, {@link Double} and {@link Boolean} as blocks of one frame
 * (4, 8, 8 and 1 bytes, big-endian), so that the many small results of a distributed computation
 * are written and read without the general fallback. Their packed bytes ({@link
 * Serialization#toBytes}) are always the same header followed by the value, so {@link #pack} and
 * {@link #unpack} make and read them directly, with no intermediate {@link Serialized}; the bytes
 * are exactly those {@link FrameFormat#pack} writes for the same value.
 */
final class ScalarBlocks {
    /** {@link #unpack}'s answer for bytes that are not a packed scalar. */
    static final Object NOT_SCALAR = new Object();

    private static final Block<Integer> INT = new Block<>(Integer.class, "jdask.i32", 4) {
        @Override
        void put(ByteBuffer b, Integer v) {
            b.putInt(v);
        }

        @Override
        Integer get(ByteBuffer b, int at) {
            return b.getInt(at);
        }
    };
    private static final Block<Long> LONG = new Block<>(Long.class, "jdask.i64", 8) {
        @Override
        void put(ByteBuffer b, Long v) {
            b.putLong(v);
        }

        @Override
        Long get(ByteBuffer b, int at) {
            return b.getLong(at);
        }
    };
    private static final Block<Double> DOUBLE = new Block<>(Double.class, "jdask.f64", 8) {
        @Override
        void put(ByteBuffer b, Double v) {
            b.putLong(Double.doubleToRawLongBits(v)); // keeps NaN payloads and -0.0
        }

        @Override
        Double get(ByteBuffer b, int at) {
            return Double.longBitsToDouble(b.getLong(at));
        }
    };
    private static final Block<Boolean> BOOLEAN = new Block<>(Boolean.class, "jdask.bool", 1) {
        @Override
        void put(ByteBuffer b, Boolean v) {
            b.put(v ? (byte) 1 : (byte) 0);
        }

        @Override
        Boolean get(ByteBuffer b, int at) {
            byte v = b.get(at);
            if (v != 0 && v != 1) {
                throw new SerializationException("a 'jdask.bool' value holds the byte " + v + ", not 0 or 1");
            }
            return v == 1;
        }
    };

    private static final Block<?>[] BLOCKS = {INT, LONG, DOUBLE, BOOLEAN};

    private ScalarBlocks() {}

    /** @return the four block serializers */
    static List<BlockSerializer<?>> all() {
        return List.of(BLOCKS);
    }

    /**
     * @param value any value
     * @return its packed bytes when it is a boxed int, long, double or boolean, else null
     */
    static byte[] pack(Object value) {
        return switch (value) {
            case Integer i -> INT.pack(i);
            case Long l -> LONG.pack(l);
            case Double d -> DOUBLE.pack(d);
            case Boolean b -> BOOLEAN.pack(b);
            case null, default -> null;
        };
    }

    /**
     * @param a an array holding packed bytes
     * @param from where they start
     * @param length how many there are
     * @return the value when they are exactly a packed scalar, else {@link #NOT_SCALAR} (read them
     *     the general way, which also reports corrupt bytes)
     */
    static Object unpack(byte[] a, int from, int length) {
        for (Block<?> b : BLOCKS) {
            if (length == b.prefix.length + b.width) {
                Object v = b.unpack(a, from, length);
                if (v != NOT_SCALAR) {
                    return v;
                }
            }
        }
        return NOT_SCALAR;
    }

    /** One scalar type: its serializer, and its whole packed header kept to compare against. */
    private abstract static class Block<T> implements BlockSerializer<T> {
        private final Class<T> type;
        private final String id;
        private final int width;
        /** The packed bytes up to the value: magic, version, flags, the id, one frame of {@code width} bytes. */
        private final byte[] prefix;

        Block(Class<T> type, String id, int width) {
            this.type = type;
            this.id = id;
            this.width = width;
            ByteBuffer h = FrameFormat.header(id, new long[] {width});
            this.prefix = new byte[h.remaining()];
            h.get(prefix);
        }

        abstract void put(ByteBuffer b, T v);

        abstract T get(ByteBuffer b, int at);

        byte[] pack(T v) {
            byte[] out = Arrays.copyOf(prefix, prefix.length + width);
            put(ByteBuffer.wrap(out, prefix.length, width), v);
            return out;
        }

        Object unpack(byte[] a, int from, int length) {
            if (length != prefix.length + width || !Arrays.equals(a, from, from + prefix.length, prefix, 0, prefix.length)) {
                return NOT_SCALAR;
            }
            return get(ByteBuffer.wrap(a), from + prefix.length);
        }

        @Override
        public Class<T> type() {
            return type;
        }

        @Override
        public String typeId() {
            return id;
        }

        @Override
        public List<ByteBuffer> toFrames(T value) {
            ByteBuffer b = ByteBuffer.allocate(width);
            put(b, value);
            return List.of(b.flip());
        }

        @Override
        public T fromFrames(List<ByteBuffer> frames) {
            if (frames.size() != 1 || frames.get(0).remaining() != width) {
                throw new SerializationException("a '" + id + "' value is one frame of " + width + " bytes; got " + frames.size()
                        + " frames" + (frames.size() == 1 ? " of " + frames.get(0).remaining() + " bytes" : ""));
            }
            ByteBuffer f = frames.get(0);
            return get(f, f.position());
        }

        @Override
        public long sizeOf(T value) {
            return HeapSizes.boxed(width);
        }
    }
}
