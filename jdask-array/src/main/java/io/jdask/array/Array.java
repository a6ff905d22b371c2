package io.jdask.array;

import io.jdask.Delayed;
import io.jdask.Lazy;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;

/**
 * A lazy, chunked n-dimensional array, like {@code dask.array}: a grid of {@link NDArray} blocks,
 * each computed by one task. Operations build a new graph layer and return at once; nothing runs
 * until {@link #compute()} (or {@link io.jdask.Jdask#compute}), which returns the whole array as
 * one {@link NDArray}.
 *
 * <p>Shapes, dtypes and chunk compatibility are checked when an expression is built: a bad
 * broadcast or matrix product fails immediately with both shapes in the message.
 */
public final class Array implements Lazy<NDArray> {
    private final String name;
    private final Graph graph;
    private final int[][] chunks;
    private final int[] shape;
    private final DType dtype;
    /** For a 2-D transpose, the array it transposes (lets elementwise ops read its blocks directly). */
    private final Array transposeOf;

    Array(String name, Graph graph, int[][] chunks, DType dtype) {
        this(name, graph, chunks, dtype, null);
    }

    Array(String name, Graph graph, int[][] chunks, DType dtype, Array transposeOf) {
        this(name, graph, chunks, dtype, transposeOf, null);
    }

    Array(String name, Graph graph, int[][] chunks, DType dtype, Array transposeOf, Fusion fusion) {
        this.fusion = fusion;
        this.name = name;
        this.graph = graph;
        this.chunks = chunks;
        this.shape = Chunks.shapeOf(chunks);
        this.dtype = dtype;
        this.transposeOf = transposeOf;
    }

    /** How a reduction can compute this array's blocks piece by piece (null: read the blocks). */
    private final Fusion fusion;

    Fusion fusion() {
        return fusion;
    }

    Array transposeOf() {
        return transposeOf;
    }

    // ---------------------------------------------------------------- creation

    /**
     * @param dims the lengths of the dimensions
     * @return the same array, for readable calls such as {@code random(shape(100, 100), chunks(10, 10), 42)}
     */
    public static int[] shape(int... dims) {
        return dims.clone();
    }

    /**
     * @param sizes per dimension the chunk length ({@code -1}: the whole dimension)
     * @return the same array
     */
    public static int[] chunks(int... sizes) {
        return sizes.clone();
    }

    /**
     * @param a a local array
     * @param chunkSizes per dimension the chunk length ({@code -1}: whole); the last chunk may be shorter
     * @return a chunked array holding a copy of {@code a}'s blocks
     */
    public static Array fromNDArray(NDArray a, int... chunkSizes) {
        return Creation.fromNDArray(a, Chunks.of(a.shapeRef(), chunkSizes));
    }

    /**
     * @param a a local array
     * @return a chunked array with chunks of about {@code array.chunk-size} bytes (config, default 128 MiB)
     */
    public static Array fromNDArray(NDArray a) {
        return Creation.fromNDArray(a, Chunks.auto(a.shapeRef(), a.dtype()));
    }

    /**
     * @param data row-major values (copied into blocks)
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length ({@code -1}: whole)
     * @return a float64 array
     */
    public static Array of(double[] data, int[] shape, int... chunkSizes) {
        return fromNDArray(NDArray.of(data, shape), chunkSizes);
    }

    /**
     * @param dtype element type
     * @param value the value of every element
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length ({@code -1}: whole); none for automatic chunks
     * @return an array whose blocks are filled when computed
     */
    public static Array full(DType dtype, double value, int[] shape, int... chunkSizes) {
        return Creation.full(dtype, value, shape, Creation.chunksFor(shape, dtype, chunkSizes));
    }

    /**
     * @param dtype element type
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length; none for automatic chunks
     * @return an array of zeros
     */
    public static Array zeros(DType dtype, int[] shape, int... chunkSizes) {
        return full(dtype, 0, shape, chunkSizes);
    }

