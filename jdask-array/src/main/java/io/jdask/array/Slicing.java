package io.jdask.array;

import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Selection with ranges, steps, single indices and index lists. Per dimension the selected
 * positions are split into runs that fall in one input block; each output block reads one input block.
 */
final class Slicing {
    private Slicing() {}

    /** Per dimension: the output chunks, and for each output chunk its input block and local positions. */
    private record Plan(int[] chunks, int[] block, int[][] local) {}

    static Array get(Array a, Slice... slices) {
        Masks.requireKnown(a, "slicing");
        int nd = a.ndim();
        if (slices.length > nd) {
            throw new IllegalArgumentException("too many indices: " + slices.length + " for an array of shape "
                    + ShapeText.of(a.shapeRef()));
        }
        Plan[] plans = new Plan[nd];
        boolean[] drop = new boolean[nd];
        for (int d = 0; d < nd; d++) {
            Slice s = d < slices.length ? slices[d] : Slice.all();
            drop[d] = s instanceof Slice.Index;
            plans[d] = plan(positions(s, a.shapeRef()[d], d), a.chunksRef()[d]);
        }
        int[][] inner = new int[nd][];
        for (int d = 0; d < nd; d++) {
            inner[d] = plans[d].chunks();
        }
        String name = Layers.name("getitem", a, java.util.Arrays.deepToString(slicesText(slices)));
        Array selected = Layers.layer(name, inner, a.dtype(), List.of(a), (key, idx) -> {
            int[] src = new int[nd];
            int[][] local = new int[nd][];
            for (int d = 0; d < nd; d++) {
                src[d] = plans[d].block()[idx[d]];
                local[d] = plans[d].local()[idx[d]];
            }
            return new Task(key, args -> Blocks.take((NDArray) args[0], local), Layers.ref(a, src));
        });
        boolean any = false;
        for (boolean b : drop) {
            any |= b;
        }
        if (!any) {
            return selected;
        }
        List<Integer> keptDims = new ArrayList<>();
        for (int d = 0; d < nd; d++) {
            if (!drop[d]) {
                keptDims.add(d);
            }
        }
        int[][] outChunks = new int[keptDims.size()][];
        for (int i = 0; i < outChunks.length; i++) {
            outChunks[i] = inner[keptDims.get(i)];
        }
        String dname = Layers.name("squeeze", selected);
        return Layers.layer(dname, outChunks, a.dtype(), List.of(selected), (key, idx) -> {
            int[] src = new int[nd];
            for (int i = 0; i < idx.length; i++) {
                src[keptDims.get(i)] = idx[i];
            }
            int[] bs = Chunks.blockShape(outChunks, idx);
            return new Task(key, args -> ((NDArray) args[0]).reshape(bs), Layers.ref(selected, src));
        });
    }

    private static String[] slicesText(Slice[] slices) {
        String[] r = new String[slices.length];
        for (int i = 0; i < slices.length; i++) {
            r[i] = slices[i] instanceof Slice.Indices ix ? "idx" + java.util.Arrays.toString(ix.positions()) : slices[i].toString();
        }
        return r;
    }

    static int[] positions(Slice s, int n, int dim) {
        return switch (s) {
            case Slice.Index i -> new int[] {check(i.index(), n, dim)};
            case Slice.Indices ix -> {
                int[] r = new int[ix.positions().length];
                for (int k = 0; k < r.length; k++) {
                    r[k] = check(ix.positions()[k], n, dim);
                }
                yield r;
            }
            case Slice.Range r -> {
                int step = r.step();
                int start;
                int stop;
                if (step > 0) {
                    start = clamp(r.start() < 0 ? r.start() + n : r.start(), 0, n);
                    stop = clamp(r.stop() < 0 ? r.stop() + n : r.stop(), 0, n);
                } else {
                    start = clamp(r.start() == Integer.MAX_VALUE ? n - 1 : r.start() < 0 ? r.start() + n : r.start(), -1, n - 1);
                    stop = r.stop() == Integer.MIN_VALUE ? -1 : clamp(r.stop() < 0 ? r.stop() + n : r.stop(), -1, n - 1);
                }
                int count = step > 0 ? Math.max(0, (stop - start + step - 1) / step) : Math.max(0, (start - stop - step - 1) / -step);
                int[] p = new int[count];
                for (int k = 0; k < count; k++) {
                    p[k] = start + k * step;
                }
                yield p;
            }
        };
    }

    private static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static int check(int i, int n, int dim) {
        int r = i < 0 ? i + n : i;
        if (r < 0 || r >= n) {
            throw new IndexOutOfBoundsException("index " + i + " is out of bounds for axis " + dim + " with size " + n);
        }
        return r;
    }

    private static Plan plan(int[] pos, int[] chunks) {
        int[] off = Chunks.offsets(chunks);
        List<Integer> outChunks = new ArrayList<>();
        List<Integer> blocks = new ArrayList<>();
        List<int[]> locals = new ArrayList<>();
        int k = 0;
        while (k < pos.length) {
            int b = blockOf(off, pos[k]);
            int end = k;
            while (end < pos.length && pos[end] >= off[b] && pos[end] < off[b + 1]) {
                end++;
            }
            int[] local = new int[end - k];
            for (int i = k; i < end; i++) {
                local[i - k] = pos[i] - off[b];
            }
            outChunks.add(end - k);
            blocks.add(b);
            locals.add(local);
            k = end;
        }
        if (pos.length == 0) {
            outChunks.add(0);
            blocks.add(0);
            locals.add(new int[0]);
        }
        int[] c = outChunks.stream().mapToInt(Integer::intValue).toArray();
        int[] bl = blocks.stream().mapToInt(Integer::intValue).toArray();
        return new Plan(c, bl, locals.toArray(new int[0][]));
    }

    private static int blockOf(int[] off, int p) {
        for (int b = 0; b < off.length - 1; b++) {
            if (p >= off[b] && p < off[b + 1]) {
                return b;
            }
        }
        throw new IllegalStateException("position " + p + " outside the chunks");
    }
}
