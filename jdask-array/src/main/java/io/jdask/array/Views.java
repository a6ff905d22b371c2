package io.jdask.array;

/**
 * Basic indexing of one {@link NDArray}: each dimension's selection is resolved to positions,
 * taken as a strided view when they are evenly spaced (ranges, single indices) and copied
 * otherwise; dimensions selected by a single index are then dropped, which keeps the view.
 */
final class Views {
    private Views() {}

    static NDArray select(NDArray a, Slice... slices) {
        int nd = a.ndim();
        if (slices.length > nd) {
            throw new IllegalArgumentException("too many indices: " + slices.length + " for an array of shape "
                    + ShapeText.of(a.shapeRef()));
        }
        int[][] index = new int[nd][];
        int kept = 0;
        for (int d = 0; d < nd; d++) {
            Slice s = d < slices.length ? slices[d] : Slice.all();
            index[d] = Slicing.positions(s, a.shapeRef()[d], d);
            kept += s instanceof Slice.Index ? 0 : 1;
        }
        NDArray taken = Blocks.take(a, index);
        if (kept == nd) {
            return taken;
        }
        int[] shape = new int[kept];
        int k = 0;
        for (int d = 0; d < nd; d++) {
            if (!(d < slices.length && slices[d] instanceof Slice.Index)) {
                shape[k++] = index[d].length;
            }
        }
        return taken.reshape(shape);
    }
}
