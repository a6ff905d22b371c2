package io.jdask.array;

import java.util.Arrays;

/** Shape arithmetic shared by NDArray and Array: axes, reshapes, permutations. */
final class Shapes {
    private Shapes() {}

    /** @return sorted, distinct, non-negative axes; all axes when {@code axes} is empty */
    static int[] normalizeAxes(int[] axes, int ndim) {
        if (axes.length == 0) {
            int[] all = new int[ndim];
            for (int i = 0; i < ndim; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            r[i] = normalizeAxis(axes[i], ndim);
        }
        Arrays.sort(r);
        for (int i = 1; i < r.length; i++) {
            if (r[i] == r[i - 1]) {
                throw new IllegalArgumentException("duplicate value in axes " + Arrays.toString(axes));
            }
        }
        return r;
    }

    static int normalizeAxis(int axis, int ndim) {
        int a = axis < 0 ? axis + ndim : axis;
        if (a < 0 || a >= ndim) {
            throw new IllegalArgumentException("axis " + axis + " is out of bounds for an array of dimension " + ndim);
        }
        return a;
    }

    static int[] dropAxes(int[] shape, int[] sortedAxes) {
        int[] r = new int[shape.length - sortedAxes.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (Arrays.binarySearch(sortedAxes, d) < 0) {
                r[k++] = shape[d];
            }
        }
        return r;
    }

    static void checkPermutation(int[] axes, int ndim) {
        boolean[] seen = new boolean[ndim];
        boolean ok = axes.length == ndim;
        for (int i = 0; ok && i < axes.length; i++) {
            ok = axes[i] >= 0 && axes[i] < ndim && !seen[axes[i]];
            if (ok) {
                seen[axes[i]] = true;
            }
        }
        if (!ok) {
            throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " are not a permutation of "
                    + ndim + " dimensions");
        }
    }

    static int[] resolveReshape(int[] shape, int[] newShape) {
        long size = Layout.size(shape);
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < newShape.length; i++) {
            if (newShape[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (newShape[i] < 0) {
                throw new IllegalArgumentException("cannot reshape to " + ShapeText.of(newShape));
            } else {
                known *= newShape[i];
            }
        }
        int[] r = newShape.clone();
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw new IllegalArgumentException("cannot reshape an array of shape " + ShapeText.of(shape)
                        + " into shape " + ShapeText.of(newShape));
            }
            r[unknown] = (int) (size / known);
            known = size;
        }
        if (known != size) {
            throw new IllegalArgumentException("cannot reshape an array of shape " + ShapeText.of(shape) + " ("
                    + size + " elements) into shape " + ShapeText.of(newShape) + " (" + known + " elements)");
        }
        return r;
    }
}
