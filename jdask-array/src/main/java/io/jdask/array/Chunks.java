package io.jdask.array;

import io.jdask.config.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Chunk arithmetic: normalising chunk specs, block offsets, block grids. */
final class Chunks {
    static final String CHUNK_SIZE_KEY = "array.chunk-size";

    private Chunks() {}

    /** Splits {@code n} into chunks of {@code size} (the last one shorter); {@code size <= 0} means one chunk. */
    static int[] regular(int n, int size) {
        if (size <= 0 || size >= n) {
            return new int[] {n};
        }
        int k = (n + size - 1) / size;
        int[] r = new int[k];
        Arrays.fill(r, size);
        r[k - 1] = n - size * (k - 1);
        return r;
    }

    /** Per dimension, a chunk size (-1: the whole dimension). */
    static int[][] of(int[] shape, int[] sizes) {
        if (sizes.length != shape.length) {
            throw new IllegalArgumentException("chunks " + Arrays.toString(sizes) + " do not match shape "
                    + ShapeText.of(shape));
        }
        int[][] r = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            r[d] = regular(shape[d], sizes[d]);
        }
        return r;
    }

    /** Chunks of about {@code array.chunk-size} bytes, as square as the shape allows (like Dask's "auto"). */
    static int[][] auto(int[] shape, DType dtype) {
        long target = Math.max(dtype.itemSize(), Config.getBytes(CHUNK_SIZE_KEY));
        long elements = Math.max(1, target / dtype.itemSize());
        int nd = shape.length;
        int[] sizes = new int[nd];
        if (nd == 0) {
            return new int[0][];
        }
        double side = Math.pow(elements, 1.0 / nd);
        long budget = elements;
        int free = nd;
        // dimensions smaller than the side length are taken whole; the rest share what is left
        boolean[] whole = new boolean[nd];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < nd; d++) {
                if (!whole[d] && shape[d] <= side) {
                    whole[d] = true;
                    budget /= Math.max(1, shape[d]);
                    free--;
                    changed = true;
                }
            }
            side = free == 0 ? 0 : Math.pow(Math.max(1, budget), 1.0 / free);
        }
        for (int d = 0; d < nd; d++) {
            sizes[d] = whole[d] ? -1 : (int) Math.max(1, Math.floor(side));
        }
        return of(shape, sizes);
    }

    static int[][] copy(int[][] chunks) {
        int[][] r = new int[chunks.length][];
        for (int d = 0; d < chunks.length; d++) {
            r[d] = chunks[d].clone();
        }
        return r;
    }

    /** Checks explicit chunks against a shape. */
    static int[][] check(int[] shape, int[][] chunks) {
        if (chunks.length != shape.length) {
            throw new IllegalArgumentException("chunks " + ShapeText.of(chunks) + " do not match shape "
                    + ShapeText.of(shape));
        }
        for (int d = 0; d < shape.length; d++) {
            long sum = 0;
            for (int c : chunks[d]) {
                if (c < 0) {
                    throw new IllegalArgumentException("negative chunk in " + ShapeText.of(chunks));
                }
                sum += c;
            }
            if (sum != shape[d] || chunks[d].length == 0) {
                throw new IllegalArgumentException("chunks " + ShapeText.of(chunks[d]) + " of dimension " + d
                        + " do not add up to its length " + shape[d]);
            }
        }
        return copy(chunks);
    }

    /** @return the total length per dimension; -1 where a chunk length is unknown */
    static int[] shapeOf(int[][] chunks) {
        int[] s = new int[chunks.length];
        for (int d = 0; d < chunks.length; d++) {
            for (int c : chunks[d]) {
                if (c < 0) {
                    s[d] = -1;
                    break;
                }
                s[d] += c;
            }
        }
        return s;
    }

    static int[] offsets(int[] dimChunks) {
        int[] o = new int[dimChunks.length + 1];
        for (int i = 0; i < dimChunks.length; i++) {
            o[i + 1] = o[i] + dimChunks[i];
        }
        return o;
    }

    static int[] grid(int[][] chunks) {
        int[] g = new int[chunks.length];
        for (int d = 0; d < chunks.length; d++) {
            g[d] = chunks[d].length;
        }
        return g;
    }

    static int[] blockShape(int[][] chunks, int[] index) {
        int[] s = new int[chunks.length];
        for (int d = 0; d < chunks.length; d++) {
            s[d] = chunks[d][index[d]];
        }
        return s;
    }

    /** @return every block index of a grid, row-major */
    static List<int[]> indices(int[] grid) {
        long n = Layout.size(grid);
        List<int[]> r = new ArrayList<>((int) n);
        if (n == 0) {
            return r;
        }
        int[] idx = new int[grid.length];
        for (long k = 0; k < n; k++) {
            r.add(idx.clone());
            for (int d = grid.length - 1; d >= 0; d--) {
                if (++idx[d] < grid[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return r;
    }

    /** The common refinement of two chunkings of one dimension: every boundary of both. */
    static int[] refine(int[] a, int[] b) {
        int[] oa = offsets(a);
        int[] ob = offsets(b);
        java.util.TreeSet<Integer> cuts = new java.util.TreeSet<>();
        for (int x : oa) {
            cuts.add(x);
        }
        for (int x : ob) {
            cuts.add(x);
        }
        List<Integer> c = new ArrayList<>(cuts);
        if (c.size() == 1) {
            return new int[] {0};
        }
        int[] r = new int[c.size() - 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = c.get(i + 1) - c.get(i);
        }
        return r;
    }
}
