package io.jdask.array;

import io.jdask.Delayed;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import java.util.List;
import java.util.SplittableRandom;

/** Arrays made from local data, constants, ranges, random generators and delayed values. */
final class Creation {
    enum Distribution { UNIFORM, NORMAL, INTEGERS }

    private Creation() {}

    static Array fromNDArray(NDArray a, int[][] chunks) {
        String name = Layers.name("array", Tokens0.of(a), chunks);
        int[][] offsets = new int[chunks.length][];
        for (int d = 0; d < chunks.length; d++) {
            offsets[d] = Chunks.offsets(chunks[d]);
        }
        return Layers.layer(name, chunks, a.dtype(), List.of(), (key, idx) -> {
            int[] start = new int[idx.length];
            for (int d = 0; d < idx.length; d++) {
                start[d] = offsets[d][idx[d]];
            }
            return new Literal(key, Blocks.region(a, start, Chunks.blockShape(chunks, idx)));
        });
    }

    static Array full(DType dtype, double value, int[] shape, int[][] chunks) {
        String name = Layers.name(value == 0 ? "zeros" : value == 1 ? "ones" : "full", dtype, value, chunks);
        return Layers.layer(name, chunks, dtype, List.of(), (key, idx) -> {
            int[] bs = Chunks.blockShape(chunks, idx);
            return new Task(key, args -> NDArray.full(dtype, value, bs));
        });
    }

    static Array arange(double start, double stop, double step, int chunkSize) {
        if (step == 0) {
            throw new IllegalArgumentException("arange: step cannot be zero");
        }
        int n = (int) Math.max(0, Math.ceil((stop - start) / step));
        int[][] chunks = {Chunks.regular(n, chunkSize)};
        int[] off = Chunks.offsets(chunks[0]);
        String name = Layers.name("arange", start, stop, step, chunks);
        return Layers.layer(name, chunks, DType.F64, List.of(), (key, idx) -> {
            int from = off[idx[0]];
            int len = chunks[0][idx[0]];
            return new Task(key, args -> {
                double[] r = new double[len];
                for (int i = 0; i < len; i++) {
                    r[i] = start + (from + i) * step;
                }
                return NDArray.of(r);
            });
        });
    }

    static Array linspace(double start, double stop, int num, int chunkSize) {
        if (num < 0) {
            throw new IllegalArgumentException("linspace: number of samples " + num + " must be non-negative");
        }
        int[][] chunks = {Chunks.regular(num, chunkSize)};
        int[] off = Chunks.offsets(chunks[0]);
        double step = num > 1 ? (stop - start) / (num - 1) : 0;
        String name = Layers.name("linspace", start, stop, num, chunks);
        return Layers.layer(name, chunks, DType.F64, List.of(), (key, idx) -> {
            int from = off[idx[0]];
            int len = chunks[0][idx[0]];
            return new Task(key, args -> {
                double[] r = new double[len];
                for (int i = 0; i < len; i++) {
                    int k = from + i;
                    r[i] = k == num - 1 && num > 1 ? stop : start + k * step;
                }
                return NDArray.of(r);
            });
        });
    }

    static Array eye(int n, int chunkSize) {
        int[][] chunks = {Chunks.regular(n, chunkSize), Chunks.regular(n, chunkSize)};
        int[] off = Chunks.offsets(chunks[0]);
        String name = Layers.name("eye", n, chunks);
        return Layers.layer(name, chunks, DType.F64, List.of(), (key, idx) -> {
            int r0 = off[idx[0]];
            int c0 = off[idx[1]];
            int rows = chunks[0][idx[0]];
            int cols = chunks[1][idx[1]];
            return new Task(key, args -> {
                double[] r = new double[rows * cols];
                for (int i = 0; i < rows; i++) {
                    int j = r0 + i - c0;
                    if (j >= 0 && j < cols) {
                        r[i * cols + j] = 1;
                    }
                }
                return NDArray.of(r, rows, cols);
            });
        });
    }

    /** A block's generator seed: the user's seed mixed with the block's flat index. */
    static long blockSeed(long seed, int[] idx, int[] grid) {
        long flat = 0;
        for (int d = 0; d < idx.length; d++) {
            flat = flat * grid[d] + idx[d];
        }
        long z = seed + 0x9E3779B97F4A7C15L * (flat + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    static Array random(Distribution dist, int[] shape, int[][] chunks, long seed, double p, double q) {
        int[] grid = Chunks.grid(chunks);
        DType dtype = dist == Distribution.INTEGERS ? DType.I64 : DType.F64;
        String name = Layers.name("random-" + dist.name().toLowerCase(java.util.Locale.ROOT), seed, p, q, chunks);
        Array out = Layers.layer(name, chunks, dtype, List.of(), (key, idx) -> {
            int[] bs = Chunks.blockShape(chunks, idx);
            long s = blockSeed(seed, idx, grid);
            return new Task(key, args -> generate(dist, bs, s, p, q));
        });
        if (dist != Distribution.UNIFORM) {
            return out;
        }
        // reductions generate uniform blocks strip by strip instead of reading materialised blocks
        return new Array(out.name(), out.graph(), out.chunksRef(), out.dtype(), null, new Uniform.Blocks(seed, grid, chunks));
    }

    private static NDArray generate(Distribution dist, int[] shape, long seed, double p, double q) {
        int n = Layout.sizeInt(shape);
        SplittableRandom rng = new SplittableRandom(seed);
        switch (dist) {
            case UNIFORM -> {
                // the same values as rng.nextDouble() in a loop, vectorised
                return new NDArray(DType.F64, shape, Uniform.block(seed, n));
            }
            case NORMAL -> {
                double[] r = new double[n];
                for (int i = 0; i < n; i++) {
                    r[i] = p + q * rng.nextGaussian();
                }
                return new NDArray(DType.F64, shape, r);
            }
            default -> {
                long[] r = new long[n];
                long lo = (long) p;
                long hi = (long) q;
                for (int i = 0; i < n; i++) {
                    r[i] = rng.nextLong(lo, hi);
                }
                return new NDArray(DType.I64, shape, r);
            }
        }
    }

    static Array fromDelayed(Delayed<NDArray> value, int[] shape, DType dtype) {
        int[] s = shape.clone();
        int[][] chunks = new int[s.length][];
        for (int d = 0; d < s.length; d++) {
            chunks[d] = new int[] {s[d]};
        }
        String name = Layers.name("from-delayed", value.key().toString(), s, dtype);
        Key key = Key.of(name, new int[s.length]);
        Task t = new Task(key, args -> {
            NDArray a = (NDArray) args[0];
            if (!java.util.Arrays.equals(a.shapeRef(), s)) {
                throw new IllegalStateException("fromDelayed: the delayed value has shape " + ShapeText.of(a.shapeRef())
                        + ", the array was declared with shape " + ShapeText.of(s));
            }
            return a.astype(dtype);
        }, Arg.ref(value.key()));
        return new Array(name, Graph.of(List.of(t), List.of(value.graph())), chunks, dtype);
    }

    /** Explicit chunk lengths, or automatic chunks of {@code array.chunk-size} when none are given. */
    static int[][] chunksFor(int[] shape, DType dtype, int[] chunkSizes) {
        return chunkSizes.length == 0 ? Chunks.auto(shape, dtype) : Chunks.of(shape, chunkSizes);
    }
}
