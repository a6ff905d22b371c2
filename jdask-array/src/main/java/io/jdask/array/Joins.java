package io.jdask.array;

import io.jdask.graph.Alias;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Concatenate and stack: the output's blocks are the inputs' blocks, referred to by alias. */
final class Joins {
    private Joins() {}

    static Array concatenate(List<Array> arrays, int axis) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("need at least one array to concatenate");
        }
        Array first = arrays.get(0);
        int ax = Shapes.normalizeAxis(axis, first.ndim());
        DType dtype = first.dtype();
        for (Array a : arrays) {
            dtype = DType.promote(dtype, a.dtype());
        }
        List<Array> parts = new ArrayList<>();
        for (Array a : arrays) {
            Masks.requireKnown(a, "concatenate");
            if (a.ndim() != first.ndim()) {
                throw new IllegalArgumentException("concatenate: shapes " + ShapeText.of(first.shapeRef()) + " and "
                        + ShapeText.of(a.shapeRef()) + " differ in dimensions");
            }
            int[][] want = Chunks.copy(a.chunksRef());
            for (int d = 0; d < a.ndim(); d++) {
                if (d != ax) {
                    if (a.shapeRef()[d] != first.shapeRef()[d]) {
                        throw new IllegalArgumentException("concatenate along axis " + ax + ": shapes "
                                + ShapeText.of(first.shapeRef()) + " and " + ShapeText.of(a.shapeRef())
                                + " differ in dimension " + d);
                    }
                    want[d] = first.chunksRef()[d];
                }
            }
            parts.add(Structure.rechunk(a.astype(dtype), want));
        }
        int[][] chunks = Chunks.copy(first.chunksRef());
        List<Integer> axisChunks = new ArrayList<>();
        List<int[]> owner = new ArrayList<>();
        for (int p = 0; p < parts.size(); p++) {
            int[] c = parts.get(p).chunksRef()[ax];
            for (int i = 0; i < c.length; i++) {
                axisChunks.add(c[i]);
                owner.add(new int[] {p, i});
            }
        }
        chunks[ax] = axisChunks.stream().mapToInt(Integer::intValue).toArray();
        String name = Layers.name("concatenate", parts.toArray(), ax);
        DType t = dtype;
        return Layers.layer(name, chunks, t, parts, (key, idx) -> {
            int[] o = owner.get(idx[ax]);
            int[] src = idx.clone();
            src[ax] = o[1];
            return new Alias(key, Key.of(parts.get(o[0]).name(), src));
        });
    }

    static Array stack(List<Array> arrays, int axis) {
        if (arrays.isEmpty()) {
            throw new IllegalArgumentException("need at least one array to stack");
        }
        int nd = arrays.get(0).ndim() + 1;
        int ax = Shapes.normalizeAxis(axis, nd);
        List<Array> expanded = new ArrayList<>();
        for (Array a : arrays) {
            if (!Arrays.equals(a.shapeRef(), arrays.get(0).shapeRef())) {
                throw new IllegalArgumentException("stack: all arrays need the same shape, got "
                        + ShapeText.of(arrays.get(0).shapeRef()) + " and " + ShapeText.of(a.shapeRef()));
            }
            int[][] chunks = new int[nd][];
            for (int d = 0, s = 0; d < nd; d++) {
                chunks[d] = d == ax ? new int[] {1} : a.chunksRef()[s++].clone();
            }
            String name = Layers.name("expand-dims", a, ax);
            expanded.add(Layers.layer(name, chunks, a.dtype(), List.of(a), (key, idx) -> {
                int[] src = new int[nd - 1];
                for (int d = 0, s = 0; d < nd; d++) {
                    if (d != ax) {
                        src[s++] = idx[d];
                    }
                }
                int[] bs = Chunks.blockShape(chunks, idx);
                return new Task(key, args -> ((NDArray) args[0]).reshape(bs), Layers.ref(a, src));
            }));
        }
        return concatenate(expanded, ax);
    }

    /** NumPy's {@code block} for two levels: rows joined along the last axis, then along the one before. */
    static Array block(List<List<Array>> rows) {
        List<Array> joined = new ArrayList<>();
        for (List<Array> row : rows) {
            joined.add(concatenate(row, -1));
        }
        return concatenate(joined, Math.max(0, joined.get(0).ndim() - 2));
    }
}
