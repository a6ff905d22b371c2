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

    static Array matmul(Array a, Array b) {
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
        DType t = DType.promote(a.dtype(), b.dtype());
        DType out = t == DType.F32 || t == DType.F16 ? DType.F32 : t.isFloat() ? DType.F64 : DType.I64;
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
                    acc = Blas.matmul((NDArray) ls.get(k), (NDArray) rs.get(k), acc);
                }
                return acc == null ? NDArray.zeros(out, rows, cols) : acc.astype(out);
            }, Arg.many(left), Arg.many(right));
        });
    }
}
