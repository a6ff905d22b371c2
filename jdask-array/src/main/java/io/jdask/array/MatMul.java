package io.jdask.array;

/**
 * NumPy's {@code matmul} of two local arrays: the last two dimensions are matrices, the leading
 * ones are batches broadcast against each other; a 1-D left operand is a row vector and a 1-D
 * right operand a column vector, whose added dimension is removed from the result. Floating
 * products go through BLAS (float16 computed in float32 and stored back); integer and bool
 * products are exact loops over {@code long}.
 */
final class MatMul {
    private MatMul() {}

    /** @return the result dtype of {@code a @ b}, NumPy's: the promoted type of the operands */
    static DType resultType(DType a, DType b) {
        return DType.promote(a, b);
    }

    /**
     * @return the shape of {@code a @ b}
     * @throws IllegalArgumentException naming both shapes when they do not fit
     */
    static int[] resultShape(int[] a, int[] b) {
        if (a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("matmul: shapes " + ShapeText.of(a) + " and " + ShapeText.of(b)
                    + ": a 0-d operand has no matrix dimensions (use multiply)");
        }
        int[] a2 = a.length == 1 ? new int[] {1, a[0]} : a;
        int[] b2 = b.length == 1 ? new int[] {b[0], 1} : b;
        int k = a2[a2.length - 1];
        if (b2[b2.length - 2] != k) {
            throw new IllegalArgumentException("matmul: shapes " + ShapeText.of(a) + " and " + ShapeText.of(b)
                    + " are not aligned (" + k + " != " + b2[b2.length - 2] + ")");
        }
        int[] batch;
        try {
            batch = Layout.broadcastShape(java.util.Arrays.copyOf(a2, a2.length - 2), java.util.Arrays.copyOf(b2, b2.length - 2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("matmul: shapes " + ShapeText.of(a) + " and " + ShapeText.of(b)
                    + " do not broadcast in their batch dimensions", e);
        }
        int n = batch.length;
        int[] out = java.util.Arrays.copyOf(batch, n + (a.length == 1 ? 0 : 1) + (b.length == 1 ? 0 : 1));
        if (a.length > 1) {
            out[n++] = a2[a2.length - 2];
        }
        if (b.length > 1) {
            out[n] = b2[b2.length - 1];
        }
        return out;
    }

    static NDArray matmul(NDArray a, NDArray b) {
        int[] outShape = resultShape(a.shapeRef(), b.shapeRef());
        DType out = resultType(a.dtype(), b.dtype());
        NDArray a2 = a.ndim() == 1 ? a.reshape(1, a.size()) : a;
        NDArray b2 = b.ndim() == 1 ? b.reshape(b.size(), 1) : b;
        if (a2.ndim() == 2 && b2.ndim() == 2) {
            return product(a2, b2, out).reshape(outShape);
        }
        int[] as = a2.shapeRef();
        int[] bs = b2.shapeRef();
        int m = as[as.length - 2];
        int n = bs[bs.length - 1];
        int[] batch = Layout.broadcastShape(java.util.Arrays.copyOf(as, as.length - 2), java.util.Arrays.copyOf(bs, bs.length - 2));
        int count = Layout.sizeInt(batch);
        Object buf = Storage.allocate(out, Layout.sizeInt(new int[] {count, m, n}));
        int[] idx = new int[batch.length];
        for (int p = 0; p < count; p++) {
            NDArray r = product(matrix(a2, idx, batch), matrix(b2, idx, batch), out);
            if (r.size() > 0) {
                Storage.copy(r.data(), 0, buf, p * m * n, m * n);
            }
            for (int d = batch.length - 1; d >= 0; d--) {
                if (++idx[d] < batch[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return new NDArray(out, outShape, buf);
    }

    /** @return the matrix of {@code x} at batch position {@code idx} of the broadcast batch shape (a view) */
    private static NDArray matrix(NDArray x, int[] idx, int[] batch) {
        int lead = x.ndim() - 2;
        Slice[] s = new Slice[lead];
        for (int d = 0; d < lead; d++) {
            int bd = d + batch.length - lead;
            s[d] = Slice.index(x.shapeRef()[d] == 1 ? 0 : idx[bd]);
        }
        return x.get(s);
    }

    /** @return the 2-D product {@code a @ b} as {@code out} */
    static NDArray product(NDArray a, NDArray b, DType out) {
        if (out.isFloat()) {
            return Blas.matmul(a, b, null).astype(out);
        }
        int m = a.shapeRef()[0];
        int k = a.shapeRef()[1];
        int n = b.shapeRef()[1];
        long[] x = Storage.asLongs(a.data());
        long[] y = Storage.asLongs(b.data());
        long[] r = new long[m * n];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < k; l++) {
                long v = x[i * k + l];
                if (v == 0) {
                    continue;
                }
                int row = l * n;
                int o = i * n;
                for (int j = 0; j < n; j++) {
                    r[o + j] += v * y[row + j];
                }
            }
        }
        return new NDArray(out, new int[] {m, n}, Storage.cast(r, out));
    }
}
