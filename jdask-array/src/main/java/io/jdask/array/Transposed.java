package io.jdask.array;

import io.jdask.graph.Task;
import java.util.List;

/**
 * {@code a op b.T} for 2-D float64 arrays in one pass: each output block reads the block of
 * {@code b} at the mirrored position and walks it in cache-sized tiles, instead of first writing a
 * transposed copy. This is what makes {@code x + x.T} cost one read of each operand.
 */
final class Transposed {
    private static final int TILE = 64;

    private Transposed() {}

    static boolean applies(BinaryOp op, Array a, Array b) {
        Array src = b.transposeOf();
        return src != null && a.ndim() == 2 && java.util.Arrays.equals(a.shapeRef(), b.shapeRef())
                && a.dtype() == DType.F64 && src.dtype() == DType.F64
                && (op == BinaryOp.ADD || op == BinaryOp.SUBTRACT || op == BinaryOp.MULTIPLY || op == BinaryOp.DIVIDE);
    }

    /** @return {@code a op src.T} */
    static Array binary(BinaryOp op, Array a, Array src) {
        int[][] chunks = {Chunks.refine(a.chunksRef()[0], src.chunksRef()[1]),
            Chunks.refine(a.chunksRef()[1], src.chunksRef()[0])};
        Array x = Structure.rechunk(a, chunks);
        Array s = Structure.rechunk(src, new int[][] {chunks[1], chunks[0]});
        String name = Layers.name(op.name().toLowerCase(java.util.Locale.ROOT) + "-transposed", x, s);
        Array out = Layers.layer(name, chunks, DType.F64, List.of(x, s), (key, idx) -> new Task(key,
                args -> apply(op, (NDArray) args[0], (NDArray) args[1], 0, ((NDArray) args[0]).shapeRef()[0]),
                Layers.ref(x, idx), Layers.ref(s, new int[] {idx[1], idx[0]})));
        return new Array(out.name(), out.graph(), out.chunksRef(), out.dtype(), null, new Source(op, x, s));
    }

    /** What a reduction needs to compute {@code x op s.T} strip by strip instead of reading whole result blocks. */
    record Source(BinaryOp op, Array x, Array s) implements Fusion {}

    /** Rows per strip: a strip of a 2000-column block is 250 KiB, so it stays in cache while it is reduced. */
    static final int STRIP_ROWS = 16;

    /**
     * Reduces one block of {@code a op t.T} strip by strip: each strip of rows is computed into a
     * cache-sized buffer, reduced with the plan's chunk step, and the strips' states are joined.
     * Sums and plain means of {@code a +- t.T} need no transposed access at all.
     */
    static NDArray[] reduce(BinaryOp op, NDArray a, NDArray t, Reductions.Plan plan, int[] axes, int[] offset) {
        if ((op == BinaryOp.ADD || op == BinaryOp.SUBTRACT) && plan.linear()) {
            NDArray total = sumOfTransposed(op, a, t, axes);
            return plan.linearChunk(total, a.size() / Math.max(1, total.size()));
        }
        return Strips.reduce((r0, r1) -> apply(op, a, t, r0, r1), a.shapeRef()[0], STRIP_ROWS, plan, axes, offset);
    }

    /** @return whether a reduction of {@code x op y.T} can read each block of {@code x} once, see {@link #selfLinear} */
    static boolean selfLinearApplies(Source src, Reductions.Plan plan) {
        return (src.op() == BinaryOp.ADD || src.op() == BinaryOp.SUBTRACT) && plan.linear()
                && src.x().name().equals(src.s().name());
    }

    /**
     * The chunk states of a linear reduction (sum, mean) of {@code x op x.T}, the same array on
     * both sides: one pass over each block computes its sums along the reduced axes and along the
     * mirrored axes at once (row and column sums from one read of the block), and the state of output block {@code (i, j)} is {@code sums(i, j) op
     * mirroredSums(j, i).T}. Each block of {@code x} is read once instead of twice; a seeded
     * uniform {@code x} is generated strip by strip and never materialised.
     */
    static Array selfLinear(Source src, Reductions.Plan plan, int[] axes, String name, int[][] stateChunks) {
        Array x = src.x();
        int[] mirrored = mirror(axes);
        Uniform.Blocks gen = x.fusion() instanceof Uniform.Blocks u ? u : null;
        String sumsName = Layers.name("sums-both-ways", x, axes);
        Array sums = Layers.layer(sumsName, x.chunksRef(), DType.F64, gen == null ? List.of(x) : List.of(), (key, idx) -> {
            if (gen != null) {
                return new Task(key, args -> {
                    int[] shape = Chunks.blockShape(gen.chunks(), idx);
                    return bothWays(Strips.generated(gen, idx), shape, Strips.rowsPer(shape, Strips.TARGET), axes, mirrored);
                });
            }
            return new Task(key, args -> {
                NDArray b = (NDArray) args[0];
                return bothWays((r0, r1) -> b, b.shapeRef(), Math.max(1, b.shapeRef()[0]), axes, mirrored);
            }, Layers.ref(x, idx));
        });
        BinaryOp op = src.op();
        int[][] xc = x.chunksRef();
        return Layers.layer(name, stateChunks, DType.F64, List.of(sums), (key, idx) -> {
            long blockSize = (long) xc[0][idx[0]] * xc[1][idx[1]];
            return new Task(key, args -> {
                NDArray total = Elementwise.binary(op, ((NDArray[]) args[0])[0], ((NDArray[]) args[1])[1].transpose());
                return plan.linearChunk(total, blockSize / Math.max(1, total.size()));
            }, Layers.ref(sums, idx), Layers.ref(sums, new int[] {idx[1], idx[0]}));
        });
    }

