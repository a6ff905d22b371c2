package io.jdask.array;

import io.jdask.Lazy;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import java.util.Arrays;
import java.util.List;

/**
 * Boolean selection, whose result has unknown chunk lengths along the filtered axis (recorded as
 * -1, printed as {@code nan} like Dask's), and {@link #computeChunkSizes} to learn them.
 */
final class Masks {
    private Masks() {}

    static Array compress(Array a, Array mask, int axis) {
        int ax = Shapes.normalizeAxis(axis, a.ndim());
        requireKnown(mask, "boolean selection (the mask)");
        if (mask.ndim() != 1 || mask.shapeRef()[0] != a.shapeRef()[ax] || a.shapeRef()[ax] < 0) {
            throw new IllegalArgumentException("boolean selection along axis " + ax + ": a mask of shape "
                    + ShapeText.of(mask.shapeRef()) + " does not fit an array of shape " + ShapeText.of(a.shapeRef()));
        }
        Array m = Structure.rechunk(mask.astype(DType.BOOL), new int[][] {a.chunksRef()[ax]});
        int[][] chunks = Chunks.copy(a.chunksRef());
        Arrays.fill(chunks[ax], -1);
        String name = Layers.name("compress", a, m, ax);
        return Layers.layer(name, chunks, a.dtype(), List.of(a, m), (key, idx) -> new Task(key,
                args -> select((NDArray) args[0], (NDArray) args[1], ax),
                Layers.ref(a, idx), Layers.ref(m, new int[] {idx[ax]})));
    }

    static Array get(Array a, Array mask) {
        if (Arrays.equals(mask.shapeRef(), a.shapeRef()) && a.ndim() != 1) {
            return compress(a.reshape(-1), mask.reshape(-1), 0);
        }
        return compress(a, mask, 0);
    }

    static NDArray select(NDArray block, NDArray mask, int ax) {
        boolean[] keep = (boolean[]) mask.data();
        int count = 0;
        for (boolean k : keep) {
            count += k ? 1 : 0;
        }
        int[] chosen = new int[count];
        for (int i = 0, j = 0; i < keep.length; i++) {
            if (keep[i]) {
                chosen[j++] = i;
            }
        }
        int[][] index = new int[block.ndim()][];
        for (int d = 0; d < index.length; d++) {
            if (d == ax) {
                index[d] = chosen;
            } else {
                index[d] = new int[block.shapeRef()[d]];
                for (int i = 0; i < index[d].length; i++) {
                    index[d][i] = i;
                }
            }
        }
        return Blocks.take(block, index);
    }

    static boolean known(Array a) {
        for (int[] c : a.chunksRef()) {
            for (int x : c) {
                if (x < 0) {
                    return false;
                }
            }
        }
        return true;
    }

    static void requireKnown(Array a, String op) {
        if (!known(a)) {
            throw new IllegalStateException(op + " needs known chunk lengths, but " + a.name() + " has chunks "
                    + ShapeText.of(a.chunksRef()) + " after boolean selection; call computeChunkSizes() first");
        }
    }

    static Array computeChunkSizes(Array a) {
        if (known(a)) {
            return a;
        }
        int nd = a.ndim();
        String name = Layers.name("chunk-sizes", a);
        List<int[]> indices = Chunks.indices(Chunks.grid(a.chunksRef()));
        List<io.jdask.graph.Node> nodes = new java.util.ArrayList<>();
        List<Key> keys = new java.util.ArrayList<>();
        for (int[] idx : indices) {
            Key k = Key.of(name, idx);
            keys.add(k);
            nodes.add(new Task(k, args -> ((NDArray) args[0]).shape(), Layers.ref(a, idx)));
        }
        List<Object> shapes = io.jdask.Jdask.compute(new Results(Graph.of(nodes, List.of(a.graph())), keys))
                .get(0) instanceof List<?> l ? List.copyOf(l) : List.of();
        int[][] chunks = Chunks.copy(a.chunksRef());
        for (int i = 0; i < indices.size(); i++) {
            int[] idx = indices.get(i);
            int[] shape = (int[]) shapes.get(i);
            for (int d = 0; d < nd; d++) {
                chunks[d][idx[d]] = shape[d];
            }
        }
        return new Array(a.name(), a.graph(), chunks, a.dtype());
    }

    /** The raw results of some keys, as a list in key order. */
    private record Results(Graph graph, List<Key> keys) implements Lazy<List<Object>> {
        @Override
        public List<Object> assemble(List<Object> results) {
            return results;
        }

        @Override
        public Results rebuild(java.util.Map<Key, Object> results) {
            List<io.jdask.graph.Node> nodes = new java.util.ArrayList<>();
            for (Key k : keys) {
                nodes.add(new io.jdask.graph.Literal(k, results.get(k)));
            }
            return new Results(Graph.of(nodes, List.of()), keys);
        }
    }
}
