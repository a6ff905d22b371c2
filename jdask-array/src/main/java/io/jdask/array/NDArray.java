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
    /** The backing buffer: the elements row-major when {@link #strides} is null, else the buffer this is a view of. */
    private final Object data;
    /** Element offset of index (0, ..., 0) in {@link #data}; 0 for a contiguous array. */
    private final int offset;
    /** Element strides per dimension for a view; null for a contiguous array that is its whole buffer. */
    private final int[] strides;
    /** A view's elements copied row-major, made the first time a kernel needs them contiguous. */
    private volatile Object contiguous;

    NDArray(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = data;
        this.offset = 0;
        this.strides = null;
        if (Storage.length(data) != Layout.size(shape)) {
            throw new IllegalArgumentException("a buffer of " + Storage.length(data) + " elements cannot have shape "
                    + ShapeText.of(shape));
        }
    }

    /**
     * A view of {@code base}: element {@code i} is {@code base[offset + sum(i[d] * strides[d])]}.
     * Becomes a plain contiguous array when the view is exactly the whole buffer in row-major order.
     */
    private NDArray(DType dtype, int[] shape, Object base, int offset, int[] strides) {
        this.dtype = dtype;
        this.shape = shape;
        this.data = base;
        boolean whole = offset == 0 && Storage.length(base) == Layout.size(shape) && Layout.isRowMajor(shape, strides);
        this.offset = whole ? 0 : offset;
        this.strides = whole ? null : strides;
        if (!whole && Layout.size(shape) > 0) {
            long lo = offset;
            long hi = offset;
            for (int d = 0; d < shape.length; d++) {
                long span = (long) (shape[d] - 1) * strides[d];
                lo += Math.min(0, span);
                hi += Math.max(0, span);
            }
            if (lo < 0 || hi >= Storage.length(base)) {
                throw new IllegalArgumentException("a view of shape " + ShapeText.of(shape) + " reaches outside its buffer of "
                        + Storage.length(base) + " elements");
            }
        }
    }

    /** @return a view sharing {@code base}; the array itself when nothing changes */
    static NDArray view(DType dtype, int[] shape, Object base, int offset, int[] strides) {
        return new NDArray(dtype, shape, base, offset, strides);
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

    /**
     * @return the elements as a row-major buffer of exactly {@link #size()} elements: the backing
     *     buffer of a contiguous array, a (cached) copy of a view's elements
     */
    Object data() {
        if (strides == null) {
            return data;
        }
        Object c = contiguous;
        if (c == null) {
            c = Layout.gather(data, shape, offset, strides);
            contiguous = c;
        }
        return c;
    }

    /**
     * @return the elements row-major like {@link #data()}, but a view's copy is not kept: for
     *     one-off readers (serialisation, files, tokens) that should not double a view's memory
     */
    Object dataOnce() {
        if (strides == null) {
            return data;
        }
        Object c = contiguous;
        return c != null ? c : Layout.gather(data, shape, offset, strides);
    }

    /** @return the backing buffer: shared by views of this array (not a copy) */
    Object base() {
        return data;
    }

    /** @return the element offset of this array in {@link #base()} */
    int offset() {
        return offset;
    }

    /** @return the element strides of this array in {@link #base()} (row-major strides for a contiguous array) */
    int[] stridesRef() {
        return strides == null ? Layout.strides(shape) : strides;
    }

    /**
     * @return true when the elements are the whole backing buffer in row-major order; false for a
     *     view (a transpose, a stepped or partial slice), whose kernels read through its strides or
     *     copy it once when they need contiguous elements
     */
    public boolean isContiguous() {
        return strides == null;
    }

    /** @return a contiguous copy (a new buffer, also for an array that is already contiguous) */
    public NDArray copy() {
        return new NDArray(dtype, shape.clone(), Layout.gather(data, shape, offset, stridesRef()));
    }

    /** @return the number of dimensions */
    public int ndim() {
        return shape.length;
    }

    /** @return the number of elements */
    public int size() {
        return (int) Layout.size(shape);
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
        int[] st = stridesRef();
        int flat = offset;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d] < 0 ? index[d] + shape[d] : index[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + index[d] + " is out of bounds for axis " + d
                        + " with size " + shape[d]);
            }
            flat += i * st[d];
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
        return Storage.getDouble(data, offset);
    }

    /** @return the elements as doubles, row-major (a copy) */
    public double[] toDoubleArray() {
        Object x = data();
        return x instanceof double[] d ? d.clone() : Storage.asDoubles(x);
    }

    /** @return the elements as floats, row-major (a copy) */
    public float[] toFloatArray() {
        Object x = data();
        return x instanceof float[] d ? d.clone() : Storage.asFloats(x);
    }

    /** @return the elements as longs, row-major (a copy; floats truncate toward zero) */
    public long[] toLongArray() {
        Object x = data();
        return x instanceof long[] d ? d.clone() : Storage.asLongs(x);
    }

    /** @return the elements as ints, row-major (a copy) */
    public int[] toIntArray() {
        Object x = data();
        return x instanceof int[] d ? d.clone() : (int[]) Storage.cast(x, DType.I32);
    }

    /** @return the elements as booleans, row-major (a copy; non-zero is true) */
    public boolean[] toBooleanArray() {
        Object x = data();
        return x instanceof boolean[] d ? d.clone() : Storage.asBooleans(x);
    }

    /**
     * @param type the new element type
     * @return this array when it already has that type, else a converted copy (floats to integers
     *     truncate toward zero, as in NumPy)
     */
    public NDArray astype(DType type) {
        return type == dtype ? this : new NDArray(type, shape, Storage.cast(data(), type));
    }

    /**
     * @param newShape the new shape with the same number of elements; one entry may be -1 (inferred)
     * @return the same elements in the new shape (shares the buffer)
     * @throws IllegalArgumentException naming both shapes when the sizes differ
     */
    public NDArray reshape(int... newShape) {
        int[] resolved = Shapes.resolveReshape(shape, newShape);
        if (strides == null) {
            return new NDArray(dtype, resolved, data);
        }
        int[] st = Layout.reshapeStrides(shape, strides, resolved);
        return st != null ? new NDArray(dtype, resolved, data, offset, st) : new NDArray(dtype, resolved, data());
    }

    /** @return the transpose (axes reversed): a view sharing this array's buffer */
    public NDArray transpose() {
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = perm.length - 1 - i;
        }
        return transpose(perm);
    }

    /**
     * @param axes a permutation of the dimensions
     * @return the array with its dimensions permuted: a view sharing this array's buffer
     */
    public NDArray transpose(int... axes) {
        Shapes.checkPermutation(axes, shape.length);
        int[] st = stridesRef();
        int[] outShape = new int[axes.length];
        int[] outStrides = new int[axes.length];
        boolean identity = true;
        for (int i = 0; i < axes.length; i++) {
            outShape[i] = shape[axes[i]];
            outStrides[i] = st[axes[i]];
            identity &= axes[i] == i;
        }
        return identity ? this : new NDArray(dtype, outShape, data, offset, outStrides);
    }

    /**
     * @param axis1 one dimension (negative counts from the end)
     * @param axis2 another
     * @return the array with the two dimensions exchanged: a view sharing this array's buffer
     */
    public NDArray swapaxes(int axis1, int axis2) {
        int a = Shapes.normalizeAxis(axis1, shape.length);
        int b = Shapes.normalizeAxis(axis2, shape.length);
        int[] perm = new int[shape.length];
        for (int i = 0; i < perm.length; i++) {
            perm[i] = i;
        }
        perm[a] = b;
        perm[b] = a;
        return transpose(perm);
    }

    /**
     * NumPy's basic indexing: ranges (with steps, also negative) and single indices give a view
     * sharing this array's buffer; a list of indices along any dimension gives a copy.
     *
     * @param slices one selection per leading dimension; missing trailing ones select everything
     * @return the selection (dimensions selected by {@link Slice#index} are removed)
     * @throws IndexOutOfBoundsException naming the axis for an index outside it
     */
    public NDArray get(Slice... slices) {
        return Views.select(this, slices);
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
     * NumPy's {@code matmul}: matrix products over the last two dimensions, broadcast over the
     * leading (batch) ones; a 1-D left operand is a row vector and a 1-D right operand a column
     * vector, their added dimension removed from the result. Floating operands go through BLAS
     * (float16 computed in float32 and stored as float16); integer and bool operands give exact
     * integer (bool: any-and) products. The result type is the operands' promoted type.
     *
     * @param other the right operand
     * @return {@code this @ other}
     * @throws IllegalArgumentException naming both shapes when they do not fit
     */
    public NDArray matmul(NDArray other) {
        return MatMul.matmul(this, other);
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
        Object x = data();
        Object y = other.data();
        for (int i = 0; i < size(); i++) {
            double a = Storage.getDouble(x, i);
            double b = Storage.getDouble(y, i);
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
        Object y = other.data();
        return switch (data()) {
            case double[] a -> Arrays.equals(a, (double[]) y);
            case float[] a -> Arrays.equals(a, (float[]) y);
            case short[] a -> Arrays.equals(a, (short[]) y);
            case long[] a -> Arrays.equals(a, (long[]) y);
            case int[] a -> Arrays.equals(a, (int[]) y);
            case boolean[] a -> Arrays.equals(a, (boolean[]) y);
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