    /**
     * @param dtype element type
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length; none for automatic chunks
     * @return an array of ones
     */
    public static Array ones(DType dtype, int[] shape, int... chunkSizes) {
        return full(dtype, 1, shape, chunkSizes);
    }

    /**
     * @param start first value
     * @param stop end (exclusive)
     * @param step increment, not zero
     * @param chunkSize chunk length ({@code -1}: one chunk)
     * @return the float64 values {@code start, start + step, ...} below {@code stop}, like {@code numpy.arange}
     */
    public static Array arange(double start, double stop, double step, int chunkSize) {
        return Creation.arange(start, stop, step, chunkSize);
    }

    /**
     * @param start first value
     * @param stop last value (included)
     * @param num number of values
     * @param chunkSize chunk length ({@code -1}: one chunk)
     * @return {@code num} evenly spaced float64 values, like {@code numpy.linspace}
     */
    public static Array linspace(double start, double stop, int num, int chunkSize) {
        return Creation.linspace(start, stop, num, chunkSize);
    }

    /**
     * @param n rows and columns
     * @param chunkSize chunk length of both dimensions ({@code -1}: one chunk)
     * @return the float64 identity matrix
     */
    public static Array eye(int n, int chunkSize) {
        return Creation.eye(n, chunkSize);
    }

    /**
     * Uniform random float64 values in {@code [0, 1)}. Each block has its own generator seeded from
     * {@code seed} and the block's index, so the values depend only on the seed and the chunks, never
     * on the scheduler. More distributions: {@link ArrayRandom}.
     *
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length ({@code -1}: whole)
     * @param seed the seed
     * @return the array
     */
    public static Array random(int[] shape, int[] chunkSizes, long seed) {
        return ArrayRandom.uniform(shape, chunkSizes, seed);
    }

    /**
     * @param value a delayed computation whose result is an {@link NDArray} of the given shape and dtype
     * @param shape its shape
     * @param dtype its dtype
     * @return a one-block array of that result (checked when computed)
     */
    public static Array fromDelayed(Delayed<NDArray> value, int[] shape, DType dtype) {
        return Creation.fromDelayed(value, shape, dtype);
    }

    /**
     * @param arrays arrays with equal shapes except along {@code axis}
     * @param axis the axis to join along
     * @return the joined array (the blocks are reused, not copied)
     */
    public static Array concatenate(List<Array> arrays, int axis) {
        return Joins.concatenate(arrays, axis);
    }

    /**
     * @param arrays arrays of equal shape
     * @param axis the position of the new axis
     * @return the arrays stacked along a new axis
     */
    public static Array stack(List<Array> arrays, int axis) {
        return Joins.stack(arrays, axis);
    }

    /**
     * NumPy's {@code block} for two levels: each inner list is joined along the last axis, then
     * the rows along the axis before it.
     *
     * @param rows the grid of arrays, row by row
     * @return the assembled array
     */
    public static Array block(List<List<Array>> rows) {
        return Joins.block(rows);
    }

    // ---------------------------------------------------------------- metadata

    /** @return the name of this array's layer (its blocks' keys are {@code (name, i, j, ...)}) */
    public String name() {
        return name;
    }

    /** @return the shape (a copy) */
    public int[] shape() {
        return shape.clone();
    }

    int[] shapeRef() {
        return shape;
    }

    int[][] chunksRef() {
        return chunks;
    }

    /** @return per dimension, the chunk lengths (a copy) */
    public int[][] chunkSizes() {
        return Chunks.copy(chunks);
    }

    /** @return the element type */
    public DType dtype() {
        return dtype;
    }

    /** @return the number of dimensions */
    public int ndim() {
        return shape.length;
    }

    /** @return the number of elements; -1 while a chunk length is unknown (after boolean selection) */
    public long size() {
        return Layout.knownSize(shape);
    }

    /** @return the bytes the computed array will hold; -1 while a chunk length is unknown */
    public long nbytes() {
        long n = size();
        return n < 0 ? -1 : n * dtype.itemSize();
    }

