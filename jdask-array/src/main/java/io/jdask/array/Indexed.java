package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Task;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dask's general {@code blockwise} with index notation: every input dimension is named by a
 * letter; blocks are matched by letter, and letters missing from the output are contracted (the
 * function receives the blocks along them as lists, like Dask's {@code concatenate=False}).
 */
final class Indexed {
    private Indexed() {}

    static Array blockwise(BlocksFunction fn, DType outType, int[][] outChunks, String outIndex, Object[] pairs) {
        if (pairs.length == 0 || pairs.length % 2 != 0) {
            throw new IllegalArgumentException("blockwise: expected (array, index) pairs after the output index, got "
                    + pairs.length + " arguments");
        }
        int n = pairs.length / 2;
        List<Array> arrays = new ArrayList<>(n);
        List<String> indices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (!(pairs[2 * i] instanceof Array a) || !(pairs[2 * i + 1] instanceof String ix)) {
                throw new IllegalArgumentException("blockwise: argument " + (2 * i) + " must be an Array followed by its index string");
            }
            Masks.requireKnown(a, "blockwise");
            requireDistinct(ix, "the index of argument " + i);
            if (ix.length() != a.ndim()) {
                throw new IllegalArgumentException("blockwise: index '" + ix + "' of argument " + i + " names "
                        + ix.length() + " dimensions but the array " + ShapeText.of(a.shapeRef()) + " has " + a.ndim());
            }
            arrays.add(a);
            indices.add(ix);
        }
        requireDistinct(outIndex, "the output index");
        // per letter: its chunks, and which argument fixed them
        Map<Character, int[]> letterChunks = new LinkedHashMap<>();
        Map<Character, Integer> letterSource = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String ix = indices.get(i);
            for (int d = 0; d < ix.length(); d++) {
                char c = ix.charAt(d);
                int[] ch = arrays.get(i).chunksRef()[d];
                int[] seen = letterChunks.putIfAbsent(c, ch);
                if (seen == null) {
                    letterSource.put(c, i);
                } else if (!Arrays.equals(seen, ch)) {
                    int j = letterSource.get(c);
                    throw new IllegalArgumentException("blockwise: chunks along index '" + c + "' differ: argument " + j + " ("
                            + arrays.get(j).name() + ") has chunks " + ShapeText.of(arrays.get(j).chunksRef()) + " with "
                            + ShapeText.of(seen) + " along '" + c + "', argument " + i + " (" + arrays.get(i).name()
                            + ") has chunks " + ShapeText.of(arrays.get(i).chunksRef()) + " with " + ShapeText.of(ch)
                            + " along '" + c + "'; rechunk one of them");
                }
            }
        }
        int[][] derived = new int[outIndex.length()][];
        for (int d = 0; d < derived.length; d++) {
            int[] ch = letterChunks.get(outIndex.charAt(d));
            if (ch == null) {
                throw new IllegalArgumentException("blockwise: output index letter '" + outIndex.charAt(d)
                        + "' names no input dimension (new axes are not supported)");
            }
            derived[d] = ch.clone();
        }
        int[][] chunks = outChunks == null ? derived : Chunks.copy(outChunks);
        if (!Arrays.equals(Chunks.grid(chunks), Chunks.grid(derived))) {
            throw new IllegalArgumentException("blockwise: output chunks " + ShapeText.of(chunks)
                    + " need the same number of blocks per dimension as the inputs give: " + ShapeText.of(derived));
        }
        DType out = outType;
        if (out == null) {
            out = arrays.get(0).dtype();
            for (Array a : arrays) {
                out = DType.promote(out, a.dtype());
            }
        }
        List<Character> contracted = new ArrayList<>();
        for (char c : letterChunks.keySet()) {
            if (outIndex.indexOf(c) < 0) {
                contracted.add(c);
            }
        }
        Object[] parts = new Object[2 * n + 4];
        parts[0] = Tokens.functionToken(fn);
        parts[1] = out;
        parts[2] = chunks;
        parts[3] = outIndex;
        for (int i = 0; i < n; i++) {
            parts[4 + 2 * i] = arrays.get(i);
            parts[5 + 2 * i] = indices.get(i);
        }
        String name = Layers.name("blockwise", parts);
        DType outT = out;
        return Layers.layer(name, chunks, out, arrays, (key, idx) -> {
            Map<Character, Integer> at = new LinkedHashMap<>();
            for (int d = 0; d < idx.length; d++) {
                at.put(outIndex.charAt(d), idx[d]);
            }
            Arg[] args = new Arg[n];
            for (int i = 0; i < n; i++) {
                String ix = indices.get(i);
                List<Character> own = new ArrayList<>();
                for (char c : ix.toCharArray()) {
                    if (contracted.contains(c)) {
                        own.add(c);
                    }
                }
                args[i] = arg(arrays.get(i), ix, own, 0, new LinkedHashMap<>(at), letterChunks);
            }
            int[] expected = Chunks.blockShape(chunks, idx);
            return new Task(key, values -> {
                NDArray r = fn.apply(Arrays.asList(values));
                if (r == null || !Arrays.equals(r.shapeRef(), expected)) {
                    throw new IllegalStateException("blockwise: the function returned a block of shape "
                            + (r == null ? "null" : ShapeText.of(r.shapeRef())) + " where " + ShapeText.of(expected) + " was expected");
                }
                return r.astype(outT);
            }, args);
        });
    }

    /** The argument of one input: its block, or nested lists of blocks along its contracted letters. */
    private static Arg arg(Array a, String ix, List<Character> own, int level, Map<Character, Integer> at,
            Map<Character, int[]> letterChunks) {
        if (level == own.size()) {
            int[] bi = new int[ix.length()];
            for (int d = 0; d < bi.length; d++) {
                bi[d] = at.get(ix.charAt(d));
            }
            return Layers.ref(a, bi);
        }
        char c = own.get(level);
        int count = letterChunks.get(c).length;
        List<Arg> items = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            at.put(c, k);
            items.add(arg(a, ix, own, level + 1, at, letterChunks));
        }
        at.remove(c);
        return Arg.many(items);
    }

    private static void requireDistinct(String index, String what) {
        for (int i = 0; i < index.length(); i++) {
            if (index.indexOf(index.charAt(i), i + 1) >= 0) {
                throw new IllegalArgumentException("blockwise: letter '" + index.charAt(i) + "' repeats in " + what + " '" + index + "'");
            }
        }
    }
}
