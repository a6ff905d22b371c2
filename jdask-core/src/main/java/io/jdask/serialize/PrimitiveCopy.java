package io.jdask.serialize;

import java.nio.ByteBuffer;

/**
 * Bulk copies between one kind of primitive array and little-endian byte buffers. The buffers
 * passed in must already be in little-endian order; copies start at their position and do not
 * move it.
 */
abstract class PrimitiveCopy {
    final int width;

    private PrimitiveCopy(int width) {
        this.width = width;
    }

    abstract int length(Object array);

    /** Writes {@code count} elements from {@code array[from]} into {@code out}. */
    abstract void write(Object array, int from, int count, ByteBuffer out);

    /** Reads {@code count} elements from {@code in} into {@code array[at]}. */
    abstract void read(ByteBuffer in, Object array, int at, int count);

    static PrimitiveCopy of(Object array) {
        return switch (array) {
            case double[] a -> DOUBLES;
            case float[] a -> FLOATS;
            case long[] a -> LONGS;
            case int[] a -> INTS;
            case short[] a -> SHORTS;
            case byte[] a -> BYTES;
            case boolean[] a -> BOOLEANS;
            case null -> throw new IllegalArgumentException("no array (null)");
            default -> throw new IllegalArgumentException("not a primitive array of numbers or booleans: "
                    + array.getClass().getTypeName());
        };
    }

    static final PrimitiveCopy DOUBLES = new PrimitiveCopy(8) {
        int length(Object a) {
            return ((double[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            out.asDoubleBuffer().put((double[]) a, from, count);
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            in.asDoubleBuffer().get((double[]) a, at, count);
        }
    };
    static final PrimitiveCopy FLOATS = new PrimitiveCopy(4) {
        int length(Object a) {
            return ((float[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            out.asFloatBuffer().put((float[]) a, from, count);
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            in.asFloatBuffer().get((float[]) a, at, count);
        }
    };
    static final PrimitiveCopy LONGS = new PrimitiveCopy(8) {
        int length(Object a) {
            return ((long[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            out.asLongBuffer().put((long[]) a, from, count);
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            in.asLongBuffer().get((long[]) a, at, count);
        }
    };
    static final PrimitiveCopy INTS = new PrimitiveCopy(4) {
        int length(Object a) {
            return ((int[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            out.asIntBuffer().put((int[]) a, from, count);
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            in.asIntBuffer().get((int[]) a, at, count);
        }
    };
    static final PrimitiveCopy SHORTS = new PrimitiveCopy(2) {
        int length(Object a) {
            return ((short[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            out.asShortBuffer().put((short[]) a, from, count);
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            in.asShortBuffer().get((short[]) a, at, count);
        }
    };
    static final PrimitiveCopy BYTES = new PrimitiveCopy(1) {
        int length(Object a) {
            return ((byte[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            out.duplicate().put((byte[]) a, from, count);
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            in.duplicate().get((byte[]) a, at, count);
        }
    };
    static final PrimitiveCopy BOOLEANS = new PrimitiveCopy(1) {
        int length(Object a) {
            return ((boolean[]) a).length;
        }

        void write(Object a, int from, int count, ByteBuffer out) {
            boolean[] x = (boolean[]) a;
            int p = out.position();
            for (int i = 0; i < count; i++) {
                out.put(p + i, (byte) (x[from + i] ? 1 : 0));
            }
        }

        void read(ByteBuffer in, Object a, int at, int count) {
            boolean[] x = (boolean[]) a;
            int p = in.position();
            for (int i = 0; i < count; i++) {
                x[at + i] = in.get(p + i) != 0;
            }
        }
    };
}