    /** @return the number of blocks */
    public int numBlocks() {
        return (int) Layout.size(Chunks.grid(chunks));
    }

    // ---------------------------------------------------------------- collection contract

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public List<Key> keys() {
        return Assembly.keys(name, chunks);
    }

    @Override
    public NDArray assemble(List<Object> results) {
        return Assembly.assemble(results, chunks, dtype);
    }

    @Override
    public Array rebuild(Map<Key, Object> results) {
        return Assembly.rebuild(this, results);
    }

    /** @return this array with its blocks computed and held in memory (a graph of literals) */
    public Array persist() {
        return io.jdask.Jdask.persist(this).get(this);
    }

    // ---------------------------------------------------------------- elementwise

    /** @param other right operand (broadcast) @return {@code this + other} */
    public Array add(Array other) {
        return Blockwise.binary(BinaryOp.ADD, this, other);
    }

    /** @param value right operand @return {@code this + value} */
    public Array add(double value) {
        return Blockwise.scalar(BinaryOp.ADD, this, value, false);
    }

    /** @param value right operand (keeps an integer array's type) @return {@code this + value} */
    public Array add(long value) {
        return Blockwise.scalar(BinaryOp.ADD, this, value, false);
    }

    /** @param other right operand (broadcast) @return {@code this - other} */
    public Array subtract(Array other) {
        return Blockwise.binary(BinaryOp.SUBTRACT, this, other);
    }

    /** @param value right operand @return {@code this - value} */
    public Array subtract(double value) {
        return Blockwise.scalar(BinaryOp.SUBTRACT, this, value, false);
    }

    /** @param value right operand (keeps an integer array's type) @return {@code this - value} */
    public Array subtract(long value) {
        return Blockwise.scalar(BinaryOp.SUBTRACT, this, value, false);
    }

    /** @param value left operand @return {@code value - this} */
    public Array rsubtract(double value) {
        return Blockwise.scalar(BinaryOp.SUBTRACT, this, value, true);
    }

    /** @param value left operand (keeps an integer array's type) @return {@code value - this} */
    public Array rsubtract(long value) {
        return Blockwise.scalar(BinaryOp.SUBTRACT, this, value, true);
    }

    /** @param other right operand (broadcast) @return {@code this * other} */
    public Array multiply(Array other) {
        return Blockwise.binary(BinaryOp.MULTIPLY, this, other);
    }

    /** @param value right operand @return {@code this * value} */
    public Array multiply(double value) {
        return Blockwise.scalar(BinaryOp.MULTIPLY, this, value, false);
    }

    /** @param value right operand (keeps an integer array's type) @return {@code this * value} */
    public Array multiply(long value) {
        return Blockwise.scalar(BinaryOp.MULTIPLY, this, value, false);
    }

    /** @param other right operand (broadcast) @return {@code this / other} (true division) */
    public Array divide(Array other) {
        return Blockwise.binary(BinaryOp.DIVIDE, this, other);
    }

    /** @param value right operand @return {@code this / value} */
    public Array divide(double value) {
        return Blockwise.scalar(BinaryOp.DIVIDE, this, value, false);
    }

    /** @param value left operand @return {@code value / this} */
    public Array rdivide(double value) {
        return Blockwise.scalar(BinaryOp.DIVIDE, this, value, true);
    }

    /** @param other exponent (broadcast) @return {@code this ** other} */
    public Array power(Array other) {
        return Blockwise.binary(BinaryOp.POWER, this, other);
    }

    /** @param value exponent @return {@code this ** value} */
    public Array power(double value) {
        return Blockwise.scalar(BinaryOp.POWER, this, value, false);
    }

    /** @param value exponent (keeps an integer array's type; negative ones fail for integers) @return {@code this ** value} */
    public Array power(long value) {
        return Blockwise.scalar(BinaryOp.POWER, this, value, false);
    }

    /** @param other divisor (broadcast) @return the remainder with the divisor's sign, like NumPy's {@code mod} */
    public Array mod(Array other) {
        return Blockwise.binary(BinaryOp.MOD, this, other);
    }

