package io.jdask.array;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Transpose, rechunk and reshape of chunked arrays. */
final class Structure {
    private Structure() {}

    static Array transpose(Array a, int[] axes) {
        Shapes.checkPermutation(axes, a.ndim());
        int[][] chunks = new int[axes.length][];
        boolean identity = true;
        for (int i = 0; i < axes.length; i++) {
            chunks[i] = a.chunksRef()[axes[i]].clone();
            identity &= axes[i] == i;
        }
        if (identity) {
            return a;
        }
        int[] perm = axes.clone();
        String name = Layers.name("transpose", a, perm);
        Array t = Layers.layer(name, chunks, a.dtype(), List.of(a), (key, idx) -> {
            int[] src = new int[idx.length];
            for (int i = 0; i < idx.length; i++) {
                src[perm[i]] = idx[i];
            }
            return new Task(key, args -> ((NDArray) args[0]).transpose(perm), Layers.ref(a, src));
        });
        return a.ndim() == 2 ? new Array(t.name(), t.graph(), t.chunksRef(), t.dtype(), a) : t;
    }

    static Array rechunk(Array a, int[][] target) {
        Masks.requireKnown(a, "rechunk");
        if (Arrays.deepEquals(a.chunksRef(), target)) {
            return a;
        }
        int nd = target.length;
        int[][] inOff = new int[nd][];
        int[][] outOff = new int[nd][];
        for (int d = 0; d < nd; d++) {
            inOff[d] = Chunks.offsets(a.chunksRef()[d]);
            outOff[d] = Chunks.offsets(target[d]);
        }
        int[][] t = Chunks.copy(target);
        String name = Layers.name("rechunk", a, t);
        return Layers.layer(name, t, a.dtype(), List.of(a), (key, idx) -> {
            int[] first = new int[nd];
            int[] count = new int[nd];
            int[] start = new int[nd];
            int[] bs = Chunks.blockShape(t, idx);
            for (int d = 0; d < nd; d++) {
                int lo = outOff[d][idx[d]];
                int hi = lo + bs[d];
                int f = Math.max(0, upperBlock(inOff[d], lo));
                int l = bs[d] == 0 ? f : Math.max(f, upperBlock(inOff[d], hi - 1));
                first[d] = f;
                count[d] = l - f + 1;
                start[d] = lo - inOff[d][f];
            }
            if (Layout.size(count) == 1 && Arrays.equals(bs, Chunks.blockShape(a.chunksRef(), first))) {
                return new Alias(key, Key.of(a.name(), first));
            }
            List<Arg> refs = new ArrayList<>();
            for (int[] g : Chunks.indices(count)) {
                int[] src = new int[nd];
                for (int d = 0; d < nd; d++) {
                    src[d] = first[d] + g[d];
                }
                refs.add(Layers.ref(a, src));
            }
            return new Task(key, args -> {
                List<NDArray> blocks = new ArrayList<>();
                for (Object o : (List<?>) args[0]) {
                    blocks.add((NDArray) o);
                }
                return Blocks.region(Blocks.concatGrid(blocks, count), start, bs);
            }, Arg.many(refs));
        });
    }

    /** @return the block whose range holds {@code pos}: the last {@code i} with {@code offsets[i] <= pos} among non-empty ones */
    private static int upperBlock(int[] offsets, int pos) {
        int lo = 0;
        int hi = offsets.length - 2;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (offsets[mid] <= pos) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (lo > 0 && offsets[lo + 1] - offsets[lo] == 0 && offsets[lo] >= pos) {
            lo--;
        }
        return lo;
    }

    /**
     * Reshape: the input is rechunked along its first axis only (other axes whole), the output along
     * its first axis only, with block boundaries at common multiples of both row sizes, so each
     * output block is one input block with a new shape.
     */
    static Array reshape(Array a, int[] newShape) {
        Masks.requireKnown(a, "reshape");
        if (Arrays.equals(a.shapeRef(), newShape)) {
            return a;
        }
        long size = Layout.size(newShape);
        if (a.ndim() == 0 || newShape.length == 0 || size == 0) {
            Array one = rechunk(a, whole(a.shapeRef()));
            return single(one, newShape);
        }
        long rowIn = Layout.size(a.shapeRef()) / Math.max(1, a.shapeRef()[0]);
        long rowOut = size / Math.max(1, newShape[0]);
        long unit = lcm(Math.max(1, rowIn), Math.max(1, rowOut));
        long rowsPerBlock0 = a.chunksRef()[0].length == 0 ? 1 : Arrays.stream(a.chunksRef()[0]).max().orElse(1);
        long target = Math.max(unit, (rowsPerBlock0 * rowIn) / unit * unit);
        long total = size;
        int blocks = (int) Math.max(1, (total + target - 1) / target);
        int[] inRows = new int[blocks];
        int[] outRows = new int[blocks];
        for (int b = 0; b < blocks; b++) {
            long len = Math.min(target, total - (long) b * target);
            inRows[b] = (int) (len / rowIn);
            outRows[b] = (int) (len / rowOut);
        }
        int[][] inChunks = whole(a.shapeRef());
        inChunks[0] = inRows;
        Array src = rechunk(a, inChunks);
        int[][] outChunks = whole(newShape);
        outChunks[0] = outRows;
        String name = Layers.name("reshape", src, newShape);
        int[] ns = newShape.clone();
        return Layers.layer(name, outChunks, a.dtype(), List.of(src), (key, idx) -> {
            int[] bs = Chunks.blockShape(outChunks, idx);
            int[] srcIdx = new int[src.ndim()];
            srcIdx[0] = idx[0];
            return new Task(key, args -> ((NDArray) args[0]).reshape(bs), Layers.ref(src, srcIdx));
        });
    }

    private static Array single(Array one, int[] newShape) {
        int[][] outChunks = whole(newShape);
        String name = Layers.name("reshape", one, newShape);
        int[] ns = newShape.clone();
        return Layers.layer(name, outChunks, one.dtype(), List.of(one),
                (key, idx) -> new Task(key, args -> ((NDArray) args[0]).reshape(ns), Layers.ref(one, new int[one.ndim()])));
    }

    private static int[][] whole(int[] shape) {
        int[][] c = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            c[d] = new int[] {shape[d]};
        }
        return c;
    }

    private static long lcm(long a, long b) {
        long x = a;
        long y = b;
        while (y != 0) {
            long t = x % y;
            x = y;
            y = t;
        }
        return a / x * b;
    }

    /** @return the permutation reversing {@code ndim} axes */
    static int[] reversedAxes(int ndim) {
        int[] perm = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            perm[i] = ndim - 1 - i;
        }
        return perm;
    }

    /** @return the identity permutation with axes {@code a} and {@code b} swapped */
    static int[] swappedAxes(int ndim, int a, int b) {
        int[] perm = new int[ndim];
        for (int i = 0; i < ndim; i++) {
            perm[i] = i;
        }
        int x = Shapes.normalizeAxis(a, ndim);
        int y = Shapes.normalizeAxis(b, ndim);
        perm[x] = y;
        perm[y] = x;
        return perm;
    }
}
