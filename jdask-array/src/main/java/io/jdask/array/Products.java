package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Matrix products of chunked 2-D arrays: output block {@code (i, j)} accumulates
 * {@code A(i, k) @ B(k, j)} over {@code k} in one task, with BLAS gemm and {@code beta = 1}, so no
 * partial products are stored or moved.
 */
final class Products {
    private Products() {}

    static Array matmul2d(Array a, Array b) {
        Masks.requireKnown(a, "matmul");
        Masks.requireKnown(b, "matmul");
        if (a.ndim() != 2 || b.ndim() != 2 || a.shapeRef()[1] != b.shapeRef()[0]) {
            throw new IllegalArgumentException("matmul: shapes " + ShapeText.of(a.shapeRef()) + " and "
                    + ShapeText.of(b.shapeRef()) + " are not aligned"
                    + (a.ndim() == 2 && b.ndim() == 2 ? " (" + a.shapeRef()[1] + " != " + b.shapeRef()[0] + ")" : " (2-D operands only)"));
        }
        int[] inner = Chunks.refine(a.chunksRef()[1], b.chunksRef()[0]);
        Array x = Structure.rechunk(a, new int[][] {a.chunksRef()[0], inner});
        Array y = Structure.rechunk(b, new int[][] {inner, b.chunksRef()[1]});
        DType out = MatMul.resultType(a.dtype(), b.dtype());
        int[][] chunks = {a.chunksRef()[0].clone(), b.chunksRef()[1].clone()};
        int nk = inner.length;
        String name = Layers.name("matmul", x, y);
        return Layers.layer(name, chunks, out, List.of(x, y), (key, idx) -> {
            List<Arg> left = new ArrayList<>(nk);
            List<Arg> right = new ArrayList<>(nk);
            for (int k = 0; k < nk; k++) {
                left.add(Layers.ref(x, new int[] {idx[0], k}));
                right.add(Layers.ref(y, new int[] {k, idx[1]}));
            }
            int rows = chunks[0][idx[0]];
            int cols = chunks[1][idx[1]];
            return new Task(key, args -> {
                List<?> ls = (List<?>) args[0];
                List<?> rs = (List<?>) args[1];
                NDArray acc = null;
                for (int k = 0; k < ls.size(); k++) {
                    NDArray l = (NDArray) ls.get(k);
                    NDArray r = (NDArray) rs.get(k);
                    if (out.isFloat()) {
                        acc = Blas.matmul(l, r, acc); // accumulates in place (beta = 1), float16 in float32
                    } else {
                        NDArray p = MatMul.product(l, r, DType.I64);
                        acc = acc == null ? p : Elementwise.binary(BinaryOp.ADD, acc, p);
                    }
                }
                return acc == null ? NDArray.zeros(out, rows, cols) : acc.astype(out);
            }, Arg.many(left), Arg.many(right));
        });
    }

    /**
     * NumPy's {@code tensordot}: the contracted axes of {@code a} are moved last and those of
     * {@code b} first, both are reshaped to matrices, multiplied, and the result reshaped to the
     * free axes of {@code a} followed by those of {@code b}.
     */
    static Array tensordot(Array a, Array b, int[] axesA, int[] axesB) {
        if (axesA.length != axesB.length) {
            throw new IllegalArgumentException("tensordot: " + axesA.length + " axes of a against " + axesB.length + " of b");
        }
        int[] ca = new int[axesA.length];
        int[] cb = new int[axesB.length];
        long k = 1;
        for (int i = 0; i < ca.length; i++) {
            ca[i] = Shapes.normalizeAxis(axesA[i], a.ndim());
            cb[i] = Shapes.normalizeAxis(axesB[i], b.ndim());
            if (a.shapeRef()[ca[i]] != b.shapeRef()[cb[i]]) {
                throw new IllegalArgumentException("tensordot: shapes " + ShapeText.of(a.shapeRef()) + " and "
                        + ShapeText.of(b.shapeRef()) + " differ along the contracted axes " + ca[i] + " and " + cb[i]);
            }
            k *= a.shapeRef()[ca[i]];
        }
        int[] freeA = free(a.ndim(), ca);
        int[] freeB = free(b.ndim(), cb);
        int[] permA = concat(freeA, ca);
        int[] permB = concat(cb, freeB);
        long m = 1;
        long n = 1;
        int[] outShape = new int[freeA.length + freeB.length];
        for (int i = 0; i < freeA.length; i++) {
            outShape[i] = a.shapeRef()[freeA[i]];
            m *= outShape[i];
        }
        for (int i = 0; i < freeB.length; i++) {
            outShape[freeA.length + i] = b.shapeRef()[freeB[i]];
            n *= outShape[freeA.length + i];
        }
        Array left = a.transpose(permA).reshape(Math.toIntExact(m), Math.toIntExact(k));
        Array right = b.transpose(permB).reshape(Math.toIntExact(k), Math.toIntExact(n));
        return matmul2d(left, right).reshape(outShape);
    }

    /**
     * NumPy's {@code dot}: a product with a 0-d operand is elementwise; otherwise it sums over the
     * last axis of {@code a} and the second-to-last of {@code b} (its only one when 1-D).
     */
    static Array dot(Array a, Array b) {
        if (a.ndim() == 0 || b.ndim() == 0) {
            return a.multiply(b);
        }
        if (a.ndim() <= 2 && b.ndim() <= 2) {
            return Batched.matmul(a, b);
        }
        int[] shapeB = b.shapeRef();
        int axisB = b.ndim() == 1 ? 0 : b.ndim() - 2;
        if (a.shapeRef()[a.ndim() - 1] != shapeB[axisB]) {
            throw new IllegalArgumentException("dot: shapes " + ShapeText.of(a.shapeRef()) + " and " + ShapeText.of(shapeB)
                    + " are not aligned (" + a.shapeRef()[a.ndim() - 1] + " != " + shapeB[axisB] + ")");
        }
        return tensordot(a, b, new int[] {a.ndim() - 1}, new int[] {axisB});
    }

    private static int[] free(int ndim, int[] contracted) {
        int[] r = new int[ndim - contracted.length];
        int j = 0;
        for (int d = 0; d < ndim; d++) {
            boolean used = false;
            for (int c : contracted) {
                used |= c == d;
            }
            if (!used) {
                if (j == r.length) {
                    throw new IllegalArgumentException("tensordot: repeated axis in " + java.util.Arrays.toString(contracted));
                }
                r[j++] = d;
            }
        }
        return r;
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = java.util.Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }
}