    /** @param value divisor @return the remainder with the divisor's sign */
    public Array mod(double value) {
        return Blockwise.scalar(BinaryOp.MOD, this, value, false);
    }

    /** @param value divisor (keeps an integer array's type) @return the remainder with the divisor's sign */
    public Array mod(long value) {
        return Blockwise.scalar(BinaryOp.MOD, this, value, false);
    }

    /** @param other divisor (broadcast) @return {@code floor(this / other)} */
    public Array floorDivide(Array other) {
        return Blockwise.binary(BinaryOp.FLOOR_DIVIDE, this, other);
    }

    /** @param value divisor @return the quotient rounded toward negative infinity (NumPy's {@code //}) */
    public Array floorDivide(double value) {
        return Blockwise.scalar(BinaryOp.FLOOR_DIVIDE, this, value, false);
    }

    /** @param value divisor (keeps an integer array's type) @return the quotient rounded toward negative infinity */
    public Array floorDivide(long value) {
        return Blockwise.scalar(BinaryOp.FLOOR_DIVIDE, this, value, false);
    }

    /** @param other other operand (broadcast) @return the elementwise maximum (NaN propagates) */
    public Array maximum(Array other) {
        return Blockwise.binary(BinaryOp.MAXIMUM, this, other);
    }

    /** @param other other operand (broadcast) @return the elementwise minimum (NaN propagates) */
    public Array minimum(Array other) {
        return Blockwise.binary(BinaryOp.MINIMUM, this, other);
    }

    /** @param other other operand (broadcast) @return bool array of {@code this == other} */
    public Array eq(Array other) {
        return Blockwise.binary(BinaryOp.EQ, this, other);
    }

    /** @param other other operand (broadcast) @return bool array of {@code this != other} */
    public Array ne(Array other) {
        return Blockwise.binary(BinaryOp.NE, this, other);
    }

    /** @param other other operand (broadcast) @return bool array of {@code this < other} */
    public Array lt(Array other) {
        return Blockwise.binary(BinaryOp.LT, this, other);
    }

    /** @param other other operand (broadcast) @return bool array of {@code this <= other} */
    public Array le(Array other) {
        return Blockwise.binary(BinaryOp.LE, this, other);
    }

    /** @param other other operand (broadcast) @return bool array of {@code this > other} */
    public Array gt(Array other) {
        return Blockwise.binary(BinaryOp.GT, this, other);
    }

    /** @param other other operand (broadcast) @return bool array of {@code this >= other} */
    public Array ge(Array other) {
        return Blockwise.binary(BinaryOp.GE, this, other);
    }

    /** @param value right operand @return bool array of {@code this == value} */
    public Array eq(double value) {
        return Blockwise.scalar(BinaryOp.EQ, this, value, false);
    }

    /** @param value right operand @return bool array of {@code this < value} */
    public Array lt(double value) {
        return Blockwise.scalar(BinaryOp.LT, this, value, false);
    }

    /** @param value right operand @return bool array of {@code this > value} */
    public Array gt(double value) {
        return Blockwise.scalar(BinaryOp.GT, this, value, false);
    }

    /** @param value right operand @return bool array of {@code this != value} */
    public Array ne(double value) {
        return Blockwise.scalar(BinaryOp.NE, this, value, false);
    }

    /** @param value right operand @return bool array of {@code this <= value} */
    public Array le(double value) {
        return Blockwise.scalar(BinaryOp.LE, this, value, false);
    }

    /** @param value right operand @return bool array of {@code this >= value} */
    public Array ge(double value) {
        return Blockwise.scalar(BinaryOp.GE, this, value, false);
    }

    /** @param other other operand (broadcast, as bool) @return logical and */
    public Array and(Array other) {
        return Blockwise.binary(BinaryOp.AND, this, other);
    }

    /** @param other other operand (broadcast, as bool) @return logical or */
    public Array or(Array other) {
        return Blockwise.binary(BinaryOp.OR, this, other);
    }

