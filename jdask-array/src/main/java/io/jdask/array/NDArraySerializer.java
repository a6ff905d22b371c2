package io.jdask.array;

import io.jdask.serialize.ArrayBlockSink;
import io.jdask.serialize.BlockSerializer;
import io.jdask.serialize.BlockSink;
import io.jdask.serialize.FrameSource;
import io.jdask.serialize.SerializationException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Sends {@link NDArray} blocks as two frames: a header (dtype ordinal, ndim, dims; little-endian
 * ints) and the raw little-endian element buffer, copied in bulk.
 *
 * <pre>
 * header: int dtype | int ndim | int dim[ndim]
 * data:   size * itemSize bytes (bool: one byte per element, 0 or 1)
 * </pre>
 */
public final class NDArraySerializer implements BlockSerializer<NDArray> {
    /** Used by {@link java.util.ServiceLoader}. */
    public NDArraySerializer() {}

    @Override
    public Class<NDArray> type() {
        return NDArray.class;
    }

    @Override
    public String typeId() {
        return "jdask.ndarray";
    }

    @Override
    public List<ByteBuffer> toFrames(NDArray a) {
        return List.of(header(a), encode(a.dataOnce(), a.nbytes()));
    }

    @Override
    public List<FrameSource> toFrameSources(NDArray a) {
        Object data = a.dataOnce();
        return List.of(FrameSource.of(header(a)), FrameSource.ofArray(data, 0, Storage.length(data)));
    }

    @Override
    public BlockSink<NDArray> newSink(long[] frameLengths) {
        if (frameLengths.length != 2) {
            throw new SerializationException("an NDArray has 2 frames, got " + frameLengths.length);
        }
        return new ArrayBlockSink<>(typeId(), frameLengths, 1) {
            private DType dtype;
            private int[] shape;

            @Override
            protected Object allocate(List<ByteBuffer> headers, long dataBytes) {
                ByteBuffer h = headers.get(0).order(ByteOrder.LITTLE_ENDIAN);
                shape = readHeader(h);
                dtype = DType.values()[h.getInt(0)];
                long n = checkedSize(shape, dtype, dataBytes);
                return Storage.allocate(dtype, (int) n);
            }

            @Override
            protected NDArray build(List<ByteBuffer> headers, Object array) {
                return new NDArray(dtype, shape, array);
            }
        };
    }

    private static ByteBuffer header(NDArray a) {
        int[] shape = a.shapeRef();
        ByteBuffer header = ByteBuffer.allocate(8 + 4 * shape.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(a.dtype().ordinal()).putInt(shape.length);
        for (int d : shape) {
            header.putInt(d);
        }
        return header.flip();
    }

    static ByteBuffer encode(Object data, long nbytes) {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(nbytes)).order(ByteOrder.LITTLE_ENDIAN);
        switch (data) {
            case double[] x -> b.asDoubleBuffer().put(x);
            case float[] x -> b.asFloatBuffer().put(x);
            case short[] x -> b.asShortBuffer().put(x);
            case long[] x -> b.asLongBuffer().put(x);
            case int[] x -> b.asIntBuffer().put(x);
            case boolean[] x -> {
                for (int i = 0; i < x.length; i++) {
                    b.put(i, (byte) (x[i] ? 1 : 0));
                }
            }
            default -> throw new IllegalStateException();
        }
        return b;
    }

    static Object decode(DType t, ByteBuffer src, int n) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        Object data = Storage.allocate(t, n);
        switch (data) {
            case double[] x -> b.asDoubleBuffer().get(x);
            case float[] x -> b.asFloatBuffer().get(x);
            case short[] x -> b.asShortBuffer().get(x);
            case long[] x -> b.asLongBuffer().get(x);
            case int[] x -> b.asIntBuffer().get(x);
            case boolean[] x -> {
                for (int i = 0; i < n; i++) {
                    x[i] = b.get(i) != 0;
                }
            }
            default -> throw new IllegalStateException();
        }
        return data;
    }

    @Override
    public NDArray fromFrames(List<ByteBuffer> frames) {
        if (frames.size() != 2) {
            throw new SerializationException("an NDArray has 2 frames, got " + frames.size());
        }
        ByteBuffer h = frames.get(0).slice().order(ByteOrder.LITTLE_ENDIAN);
        int[] shape = readHeader(h);
        DType dtype = DType.values()[h.getInt(0)];
        long n = checkedSize(shape, dtype, frames.get(1).remaining());
        return new NDArray(dtype, shape, decode(dtype, frames.get(1), (int) n));
    }

    /** Reads and checks a header frame (little-endian, at position 0): the shape. */
    private static int[] readHeader(ByteBuffer h) {
        if (h.remaining() < 8) {
            throw new SerializationException("NDArray header too short: " + h.remaining() + " bytes");
        }
        int t = h.getInt();
        int ndim = h.getInt();
        if (t < 0 || t >= DType.values().length || ndim < 0 || h.remaining() != 4 * ndim) {
            throw new SerializationException("invalid NDArray header (dtype " + t + ", ndim " + ndim + ")");
        }
        int[] shape = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            shape[i] = h.getInt();
            if (shape[i] < 0) {
                throw new SerializationException("negative dimension in NDArray header");
            }
        }
        return shape;
    }

    /** @return the element count of the shape, checked against the data frame's length */
    private static long checkedSize(int[] shape, DType dtype, long dataBytes) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n * dtype.itemSize() != dataBytes) {
            throw new SerializationException("NDArray of shape " + ShapeText.of(shape) + " and dtype " + dtype
                    + " needs " + n * dtype.itemSize() + " bytes, the frame holds " + dataBytes);
        }
        return n;
    }

    @Override
    public long sizeOf(NDArray a) {
        return a.nbytes() + 64 + 4L * a.ndim();
    }
}
