package io.jdask.array;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reduces one block strip by strip along its first axis: each strip of rows is produced into a
 * cache-sized array (computed from fused operands or generated), reduced with the plan's chunk
 * step, and the strips' states are joined, so the whole block is never materialised.
 */
final class Strips {
    /** Elements per strip for generated blocks: 256 KiB of float64, resident in L2. */
    static final int TARGET = 32_768;

    private Strips() {}

    /**
     * Produces rows {@code [r0, r1)} of a block as a contiguous array. The array may be a buffer
     * that the next call overwrites: callers reduce it before asking for the next strip (plan
     * {@code chunk} steps always return new arrays).
     */
    interface Source {
        NDArray rows(int r0, int r1);
    }

    /** @return rows per strip so that a strip holds about {@code target} elements (at least one row) */
    static int rowsPer(int[] blockShape, int target) {
        long rowLength = 1;
        for (int d = 1; d < blockShape.length; d++) {
            rowLength *= blockShape[d];
        }
        return (int) Math.max(1, target / Math.max(1, rowLength));
    }

    /**
     * @param rows the block's length along axis 0
     * @param stripRows rows per strip
     * @param offset the block's offset in the whole array (the plan's {@code chunk} sees each strip's own)
     * @return the block's chunk state, the same as {@code plan.chunk(wholeBlock, axes, offset)}
     */
    static NDArray[] reduce(Source src, int rows, int stripRows, Reductions.Plan plan, int[] axes, int[] offset) {
        if (rows <= stripRows) {
            return plan.chunk(src.rows(0, rows), axes, offset);
        }
        boolean alongRows = Arrays.binarySearch(axes, 0) >= 0;
        List<NDArray[]> states = new ArrayList<>();
        for (int r0 = 0; r0 < rows; r0 += stripRows) {
            int r1 = Math.min(rows, r0 + stripRows);
            int[] off = offset.clone();
            off[0] += r0;
            states.add(plan.chunk(src.rows(r0, r1), axes, off));
        }
        int parts = states.get(0).length;
        int[] grid = new int[offset.length];
        Arrays.fill(grid, 1);
        grid[0] = states.size();
        NDArray[] joined = new NDArray[parts];
        for (int p = 0; p < parts; p++) {
            List<NDArray> blocks = new ArrayList<>(states.size());
            for (NDArray[] st : states) {
                blocks.add(st[p]);
            }
            joined[p] = Blocks.concatGrid(blocks, grid);
        }
        return alongRows ? plan.combine(joined, axes) : joined;
    }

    /** @return the rows of block {@code idx} of a seeded uniform array, generated on demand */
    static Source generated(Uniform.Blocks u, int[] idx) {
        int[] shape = Chunks.blockShape(u.chunks(), idx);
        long seed = u.blockSeed(idx);
        int rowLength = 1;
        for (int d = 1; d < shape.length; d++) {
            rowLength *= shape[d];
        }
        int row = rowLength;
        long[] scratch = new long[Uniform.STEP];
        // one buffer per strip length, reused: a new 256 KiB array per strip would stream the
        // whole block through freshly allocated (uncached) memory, the traffic fusion avoids
        double[][] buffer = new double[1][];
        return (r0, r1) -> {
            int[] s = shape.clone();
            s[0] = r1 - r0;
            int length = (r1 - r0) * row;
            double[] v = buffer[0];
            if (v == null || v.length != length) {
                v = new double[length];
                buffer[0] = v;
            }
            Uniform.fill(v, 0, length, seed, (long) r0 * row, scratch);
            return new NDArray(DType.F64, s, v);
        };
    }
}
