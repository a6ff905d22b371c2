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
    record Source(BinaryOp op, Array x, Array s) {}

    /** Rows per strip: a strip of a 2000-column block is 250 KiB, so it stays in cache while it is reduced. */
    static final int STRIP_ROWS = 16;

    /**
     * Reduces one block of {@code a op t.T} strip by strip: each strip of rows is computed into a
     * cache-sized buffer, reduced with the plan's chunk step, and the strips' states are joined.
     */
    static NDArray[] reduce(BinaryOp op, NDArray a, NDArray t, Reductions.Plan plan, int[] axes, int[] offset) {
        if (op == BinaryOp.ADD || op == BinaryOp.SUBTRACT) {
            NDArray[] linear = plan.chunkOfSum(op, a, t, axes);
            if (linear != null) {
                return linear;
            }
        }
        int rows = a.shapeRef()[0];
        if (rows <= STRIP_ROWS) {
            return plan.chunk(apply(op, a, t, 0, rows), axes, offset);
        }
        boolean alongRows = java.util.Arrays.binarySearch(axes, 0) >= 0;
        List<NDArray[]> states = new java.util.ArrayList<>();
        for (int r0 = 0; r0 < rows; r0 += STRIP_ROWS) {
            int r1 = Math.min(rows, r0 + STRIP_ROWS);
            int[] off = {offset[0] + r0, offset[1]};
            states.add(plan.chunk(apply(op, a, t, r0, r1), axes, off));
        }
        int parts = states.get(0).length;
        NDArray[] joined = new NDArray[parts];
        for (int p = 0; p < parts; p++) {
            List<NDArray> blocks = new java.util.ArrayList<>(states.size());
            for (NDArray[] st : states) {
                blocks.add(st[p]);
            }
            joined[p] = Blocks.concatGrid(blocks, new int[] {states.size(), 1});
        }
        return alongRows ? plan.combine(joined, axes) : joined;
    }

    /**
     * @return {@code sum(a op t.T)} over {@code axes}, dimensions kept, as {@code sum(a) op sum(t).T}
     *     with {@code t} summed over the mirrored axes: two contiguous passes, no transposed access
     */
    static NDArray sumOfTransposed(BinaryOp op, NDArray a, NDArray t, int[] axes) {
        int[] mirrored = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            mirrored[i] = 1 - axes[i];
        }
        java.util.Arrays.sort(mirrored);
        NDArray sa = Reduce.reduce(ReduceOp.SUM, a, axes);
        NDArray st = Reduce.reduce(ReduceOp.SUM, t, mirrored).transpose();
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