    private static int[] mirror(int[] axes) {
        int[] mirrored = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            mirrored[i] = 1 - axes[i];
        }
        java.util.Arrays.sort(mirrored);
        return mirrored;
    }

    /**
     * @param rows the block's rows, whole or in strips of {@code stripRows}
     * @return the block's sums over {@code axes} and over {@code mirrored}, dimensions kept
     */
    static NDArray[] bothWays(Strips.Source rows, int[] shape, int stripRows, int[] axes, int[] mirrored) {
        int m = shape[0];
        int n = shape[1];
        double[] colSum = new double[n];
        double[] rowSum = new double[m];
        for (int r0 = 0; r0 < m; r0 += stripRows) {
            int r1 = Math.min(m, r0 + stripRows);
            NDArray strip = rows.rows(r0, r1);
            double[] v = (double[]) strip.data();
            int i = r0;
            // eight rows at a time: the row sums stream them from memory (the fast, prefetch-friendly
            // loop), then the column sums take all four in one sweep while they are in cache (a
            // quarter of the loads and stores of the column sums)
            for (; i + 8 <= r1; i += 8) {
                int p0 = (i - r0) * n;
                for (int k = 0; k < 8; k++) {
                    rowSum[i + k] = Reduce.sumRow(v, p0 + k * n, n);
                }
                int p1 = p0 + n;
                int p2 = p1 + n;
                int p3 = p2 + n;
                int p4 = p3 + n;
                int p5 = p4 + n;
                int p6 = p5 + n;
                int p7 = p6 + n;
                for (int j = 0; j < n; j++) {
                    colSum[j] += ((v[p0 + j] + v[p1 + j]) + (v[p2 + j] + v[p3 + j]))
                            + ((v[p4 + j] + v[p5 + j]) + (v[p6 + j] + v[p7 + j]));
                }
            }
            for (; i < r1; i++) {
                int p = (i - r0) * n;
                for (int j = 0; j < n; j++) {
                    colSum[j] += v[p + j];
                }
                rowSum[i] = Reduce.sumRow(v, p, n);
            }
        }
        NDArray cols = new NDArray(DType.F64, new int[] {1, n}, colSum);
        NDArray rowsSum = new NDArray(DType.F64, new int[] {m, 1}, rowSum);
        NDArray all = new NDArray(DType.F64, new int[] {1, 1}, new double[] {Reduce.sumRow(rowSum, 0, m)});
        return new NDArray[] {pick(axes, cols, rowsSum, all), pick(mirrored, cols, rowsSum, all)};
    }

    private static NDArray pick(int[] axes, NDArray cols, NDArray rows, NDArray all) {
        return axes.length == 2 ? all : axes[0] == 0 ? cols : rows;
    }

    /**
     * @return {@code sum(a op t.T)} over {@code axes}, dimensions kept, as {@code sum(a) op sum(t).T}
     *     with {@code t} summed over the mirrored axes: two contiguous passes, no transposed access
     */
    static NDArray sumOfTransposed(BinaryOp op, NDArray a, NDArray t, int[] axes) {
        NDArray sa = Reduce.reduce(ReduceOp.SUM, a, axes);
        NDArray st = Reduce.reduce(ReduceOp.SUM, t, mirror(axes)).transpose();
        return Elementwise.binary(op, sa, st);
    }

    /** @return rows {@code [r0, r1)} of {@code a op t.T}, walked in square tiles so both operands stay cached */
    static NDArray apply(BinaryOp op, NDArray a, NDArray t, int r0, int r1) {
        int rows = a.shapeRef()[0];
        int cols = a.shapeRef()[1];
        double[] x = (double[]) a.data();
        double[] y = (double[]) t.data();
        double[] r = new double[(r1 - r0) * cols];
        for (int i0 = r0; i0 < r1; i0 += TILE) {
            int i1 = Math.min(r1, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int row = i * cols;
                    int out = (i - r0) * cols;
                    switch (op) {
                        case ADD -> { for (int j = j0; j < j1; j++) { r[out + j] = x[row + j] + y[j * rows + i]; } }
                        case SUBTRACT -> { for (int j = j0; j < j1; j++) { r[out + j] = x[row + j] - y[j * rows + i]; } }
                        case MULTIPLY -> { for (int j = j0; j < j1; j++) { r[out + j] = x[row + j] * y[j * rows + i]; } }
                        default -> { for (int j = j0; j < j1; j++) { r[out + j] = x[row + j] / y[j * rows + i]; } }
                    }
                }
            }
        }
        return new NDArray(DType.F64, new int[] {r1 - r0, cols}, r);
    }
}