    /** @param other other operand (broadcast, as bool) @return logical exclusive or */
    public Array xor(Array other) {
        return Blockwise.binary(BinaryOp.XOR, this, other);
    }

    /** @return logical not (as bool) */
    public Array not() {
        return Blockwise.unary(UnaryOp.NOT, this);
    }

    /** @return {@code -this} */
    public Array negative() {
        return Blockwise.unary(UnaryOp.NEGATIVE, this);
    }

    /** @return absolute values */
    public Array abs() {
        return Blockwise.unary(UnaryOp.ABS, this);
    }

    /** @return squares */
    public Array square() {
        return Blockwise.unary(UnaryOp.SQUARE, this);
    }

    /** @return square roots */
    public Array sqrt() {
        return Blockwise.unary(UnaryOp.SQRT, this);
    }

    /** @return {@code e ** this} */
    public Array exp() {
        return Blockwise.unary(UnaryOp.EXP, this);
    }

    /** @return natural logarithms */
    public Array log() {
        return Blockwise.unary(UnaryOp.LOG, this);
    }

    /**
     * @param min lower bound
     * @param max upper bound
     * @return values limited to {@code [min, max]}
     */
    public Array clip(double min, double max) {
        return Blockwise.scalar(BinaryOp.MINIMUM, Blockwise.scalar(BinaryOp.MAXIMUM, this, min, false), max, false);
    }

    /**
     * @param min lower bound
     * @param max upper bound
     * @return values limited to {@code [min, max]} (keeps an integer array's type)
     */
    public Array clip(long min, long max) {
        return Blockwise.scalar(BinaryOp.MINIMUM, Blockwise.scalar(BinaryOp.MAXIMUM, this, min, false), max, false);
    }

    /**
     * @param condition bool array (broadcast)
     * @param x values where true (broadcast)
     * @param y values where false (broadcast)
     * @return NumPy's {@code where(condition, x, y)}
     */
    public static Array where(Array condition, Array x, Array y) {
        return Blockwise.where(condition, x, y);
    }

    /**
     * @param type the new element type
     * @return the array converted blockwise (this array when already of that type)
     */
    public Array astype(DType type) {
        return type == dtype ? this : Blockwise.astype(this, type);
    }

    /**
     * Applies a function to every block. The function must return a block of the same shape unless
     * the new chunks are given with {@link #mapBlocks(BlockFunction, DType, int[][])}.
     *
     * @param fn the function (serializable, so it can travel to workers)
     * @param outType the dtype of the blocks it returns
     * @return the array of results
     */
    public Array mapBlocks(BlockFunction fn, DType outType) {
        return Blockwise.mapBlocks(this, fn, outType, chunks);
    }

    /**
     * @param fn the function (serializable)
     * @param outType the dtype of the blocks it returns
     * @param outChunks the chunks of the result (one block per input block)
     * @return the array of results
     */
    public Array mapBlocks(BlockFunction fn, DType outType, int[][] outChunks) {
        return Blockwise.mapBlocks(this, fn, outType, outChunks);
    }

    /**
     * Dask's general {@code blockwise} with index notation, e.g. {@code blockwise(fn, "ij", x, "ij", y, "ji")}.
     * Each input dimension is named by a letter; blocks are matched by letter (their chunks along a
     * shared letter must be equal), and letters missing from the output are contracted: the function
     * then gets, for that input, the list of its blocks along them. The dtype is the inputs' promoted
     * one and the chunks come from the inputs' chunks along the output's letters.
     *
     * @param fn the function of each output block's input blocks (serializable)
     * @param outIndex one letter per output dimension, each naming some input dimension
     * @param arraysAndIndices pairs of an {@link Array} and its index string, one letter per dimension
     * @return the array of the function's blocks
     * @throws IllegalArgumentException naming both arrays' chunks when they differ along a shared letter
     */
    public static Array blockwise(BlocksFunction fn, String outIndex, Object... arraysAndIndices) {
        return Indexed.blockwise(fn, null, null, outIndex, arraysAndIndices);
    }

