package io.jdask.array;

/**
 * Moves elements between row-major buffers: strided gathers (transpose, slicing with steps,
 * broadcasting), placing a block into a larger one, and a cache-blocked 2-D transpose.
 */
final class Layout {
    private static final int TILE = 64;

    private Layout() {}

    static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static int sizeInt(int[] shape) {
        long n = size(shape);
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a block of shape " + java.util.Arrays.toString(shape)
                    + " holds " + n + " elements, more than a Java array can; use smaller chunks");
        }
        return (int) n;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    /**
     * Fills a new contiguous buffer of shape {@code outShape} with {@code src[offset + sum(i[d] * strides[d])]}.
     * Strides may be zero (broadcast) or negative (reversed).
     */
    static Object gather(Object src, int[] outShape, int offset, int[] strides) {
        int n = sizeInt(outShape);
        Object dst = Storage.allocate(Storage.dtypeOf(src), n);
        if (n == 0) {
            return dst;
        }
        int nd = outShape.length;
        if (nd == 0) {
            Storage.copy(src, offset, dst, 0, 1);
            return dst;
        }
        if (nd == 2 && strides[0] == 1 && strides[1] == outShape[0] && offset == 0) {
            transpose2d(src, dst, outShape[1], outShape[0]);
            return dst;
        }
        int rowLen = outShape[nd - 1];
        int step = strides[nd - 1];
        int[] idx = new int[nd - 1];
        int base = offset;
        for (int out = 0; out < n; out += rowLen) {
            row(src, base, step, dst, out, rowLen);
            for (int d = nd - 2; d >= 0; d--) {
                base += strides[d];
                if (++idx[d] < outShape[d]) {
                    break;
                }
                base -= strides[d] * outShape[d];
                idx[d] = 0;
            }
        }
        return dst;
    }

    private static void row(Object src, int from, int step, Object dst, int to, int n) {
        if (step == 1) {
            System.arraycopy(src, from, dst, to, n);
            return;
        }
        switch (src) {
            case double[] s -> { double[] d = (double[]) dst; for (int i = 0; i < n; i++) { d[to + i] = s[from + i * step]; } }
            case float[] s -> { float[] d = (float[]) dst; for (int i = 0; i < n; i++) { d[to + i] = s[from + i * step]; } }
            case short[] s -> { short[] d = (short[]) dst; for (int i = 0; i < n; i++) { d[to + i] = s[from + i * step]; } }
            case long[] s -> { long[] d = (long[]) dst; for (int i = 0; i < n; i++) { d[to + i] = s[from + i * step]; } }
            case int[] s -> { int[] d = (int[]) dst; for (int i = 0; i < n; i++) { d[to + i] = s[from + i * step]; } }
            case boolean[] s -> { boolean[] d = (boolean[]) dst; for (int i = 0; i < n; i++) { d[to + i] = s[from + i * step]; } }
            default -> throw new IllegalStateException();
        }
    }

    /** dst (cols x rows) = transpose of src (rows x cols), in cache-sized tiles. */
    static void transpose2d(Object src, Object dst, int rows, int cols) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                switch (src) {
                    case double[] s -> { double[] d = (double[]) dst; for (int j = j0; j < j1; j++) { for (int i = i0; i < i1; i++) { d[j * rows + i] = s[i * cols + j]; } } }
                    case float[] s -> { float[] d = (float[]) dst; for (int j = j0; j < j1; j++) { for (int i = i0; i < i1; i++) { d[j * rows + i] = s[i * cols + j]; } } }
                    default -> {
                        for (int j = j0; j < j1; j++) {
                            for (int i = i0; i < i1; i++) {
                                Storage.copy(src, i * cols + j, dst, j * rows + i, 1);
                            }
                        }
                    }
                }
            }
        }
    }

    /** Copies contiguous {@code src} (shape {@code srcShape}) into {@code dst} (shape {@code dstShape}) at {@code origin}. */
    static void place(Object src, int[] srcShape, Object dst, int[] dstShape, int[] origin) {
        int n = sizeInt(srcShape);
        if (n == 0) {
            return;
        }
        int nd = srcShape.length;
        if (nd == 0) {
            Storage.copy(src, 0, dst, 0, 1);
            return;
        }
        int[] ds = strides(dstShape);
        int base = 0;
        for (int d = 0; d < nd; d++) {
            base += origin[d] * ds[d];
        }
        int rowLen = srcShape[nd - 1];
        int[] idx = new int[nd - 1];
        int at = base;
        for (int from = 0; from < n; from += rowLen) {
            System.arraycopy(src, from, dst, at, rowLen);
            for (int d = nd - 2; d >= 0; d--) {
                at += ds[d];
                if (++idx[d] < srcShape[d]) {
                    break;
                }
                at -= ds[d] * srcShape[d];
                idx[d] = 0;
            }
        }
    }

    /** @return the strides that broadcast an array of {@code shape} to {@code target} (0 where broadcast) */
    static int[] broadcastStrides(int[] shape, int[] target) {
        int[] own = strides(shape);
        int[] s = new int[target.length];
        int lead = target.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            s[lead + d] = shape[d] == 1 && target[lead + d] != 1 ? 0 : own[d];
        }
        return s;
    }

    /**
     * @return NumPy's broadcast shape of {@code a} and {@code b}
     * @throws IllegalArgumentException naming both shapes when they do not broadcast
     */
    static int[] broadcastShape(int[] a, int[] b) {
        int nd = Math.max(a.length, b.length);
        int[] r = new int[nd];
        for (int i = 0; i < nd; i++) {
            int da = i < nd - a.length ? 1 : a[i - (nd - a.length)];
            int db = i < nd - b.length ? 1 : b[i - (nd - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + ShapeText.of(a) + " and " + ShapeText.of(b)
                        + " do not broadcast (dimension " + i + ": " + da + " vs " + db + ")");
            }
            r[i] = da == 1 ? db : da;
        }
        return r;
    }

    /** @return the number of elements, or -1 when a length is unknown (negative) */
    static long knownSize(int[] shape) {
        for (int d : shape) {
            if (d < 0) {
                return -1;
            }
        }
        return size(shape);
    }

    /** @return true when {@code strides} are the row-major strides of {@code shape} (size-1 dimensions may have any stride) */
    static boolean isRowMajor(int[] shape, int[] strides) {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * @return a permutation {@code p} such that dimensions {@code p[0], p[1], ...} of a view with
     *     these strides are row-major, or null when the view is not a permutation of a row-major layout
     */
    static int[] rowMajorPermutation(int[] shape, int[] strides) {
        int nd = shape.length;
        Integer[] order = new Integer[nd];
        for (int d = 0; d < nd; d++) {
            order[d] = d;
        }
        // size-1 dimensions last (their stride is irrelevant), the others by decreasing stride
        java.util.Arrays.sort(order, (x, y) -> shape[x] == 1 || shape[y] == 1
                ? Boolean.compare(shape[x] == 1, shape[y] == 1) : Integer.compare(strides[y], strides[x]));
        int[] perm = new int[nd];
        int[] ps = new int[nd];
        int[] pst = new int[nd];
        for (int i = 0; i < nd; i++) {
            perm[i] = order[i];
            ps[i] = shape[perm[i]];
            pst[i] = strides[perm[i]];
        }
        return isRowMajor(ps, pst) ? perm : null;
    }

    /**
     * @return strides that show the elements of a view ({@code shape}, {@code strides}) in
     *     {@code newShape} (same size) without copying, or null when the reshape needs a copy
     */
    static int[] reshapeStrides(int[] shape, int[] strides, int[] newShape) {
        if (size(shape) == 0) {
            return strides(newShape);
        }
        int[] os = new int[shape.length];
        int[] ost = new int[shape.length];
        int on = 0;
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] != 1) {
                os[on] = shape[d];
                ost[on++] = strides[d];
            }
        }
        int nn = newShape.length;
        int[] nst = new int[nn];
        int oi = 0;
        int ni = 0;
        while (ni < nn && oi < on) {
            if (newShape[ni] == 1) {
                nst[ni++] = 0;
                continue;
            }
            int nj = ni + 1;
            int oj = oi + 1;
            long np = newShape[ni];
            long op = os[oi];
            while (np != op) {
                if (np < op) {
                    np *= newShape[nj++];
                } else {
                    op *= os[oj++];
                }
            }
            for (int k = oi; k < oj - 1; k++) {
                if (ost[k] != (long) os[k + 1] * ost[k + 1]) {
                    return null; // the old dimensions merged here are not laid out as one run
                }
            }
            nst[nj - 1] = ost[oj - 1];
            for (int k = nj - 1; k > ni; k--) {
                nst[k - 1] = nst[k] * newShape[k];
            }
            ni = nj;
            oi = oj;
        }
        for (; ni < nn; ni++) {
            nst[ni] = 0; // trailing size-1 dimensions
        }
        return nst;
    }

    /** @return the strides that broadcast a view ({@code shape}, {@code strides}) to {@code target} (0 where broadcast) */
    static int[] broadcastStrides(int[] shape, int[] strides, int[] target) {
        int[] s = new int[target.length];
        int lead = target.length - shape.length;
        for (int d = 0; d < shape.length; d++) {
            s[lead + d] = shape[d] == 1 && target[lead + d] != 1 ? 0 : strides[d];
        }
        return s;
    }

    /** Copies the elements of {@code src} (any view) into contiguous {@code dst} of shape {@code dstShape} at {@code origin}. */
    static void place(NDArray src, Object dst, int[] dstShape, int[] origin) {
        if (src.isContiguous()) {
            place(src.base(), src.shapeRef(), dst, dstShape, origin);
            return;
        }
        int[] shape = src.shapeRef();
        int n = sizeInt(shape);
        if (n == 0) {
            return;
        }
        int nd = shape.length;
        if (nd == 0) {
            Storage.copy(src.base(), src.offset(), dst, 0, 1);
            return;
        }
        int[] ss = src.stridesRef();
        int[] ds = strides(dstShape);
        int at = 0;
        for (int d = 0; d < nd; d++) {
            at += origin[d] * ds[d];
        }
        int rowLen = shape[nd - 1];
        int[] idx = new int[nd - 1];
        int from = src.offset();
        for (int done = 0; done < n; done += rowLen) {
            row(src.base(), from, ss[nd - 1], dst, at, rowLen);
            for (int d = nd - 2; d >= 0; d--) {
                at += ds[d];
                from += ss[d];
                if (++idx[d] < shape[d]) {
                    break;
                }
                at -= ds[d] * shape[d];
                from -= ss[d] * shape[d];
                idx[d] = 0;
            }
        }
    }
}
