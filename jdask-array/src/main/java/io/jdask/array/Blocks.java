package io.jdask.array;

import java.util.List;

/** Block-level helpers used by tasks: joining a grid of blocks, cutting a region out of a block. */
final class Blocks {
    private Blocks() {}

    /**
     * Joins blocks laid out row-major on a grid into one array. Blocks must agree on their extents
     * along shared rows and columns of the grid.
     */
    static NDArray concatGrid(List<NDArray> blocks, int[] grid) {
        if (blocks.size() == 1) {
            return blocks.get(0);
        }
        int nd = grid.length;
        int[][] extents = new int[nd][];
        int[] stride = Layout.strides(grid);
        DType dtype = blocks.get(0).dtype();
        for (NDArray b : blocks) {
            dtype = DType.promote(dtype, b.dtype());
        }
        for (int d = 0; d < nd; d++) {
            extents[d] = new int[grid[d]];
            for (int i = 0; i < grid[d]; i++) {
                extents[d][i] = blocks.get(i * stride[d]).shapeRef()[d];
            }
        }
        int[] shape = Chunks.shapeOf(extents);
        Object out = Storage.allocate(dtype, Layout.sizeInt(shape));
        int[][] offsets = new int[nd][];
        for (int d = 0; d < nd; d++) {
            offsets[d] = Chunks.offsets(extents[d]);
        }
        List<int[]> idx = Chunks.indices(grid);
        for (int k = 0; k < blocks.size(); k++) {
            int[] origin = new int[nd];
            for (int d = 0; d < nd; d++) {
                origin[d] = offsets[d][idx.get(k)[d]];
            }
            Layout.place(blocks.get(k).astype(dtype), out, shape, origin);
        }
        return new NDArray(dtype, shape, out);
    }

    /**
     * @return the region {@code [start, start + shape)} of {@code a}: a view sharing its buffer (the
     *     array itself when it is all of it)
     */
    static NDArray region(NDArray a, int[] start, int[] shape) {
        if (java.util.Arrays.equals(shape, a.shapeRef())) {
            return a;
        }
        int[] st = a.stridesRef();
        int offset = a.offset();
        for (int d = 0; d < start.length; d++) {
            offset += start[d] * st[d];
        }
        return NDArray.view(a.dtype(), shape.clone(), a.base(), Layout.size(shape) == 0 ? 0 : offset, st.clone());
    }

    /**
     * @return the elements of {@code a} at the given indices of each axis (an outer product of
     *     index lists): a view sharing its buffer when every list is evenly spaced, else a copy
     */
    static NDArray take(NDArray a, int[][] index) {
        int nd = index.length;
        int[] shape = new int[nd];
        boolean arithmetic = true;
        int[] steps = new int[nd];
        for (int d = 0; d < nd; d++) {
            shape[d] = index[d].length;
            steps[d] = shape[d] > 1 ? index[d][1] - index[d][0] : 1;
            for (int i = 2; i < shape[d] && arithmetic; i++) {
                arithmetic = index[d][i] - index[d][i - 1] == steps[d];
            }
        }
        int[] st = a.stridesRef();
        int n = Layout.sizeInt(shape);
        if (n == 0) {
            return new NDArray(a.dtype(), shape, Storage.allocate(a.dtype(), 0));
        }
        if (arithmetic) {
            int offset = a.offset();
            int[] strides = new int[nd];
            for (int d = 0; d < nd; d++) {
                offset += index[d][0] * st[d];
                strides[d] = steps[d] * st[d];
            }
            return NDArray.view(a.dtype(), shape, a.base(), offset, strides);
        }
        Object out = Storage.allocate(a.dtype(), n);
        Object base = a.base();
        int[] idx = new int[nd];
        for (int k = 0; k < n; k++) {
            int src = a.offset();
            for (int d = 0; d < nd; d++) {
                src += index[d][idx[d]] * st[d];
            }
            Storage.copy(base, src, out, k, 1);
            for (int d = nd - 1; d >= 0; d--) {
                if (++idx[d] < shape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new NDArray(a.dtype(), shape, out);
    }
}