    /**
     * @param fn the function (serializable)
     * @param outType the dtype of the blocks it returns
     * @param outChunks the output chunks (same number of blocks per dimension as the inputs give); null to derive them
     * @param outIndex one letter per output dimension
     * @param arraysAndIndices pairs of an {@link Array} and its index string
     * @return the array of the function's blocks, as {@link #blockwise(BlocksFunction, String, Object...)}
     */
    public static Array blockwise(BlocksFunction fn, DType outType, int[][] outChunks, String outIndex, Object... arraysAndIndices) {
        return Indexed.blockwise(fn, outType, outChunks, outIndex, arraysAndIndices);
    }

    // ---------------------------------------------------------------- reductions

    /** @param axes axes to reduce; none for all @return sums (integers and bools sum to int64) */
    public Array sum(int... axes) {
        return Reductions.simple(this, ReduceOp.SUM, axes);
    }

    /** @param axes axes to reduce; none for all @return products */
    public Array prod(int... axes) {
        return Reductions.simple(this, ReduceOp.PROD, axes);
    }

    /** @param axes axes to reduce; none for all @return minima (NaN propagates) */
    public Array min(int... axes) {
        return Reductions.simple(this, ReduceOp.MIN, axes);
    }

    /** @param axes axes to reduce; none for all @return maxima (NaN propagates) */
    public Array max(int... axes) {
        return Reductions.simple(this, ReduceOp.MAX, axes);
    }

    /** @param axes axes to reduce; none for all @return true where any element is non-zero */
    public Array any(int... axes) {
        return Reductions.simple(this, ReduceOp.ANY, axes);
    }

    /** @param axes axes to reduce; none for all @return true where every element is non-zero */
    public Array all(int... axes) {
        return Reductions.simple(this, ReduceOp.ALL, axes);
    }

    /** @param axes axes to reduce; none for all @return sums treating NaN as zero */
    public Array nansum(int... axes) {
        return Reductions.simple(this, ReduceOp.NANSUM, axes);
    }

    /** @param axes axes to reduce; none for all @return products treating NaN as one */
    public Array nanprod(int... axes) {
        return Reductions.simple(this, ReduceOp.NANPROD, axes);
    }

    /** @param axes axes to reduce; none for all @return minima ignoring NaN (NaN where all are NaN) */
    public Array nanmin(int... axes) {
        return Reductions.simple(this, ReduceOp.NANMIN, axes);
    }

    /** @param axes axes to reduce; none for all @return maxima ignoring NaN (NaN where all are NaN) */
    public Array nanmax(int... axes) {
        return Reductions.simple(this, ReduceOp.NANMAX, axes);
    }

    /** @param axes axes to reduce; none for all @return float64 means (float32 for float32/float16) */
    public Array mean(int... axes) {
        return Reductions.mean(this, false, axes);
    }

    /** @param axes axes to reduce; none for all @return means of the non-NaN values */
    public Array nanmean(int... axes) {
        return Reductions.mean(this, true, axes);
    }

    /** @param axes axes to reduce; none for all @return population variances (ddof 0) */
    public Array var(int... axes) {
        return Reductions.moment(this, false, 0, false, axes);
    }

    /** @param axes axes to reduce; none for all @return population standard deviations (ddof 0) */
    public Array std(int... axes) {
        return Reductions.moment(this, false, 0, true, axes);
    }

    /**
     * @param ddof delta degrees of freedom (1 for the sample variance)
     * @param axes axes to reduce; none for all
     * @return variances with divisor {@code n - ddof}
     */
    public Array var(int ddof, int[] axes) {
        return Reductions.moment(this, false, ddof, false, axes);
    }

    /**
     * @param ddof delta degrees of freedom
     * @param axes axes to reduce; none for all
     * @return standard deviations with divisor {@code n - ddof}
     */
    public Array std(int ddof, int[] axes) {
        return Reductions.moment(this, false, ddof, true, axes);
    }

