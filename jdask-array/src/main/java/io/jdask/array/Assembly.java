package io.jdask.array;

import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The collection side of {@link Array}: its keys, joining computed blocks, rebuilding from results, its summary. */
final class Assembly {
    private Assembly() {}

    static List<Key> keys(String name, int[][] chunks) {
        List<int[]> idx = Chunks.indices(Chunks.grid(chunks));
        List<Key> keys = new ArrayList<>(idx.size());
        for (int[] i : idx) {
            keys.add(Key.of(name, i));
        }
        return keys;
    }

    static NDArray assemble(List<Object> results, int[][] chunks, DType dtype) {
        List<NDArray> blocks = new ArrayList<>(results.size());
        for (Object r : results) {
            blocks.add((NDArray) r);
        }
        if (blocks.isEmpty()) {
            return NDArray.zeros(dtype, Chunks.shapeOf(chunks));
        }
        return Blocks.concatGrid(blocks, Chunks.grid(chunks)).astype(dtype);
    }

    static Array rebuild(Array a, Map<Key, Object> results) {
        List<Node> nodes = new ArrayList<>();
        for (Key k : a.keys()) {
            if (!results.containsKey(k)) {
                throw new IllegalArgumentException("no result for " + k + " to rebuild from");
            }
            nodes.add(new Literal(k, results.get(k)));
        }
        return new Array(a.name(), Graph.of(nodes, List.of()), a.chunksRef(), a.dtype());
    }

    static String describe(Array a) {
        int tasks = a.graph().materialize().size();
        long nbytes = a.nbytes();
        return "jdask.Array<" + Key.prefixOf(a.name()) + ", shape=" + ShapeText.of(a.shapeRef()) + ", dtype="
                + a.dtype().numpyName() + ", chunksize=" + ShapeText.of(maxChunk(a.chunksRef())) + ", chunks="
                + ShapeText.of(a.chunksRef()) + ", tasks=" + tasks + ", bytes=" + (nbytes < 0 ? "nan" : Long.toString(nbytes)) + ">";
    }

    private static int[] maxChunk(int[][] chunks) {
        int[] m = new int[chunks.length];
        for (int d = 0; d < chunks.length; d++) {
            for (int c : chunks[d]) {
                m[d] = Math.max(m[d], c);
            }
        }
        return m;
    }
}
