package io.jdask.array;

import java.util.Arrays;

/**
 * A local, dense, n-dimensional block of numbers: a row-major primitive buffer with a shape and a
 * {@link DType}. The block of an {@link Array} and the result of computing one.
 *
 * <p>Immutable by contract: jdask never writes to an array's buffer after building it, and
 * operations return new arrays. Buffers handed to the factories are used as they are (not
 * copied), so callers must not change them afterwards.
 */
public final class NDArray {
    private final DType dtype;
    private final int[] shape;
    private final Object data;

    NDArray(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        if (Storage.length(data) != Layout.size(shape)) {
            throw new IllegalArgumentException("a buffer of " + Storage.length(data) + " elements cannot have shape "
                    + ShapeText.of(shape));
        }
    }

    private static int[] checkShape(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + ShapeText.of(shape));
            }
        }
        return shape.clone();
    }

    /**
     * @param data values, row-major (used without copying)
     * @param shape the shape; none for a 1-D array of all values
     * @return a float64 array
     * @throws IllegalArgumentException when the shape does not hold {@code data.length} elements
     */
    public static NDArray of(double[] data, int... shape) {
        return new NDArray(DType.F64, shape.length == 0 ? new int[] {data.length} : checkShape(shape), data);
    }

    /**
     * @param data values, row-major (used without copying)
     * @param shape the shape; none for a 1-D array of all values
     * @return a float32 array
     */
    public static NDArray of(float[] data, int... shape) {
        return new NDArray(DType.F32, shape.length == 0 ? new int[] {data.length} : checkShape(shape), data);
    }

    /**
     * @param data values, row-major (used without copying)
     * @param shape the shape; none for a 1-D array of all values
     * @return an int64 array
     */
    public static NDArray of(long[] data, int... shape) {
        return new NDArray(DType.I64, shape.length == 0 ? new int[] {data.length} : checkShape(shape), data);
    }

    /**
     * @param data values, row-major (used without copying)
     * @param shape the shape; none for a 1-D array of all values
     * @return an int32 array
     */
    public static NDArray of(int[] data, int... shape) {
        return new NDArray(DType.I32, shape.length == 0 ? new int[] {data.length} : checkShape(shape), data);
    }

    /**
     * @param data values, row-major (used without copying)
     * @param shape the shape; none for a 1-D array of all values
     * @return a bool array
     */
    public static NDArray of(boolean[] data, int... shape) {
        return new NDArray(DType.BOOL, shape.length == 0 ? new int[] {data.length} : checkShape(shape), data);
    }

    /**
     * @param bits IEEE half-precision bit patterns, row-major (used without copying)
     * @param shape the shape; none for a 1-D array
     * @return a float16 array
     */
    public static NDArray ofFloat16Bits(short[] bits, int... shape) {
        return new NDArray(DType.F16, shape.length == 0 ? new int[] {bits.length} : checkShape(shape), bits);
    }

    /**
     * @param value the value
     * @return a 0-dimensional float64 array
     */
    public static NDArray scalar(double value) {
        return new NDArray(DType.F64, new int[0], new double[] {value});
    }

    /**
     * @param dtype element type
     * @param value the value of every element (converted to {@code dtype})
     * @param shape the shape
     * @return a new array
     */
    public static NDArray full(DType dtype, double value, int... shape) {
        int[] s = checkShape(shape);
        Object d = Storage.allocate(dtype, Layout.sizeInt(s));
        if (value != 0) {
            Storage.fill(d, value);
        }
        return new NDArray(dtype, s, d);
    }

    /**
     * @param dtype element type
     * @param shape the shape
     * @return an array of zeros
     */
    public static NDArray zeros(DType dtype, int... shape) {
        return full(dtype, 0, shape);
    }

    /** @return the element type */
    public DType dtype() {
        return dtype;
    }

    /** @return the shape (a copy) */
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeRef() {
        return shape;
    }

    Object data() {
        return data;
    }

    /** @return the number of dimensions */
    public int ndim() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return Storage.length(data);
    }

    /** @return bytes held by the elements */
    public long nbytes() {
        return (long) size() * dtype.itemSize();
    }

    private int flatIndex(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("an index of " + index.length + " values for an array of shape "
                    + ShapeText.of(shape));
        }
        int flat = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for axis " + d
                        + " with size " + shape[d]);
            }
            flat = flat * shape[d] + i;
        }
        return flat;
    }

    /**
     * @param index one index per dimension (negative counts from the end)
     * @return the element as a double
     */
    public double getDouble(int... index) {
        return Storage.getDouble(data, flatIndex(index));
    }

    /**
     * @param index one index per dimension (negative counts from the end)
     * @return the element as a long (floats truncate toward zero)
     */
    public long getLong(int... index) {
        return Storage.getLong(data, flatIndex(index));
    }

    /**
     * @param index one index per dimension (negative counts from the end)
     * @return the element as a boolean (non-zero is true)
     */
    public boolean getBoolean(int... index) {
        return Storage.getDouble(data, flatIndex(index)) != 0;
    }

    /**
     * @return the only element of a one-element array, as a double
     * @throws IllegalStateException when the array does not hold exactly one element
     */
    public double scalar() {
        if (size() != 1) {
            throw new IllegalStateException("scalar() of an array of shape " + ShapeText.of(shape));
        }
        return Storage.getDouble(data, 0);
    }

    /** @return the elements as doubles, row-major (a copy) */
    public double[] toDoubleArray() {
        return data instanceof double[] d ? d.clone() : Storage.asDoubles(data);
    }

    /** @return the elements as floats, row-major (a copy) */
    public float[] toFloatArray() {
        return data instanceof float[] d ? d.clone() : Storage.asFloats(data);
    }

    /** @return the elements as longs, row-major (a copy; floats truncate toward zero) */
    public long[] toLongArray() {
        return data instanceof long[] d ? d.clone() : Storage.asLongs(data);
    }

    /** @return the elements as ints, row-major (a copy) */
    public int[] toIntArray() {
        return data instanceof int[] d ? d.clone() : (int[]) Storage.cast(data, DType.I32);
    }

    /** @return the elements as booleans, row-major (a copy; non-zero is true) */
    public boolean[] toBooleanArray() {
        return data instanceof boolean[] d ? d.clone() : Storage.asBooleans(data);
    }

    /**
     * @param type the new element type
     * @return this array when it already has that type, else a converted copy (floats to integers
     *     truncate toward zero, as in NumPy)
     */
    public NDArray astype(DType type) {
        return type == dtype ? this : new NDArray(type, shape, Storage.cast(data, type));
    }

    /**
     * @param newShape the new shape with the same number of elements; one entry may be -1 (inferred)
     * @return the same elements in the new shape (shares the buffer)
     * @throws IllegalArgumentException naming both shapes when the sizes differ
     */
    public NDArray reshape(int... newShape) {
        return new NDArray(dtype, Shapes.resolveReshape(shape, newShape), data);
    }

    /** @return the transpose (axes reversed), copied with a cache-blocked kernel */
    public NDArray transpose() {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = perm.length - 1 - i;
        }
        return transpose(perm);
    }

    /**
     * @param axes a permutation of the dimensions
     * @return the array with its dimensions permuted
     */
    public NDArray transpose(int... axes) {
        Shapes.checkPermutation(axes, shape.length);
        int[] st = Layout.strides(shape);
        int[] outShape = new int[axes.length];
        int[] outStrides = new int[axes.length];
        boolean identity = true;
        for (int i = 0; i < axes.length; i++) {
            outShape[i] = shape[axes[i]];
            outStrides[i] = st[axes[i]];
            identity &= axes[i] == i;
        }
        return identity ? this : new NDArray(dtype, outShape, Layout.gather(data, outShape, 0, outStrides));
    }

    /**
     * @param other the right operand (broadcast)
     * @return {@code this + other}
     */
    public NDArray add(NDArray other) {
        return Elementwise.binary(BinaryOp.ADD, this, other);
    }

    /**
     * @param other the right operand (broadcast)
     * @return {@code this - other}
     */
    public NDArray subtract(NDArray other) {
        return Elementwise.binary(BinaryOp.SUBTRACT, this, other);
    }

    /**
     * @param other the right operand (broadcast)
     * @return {@code this * other}
     */
    public NDArray multiply(NDArray other) {
        return Elementwise.binary(BinaryOp.MULTIPLY, this, other);
    }

    /**
     * @param other the right operand (broadcast)
     * @return {@code this / other} (true division)
     */
    public NDArray divide(NDArray other) {
        return Elementwise.binary(BinaryOp.DIVIDE, this, other);
    }

    /**
     * Matrix product of two 2-D arrays through BLAS (float32 for float32/float16 operands, float64
     * otherwise; integer operands give int64).
     *
     * @param other the right matrix
     * @return {@code this @ other}
     * @throws IllegalArgumentException naming both shapes when they are not 2-D or not aligned
     */
    public NDArray matmul(NDArray other) {
        if (ndim() != 2 || other.ndim() != 2) {
            throw new IllegalArgumentException("matmul of NDArrays needs two 2-D arrays, got shapes "
                    + ShapeText.of(shape) + " and " + ShapeText.of(other.shape));
        }
        NDArray r = Blas.matmul(this, other, null);
        return !dtype.isFloat() && !other.dtype.isFloat() ? r.astype(DType.I64) : r;
    }

    /**
     * @param axes the axes to sum over; none for all
     * @return the sums, with the reduced axes removed
     */
    public NDArray sum(int... axes) {
        int[] ax = Shapes.normalizeAxes(axes, shape.length);
        return Reduce.reduce(ReduceOp.SUM, this, ax).reshape(Shapes.dropAxes(shape, ax));
    }

    /**
     * @param other another array
     * @param rtol relative tolerance
     * @param atol absolute tolerance
     * @return true when the shapes are equal and every {@code |a - b| <= atol + rtol * |b|} (NaN equals NaN)
     */
    public boolean allClose(NDArray other, double rtol, double atol) {
        if (!Arrays.equals(shape, other.shape)) {
            return false;
        }
        for (int i = 0; i < size(); i++) {
            double a = Storage.getDouble(data, i);
            double b = Storage.getDouble(other.data, i);
            boolean bothNan = a != a && b != b;
            if (!bothNan && !(Math.abs(a - b) <= atol + rtol * Math.abs(b)) && a != b) {
                return false;
            }
        }
        return true;
    }

    /** Equal dtype, shape and elements (NaN equals NaN). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NDArray other) || other.dtype != dtype || !Arrays.equals(shape, other.shape)) {
            return false;
        }
        return switch (data) {
            case double[] a -> Arrays.equals(a, (double[]) other.data);
            case float[] a -> Arrays.equals(a, (float[]) other.data);
            case short[] a -> Arrays.equals(a, (short[]) other.data);
            case long[] a -> Arrays.equals(a, (long[]) other.data);
            case int[] a -> Arrays.equals(a, (int[]) other.data);
            case boolean[] a -> Arrays.equals(a, (boolean[]) other.data);
            default -> false;
        };
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + dtype.hashCode() + 17 * size();
    }

    /** @return the elements printed like NumPy, abbreviated with {@code ...} when there are more than 1000 */
    @Override
    public String toString() {
        return NDFormat.format(this);
    }
}