    /** @param axes axes to reduce; none for all @return variances of the non-NaN values */
    public Array nanvar(int... axes) {
        return Reductions.moment(this, true, 0, false, axes);
    }

    /** @param axes axes to reduce; none for all @return standard deviations of the non-NaN values */
    public Array nanstd(int... axes) {
        return Reductions.moment(this, true, 0, true, axes);
    }

    /** @param axis the axis @return int64 positions of the minima along it (first one) */
    public Array argmin(int axis) {
        return Reductions.arg(this, axis, false, false);
    }

    /** @param axis the axis @return int64 positions of the maxima along it (first one) */
    public Array argmax(int axis) {
        return Reductions.arg(this, axis, true, false);
    }

    /** @param axis the axis @return positions of the minima ignoring NaN */
    public Array nanargmin(int axis) {
        return Reductions.arg(this, axis, false, true);
    }

    /** @param axis the axis @return positions of the maxima ignoring NaN */
    public Array nanargmax(int axis) {
        return Reductions.arg(this, axis, true, true);
    }

    /** @return the flat (row-major) position of the first minimum, 0-d int64, like NumPy's {@code argmin()} without an axis */
    public Array argmin() {
        return reshape(-1).argmin(0);
    }

    /** @return the flat (row-major) position of the first maximum, 0-d int64 */
    public Array argmax() {
        return reshape(-1).argmax(0);
    }

    /** @return the flat position of the first minimum ignoring NaN, 0-d int64 */
    public Array nanargmin() {
        return reshape(-1).nanargmin(0);
    }

    /** @return the flat position of the first maximum ignoring NaN, 0-d int64 */
    public Array nanargmax() {
        return reshape(-1).nanargmax(0);
    }

    /** @param axis the axis @return running sums along it (integers and bools give int64) */
    public Array cumsum(int axis) {
        return Cumulative.scan(this, axis, false);
    }

    /** @param axis the axis @return running products along it (integers and bools give int64) */
    public Array cumprod(int axis) {
        return Cumulative.scan(this, axis, true);
    }

    /** @param axis the axis @return running sums along it, NaN counted as zero (NumPy's {@code nancumsum}) */
    public Array nancumsum(int axis) {
        return Cumulative.scan(this, axis, false, true);
    }

    /** @param axis the axis @return running products along it, NaN counted as one (NumPy's {@code nancumprod}) */
    public Array nancumprod(int axis) {
        return Cumulative.scan(this, axis, true, true);
    }

    // ---------------------------------------------------------------- structure

    /** @return the transpose (axes reversed) */
    public Array transpose() {
        return transpose(Structure.reversedAxes(shape.length));
    }

    /** @param axes a permutation of the dimensions @return the array with its dimensions permuted */
    public Array transpose(int... axes) {
        return Structure.transpose(this, axes);
    }

    /** @param a one axis @param b another @return the array with the two axes swapped */
    public Array swapaxes(int a, int b) {
        return transpose(Structure.swappedAxes(shape.length, a, b));
    }

    /**
     * @param chunkSizes per dimension the new chunk length ({@code -1}: whole)
     * @return the same values in new blocks
     */
    public Array rechunk(int... chunkSizes) {
        return Structure.rechunk(this, Chunks.of(shape, chunkSizes));
    }

    /** @param newChunks explicit chunks per dimension @return the same values in new blocks */
    public Array rechunk(int[][] newChunks) {
        return Structure.rechunk(this, Chunks.check(shape, newChunks));
    }

    /**
     * @param newShape the new shape (same size; one entry may be -1)
     * @return the same elements, row-major, in the new shape (rechunked as needed)
     */
    public Array reshape(int... newShape) {
        return Structure.reshape(this, Shapes.resolveReshape(shape, newShape));
    }

    /**
     * Basic slicing, one {@link Slice} per leading dimension (missing ones are taken whole).
     *
     * @param slices ranges with steps ({@link Slice#range}), single indices ({@link Slice#index},
     *     which drop the dimension) or index lists ({@link Slice#indices})
     * @return the selected elements
     */
    public Array get(Slice... slices) {
        return Slicing.get(this, slices);
    }

    /**
     * Boolean selection, NumPy's {@code x[mask]}: with a 1-D mask as long as the first axis, the
     * rows where it is true; with a mask of this array's shape, the selected elements as a 1-D
     * array. The lengths of the result's chunks along that axis are unknown until computed (shown as
     * {@code nan}); operations that need them fail until {@link #computeChunkSizes()} is called.
     *
     * @param mask a bool array (other dtypes: non-zero is true)
     * @return the selected part
     */
    public Array get(Array mask) {
        return Masks.get(this, mask);
    }

    /**
     * @param mask a 1-D mask as long as {@code axis}
     * @param axis the axis to select along
     * @return the slices along {@code axis} where the mask is true (chunk lengths unknown)
     */
    public Array compress(Array mask, int axis) {
        return Masks.compress(this, mask, axis);
    }

    /**
     * Computes the blocks' shapes (the blocks themselves are computed and dropped) and returns
     * the same array with known chunk lengths.
     *
     * @return this array when its chunks are known, else the same graph with its chunk lengths filled in
     */
    public Array computeChunkSizes() {
        return Masks.computeChunkSizes(this);
    }

    // ---------------------------------------------------------------- products

    /**
     * NumPy's {@code matmul}, lazily: matrix products over the last two dimensions (BLAS for
     * floating types, one task per output block accumulating over the contracted blocks), broadcast
     * over the leading (batch) dimensions; a 1-D left operand is a row vector and a 1-D right
     * operand a column vector, their added dimension removed from the result. The result type is
     * the operands' promoted type (integer products are exact).
     *
     * @param other the right operand
     * @return {@code this @ other}
     * @throws IllegalArgumentException at once, naming both shapes, when they are not aligned or
     *     their batch dimensions do not broadcast
     */
    public Array matmul(Array other) {
        return Batched.matmul(this, other);
    }

    /**
     * NumPy's {@code tensordot}: sums products over the given axes of both arrays.
     *
     * @param other the other array
     * @param axes axes of this array to contract
     * @param otherAxes the matching axes of {@code other}, same lengths
     * @return an array with this array's free axes followed by {@code other}'s
     */
    public Array tensordot(Array other, int[] axes, int[] otherAxes) {
        return Products.tensordot(this, other, axes, otherAxes);
    }

    /**
     * NumPy's {@code tensordot(a, b, axes=n)}: sums products over the last {@code n} axes of this
     * array and the first {@code n} of {@code other}, in order.
     *
     * @param other the other array
     * @param n how many axes to contract (0 gives the outer product)
     * @return an array with this array's other axes followed by {@code other}'s
     * @throws IllegalArgumentException naming both shapes when they differ along those axes
     */
    public Array tensordot(Array other, int n) {
        if (n < 0 || n > ndim() || n > other.ndim()) {
            throw new IllegalArgumentException("tensordot: cannot contract " + n + " axes of shapes "
                    + ShapeText.of(shape) + " and " + ShapeText.of(other.shapeRef()));
        }
        int[] mine = new int[n];
        int[] theirs = new int[n];
        for (int i = 0; i < n; i++) {
            mine[i] = ndim() - n + i;
            theirs[i] = i;
        }
        return Products.tensordot(this, other, mine, theirs);
    }

    /**
     * NumPy's {@code dot}: the same as {@link #matmul(Array)} for 1-D and 2-D operands; beyond, a
     * sum over this array's last axis and {@code other}'s second-to-last (its {@code tensordot});
     * with a 0-d operand, an elementwise product.
     *
     * @param other the right operand
     * @return {@code dot(this, other)}
     * @throws IllegalArgumentException naming both shapes when they are not aligned
     */
    public Array dot(Array other) {
        return Products.dot(this, other);
    }

    /** Dask-like summary: shape, dtype, chunks, number of tasks and bytes. */
    @Override
    public String toString() {
        return Assembly.describe(this);
    }
}
