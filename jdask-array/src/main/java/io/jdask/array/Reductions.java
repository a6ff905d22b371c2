package io.jdask.array;

import io.jdask.config.Config;
import io.jdask.graph.Arg;
import io.jdask.graph.Task;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reductions as a tree: each block is reduced to a partial state (arrays with the reduced axes
 * kept at length 1), groups of {@code array.split-every} partials along the reduced axes are
 * joined and combined again until one remains per output block, and a final step turns the state
 * into the result and drops the reduced axes.
 */
final class Reductions {
    static final String SPLIT_EVERY_KEY = "array.split-every";

    private Reductions() {}

    /** How a reduction makes, combines and finishes its partial states. */
    interface Plan extends Serializable {
        NDArray[] chunk(NDArray block, int[] axes, int[] blockOffset);

        NDArray[] combine(NDArray[] joined, int[] axes);

        NDArray finish(NDArray[] state);

        /**
         * @return whether the chunk state depends on the block only through its plain sum over the
         *     reduced axes and the number of elements summed (sum, mean): then {@code x +- y.T}
         *     reduces without transposed access, see {@link Transposed}
         */
        default boolean linear() {
            return false;
        }

        /**
         * @param total the block's sum over the reduced axes, dimensions kept
         * @param perValue how many elements were summed into each value of {@code total}
         * @return the chunk state, for plans that are {@link #linear()}
         */
        default NDArray[] linearChunk(NDArray total, long perValue) {
            throw new UnsupportedOperationException("not a linear reduction");
        }
    }

    static Array simple(Array a, ReduceOp op, int[] axes) {
        DType out = op.resultType(a.dtype());
        return tree(a, op.name().toLowerCase(java.util.Locale.ROOT), axes, out, new Plan() {
            @Override
            public NDArray[] chunk(NDArray block, int[] ax, int[] off) {
                return new NDArray[] {Reduce.reduce(op, block, ax)};
            }

            @Override
            public NDArray[] combine(NDArray[] joined, int[] ax) {
                return new NDArray[] {Reduce.reduce(op.combiner(), joined[0], ax)};
            }

            @Override
            public boolean linear() {
                return op == ReduceOp.SUM;
            }

            @Override
            public NDArray[] linearChunk(NDArray total, long perValue) {
                return new NDArray[] {total};
            }

            @Override
            public NDArray finish(NDArray[] s) {
                return s[0].astype(out);
            }
        });
    }

    static Array mean(Array a, boolean skipNan, int[] axes) {
        DType out = a.dtype() == DType.F32 || a.dtype() == DType.F16 ? a.dtype() : DType.F64;
        ReduceOp sum = skipNan ? ReduceOp.NANSUM : ReduceOp.SUM;
        return tree(a, skipNan ? "nanmean" : "mean", axes, out, new Plan() {
            @Override
            public NDArray[] chunk(NDArray block, int[] ax, int[] off) {
                NDArray b = block.dtype().isFloat() ? block.astype(DType.F64) : block;
                NDArray total = Reduce.reduce(sum, b.astype(DType.F64), ax);
                NDArray count = skipNan ? Reduce.reduce(ReduceOp.COUNT, b, ax)
                        : NDArray.full(DType.I64, (double) b.size() / Math.max(1, total.size()), total.shapeRef());
                return new NDArray[] {total, count};
            }

            @Override
            public boolean linear() {
                return !skipNan;
            }

            @Override
            public NDArray[] linearChunk(NDArray total, long perValue) {
                return new NDArray[] {total, NDArray.full(DType.I64, (double) perValue, total.shapeRef())};
            }

            @Override
            public NDArray[] combine(NDArray[] j, int[] ax) {
                return new NDArray[] {Reduce.reduce(ReduceOp.SUM, j[0], ax), Reduce.reduce(ReduceOp.SUM, j[1], ax)};
            }

            @Override
            public NDArray finish(NDArray[] s) {
                return Elementwise.binary(BinaryOp.DIVIDE, s[0], s[1].astype(DType.F64)).astype(out);
            }
        });
    }

    static Array moment(Array a, boolean skipNan, int ddof, boolean sqrt, int[] axes) {
        DType out = a.dtype() == DType.F32 || a.dtype() == DType.F16 ? a.dtype() : DType.F64;
        return tree(a, (skipNan ? "nan" : "") + (sqrt ? "std" : "var"), axes, out, new Plan() {
            @Override
            public NDArray[] chunk(NDArray block, int[] ax, int[] off) {
                return Reduce.moments(block, ax, skipNan);
            }

            @Override
            public NDArray[] combine(NDArray[] j, int[] ax) {
                NDArray n = Reduce.reduce(ReduceOp.SUM, j[0], ax);
                NDArray weighted = Elementwise.binary(BinaryOp.MULTIPLY, j[0], j[1]);
                NDArray mean = Elementwise.binary(BinaryOp.DIVIDE, Reduce.reduce(ReduceOp.NANSUM, weighted, ax), n);
                NDArray dev = Elementwise.binary(BinaryOp.SUBTRACT, j[1], mean);
                NDArray spread = Elementwise.binary(BinaryOp.MULTIPLY, j[0],
                        Elementwise.binary(BinaryOp.MULTIPLY, dev, dev));
                NDArray m2 = Elementwise.binary(BinaryOp.ADD, Reduce.reduce(ReduceOp.NANSUM, j[2], ax),
                        Reduce.reduce(ReduceOp.NANSUM, spread, ax));
                return new NDArray[] {n, mean, m2};
            }

            @Override
            public NDArray finish(NDArray[] s) {
                NDArray denom = Elementwise.binary(BinaryOp.SUBTRACT, s[0], NDArray.scalar(ddof));
                NDArray v = Elementwise.binary(BinaryOp.DIVIDE, s[2], Elementwise.binary(BinaryOp.MAXIMUM, denom,
                        NDArray.scalar(0)));
                return (sqrt ? Elementwise.unary(UnaryOp.SQRT, v) : v).astype(out);
            }
        });
    }

    static Array arg(Array a, int axis, boolean max, boolean skipNan) {
        int ax = Shapes.normalizeAxis(axis, a.ndim());
        Masks.requireKnown(a, "argmin/argmax");
        String what = (skipNan ? "nan" : "") + (max ? "argmax" : "argmin");
        return tree(a, what, new int[] {ax}, DType.I64, new Plan() {
            @Override
            public NDArray[] chunk(NDArray block, int[] axs, int[] off) {
                return Reduce.arg(block, ax, max, skipNan, off[ax]);
            }

            @Override
            public NDArray[] combine(NDArray[] j, int[] axs) {
                NDArray[] local = Reduce.arg(j[1], ax, max, skipNan, 0);
                long[] pos = (long[]) local[0].data();
                long[] idx = (long[]) j[0].data();
                int[] shape = j[0].shapeRef();
                int n = shape[ax];
                int inner = 1;
                for (int d = ax + 1; d < shape.length; d++) {
                    inner *= shape[d];
                }
                long[] r = new long[pos.length];
                for (int k = 0; k < pos.length; k++) {
                    int o = k / inner;
                    int i = k % inner;
                    r[k] = pos[k] < 0 ? -1 : idx[(o * n + (int) pos[k]) * inner + i];
                }
                return new NDArray[] {new NDArray(DType.I64, local[0].shape(), r), local[1]};
            }

            @Override
            public NDArray finish(NDArray[] s) {
                for (long v : (long[]) s[0].data()) {
                    if (v < 0) {
                        throw new IllegalArgumentException("All-NaN slice encountered in " + what);
                    }
                }
                return s[0];
            }
        });
    }

    static Array tree(Array a, String prefix, int[] axesIn, DType out, Plan plan) {
        int[] axes = Shapes.normalizeAxes(axesIn, a.ndim());
        int nd = a.ndim();
        int splitEvery = Math.max(2, Config.getInt(SPLIT_EVERY_KEY));
        int[][] inOff = new int[nd][];
        for (int d = 0; d < nd; d++) {
            inOff[d] = Chunks.offsets(a.chunksRef()[d]);
        }
        int[] grid = Chunks.grid(a.chunksRef());
        // partial layer: same grid as the input, reduced dims of length 1 per block
        int[][] stateChunks = Chunks.copy(a.chunksRef());
        for (int ax : axes) {
            Arrays.fill(stateChunks[ax], 1);
        }
        String name = Layers.name(prefix + "-chunk", a, axes);
        Fusion fusion = a.fusion();
        Array level;
        if (fusion instanceof Transposed.Source src && axes.length > 0 && Transposed.selfLinearApplies(src, plan)) {
            level = Transposed.selfLinear(src, plan, axes, name, stateChunks);
        } else if (fusion instanceof Transposed.Source src) {
            BinaryOp op = src.op();
            level = Layers.layer(name, stateChunks, DType.F64, List.of(src.x(), src.s()), (key, idx) -> {
                int[] off = offsets(inOff, idx);
                return new Task(key, args -> Transposed.reduce(op, (NDArray) args[0], (NDArray) args[1], plan, axes, off),
                        Layers.ref(src.x(), idx), Layers.ref(src.s(), new int[] {idx[1], idx[0]}));
            });
        } else if (fusion instanceof Uniform.Blocks gen && nd > 0) {
            // generated strip by strip inside the reduction: the random blocks are never materialised
            level = Layers.layer(name, stateChunks, DType.F64, List.of(), (key, idx) -> {
                int[] off = offsets(inOff, idx);
                int[] shape = Chunks.blockShape(gen.chunks(), idx);
                int stripRows = Strips.rowsPer(shape, Strips.TARGET);
                return new Task(key, args -> Strips.reduce(Strips.generated(gen, idx), shape[0], stripRows, plan, axes, off));
            });
        } else {
            level = Layers.layer(name, stateChunks, DType.F64, List.of(a), (key, idx) -> {
                int[] off = offsets(inOff, idx);
                return new Task(key, args -> plan.chunk((NDArray) args[0], axes, off), Layers.ref(a, idx));
            });
        }
        int[] g = grid.clone();
        int round = 0;
        while (needsCombine(g, axes)) {
            int[] ng = g.clone();
            for (int ax : axes) {
                ng[ax] = (g[ax] + splitEvery - 1) / splitEvery;
            }
            int[][] cs = Chunks.copy(level.chunksRef());
            for (int ax : axes) {
                cs[ax] = new int[ng[ax]];
                Arrays.fill(cs[ax], 1);
            }
            Array prev = level;
            int[] pg = g;
            String cname = Layers.name(prefix + "-combine", prev, round++);
            level = Layers.layer(cname, cs, DType.F64, List.of(prev), (key, idx) -> {
                int[] first = idx.clone();
                int[] count = new int[nd];
                Arrays.fill(count, 1);
                for (int ax : axes) {
                    first[ax] = idx[ax] * splitEvery;
                    count[ax] = Math.min(splitEvery, pg[ax] - first[ax]);
                }
                List<Arg> refs = new ArrayList<>();
                for (int[] gi : Chunks.indices(count)) {
                    int[] src = first.clone();
                    for (int d = 0; d < nd; d++) {
                        src[d] += gi[d];
                    }
                    refs.add(Layers.ref(prev, src));
                }
                return new Task(key, args -> plan.combine(join((List<?>) args[0], count), axes), Arg.many(refs));
            });
            g = ng;
        }
        int[] kept = Shapes.dropAxes(new int[nd], axes);
        int[][] outChunks = new int[kept.length][];
        int k = 0;
        for (int d = 0; d < nd; d++) {
            if (Arrays.binarySearch(axes, d) < 0) {
                outChunks[k++] = a.chunksRef()[d].clone();
            }
        }
        Array last = level;
        String fname = Layers.name(prefix, last);
        return Layers.layer(fname, outChunks, out, List.of(last), (key, idx) -> {
            int[] src = new int[nd];
            int j = 0;
            for (int d = 0; d < nd; d++) {
                src[d] = Arrays.binarySearch(axes, d) < 0 ? idx[j++] : 0;
            }
            return new Task(key, args -> {
                NDArray r = plan.finish((NDArray[]) args[0]);
                return r.reshape(Shapes.dropAxes(r.shapeRef(), axes));
            }, Layers.ref(last, src));
        });
    }

    private static int[] offsets(int[][] inOff, int[] idx) {
        int[] off = new int[idx.length];
        for (int d = 0; d < idx.length; d++) {
            off[d] = inOff[d][idx[d]];
        }
        return off;
    }

    private static boolean needsCombine(int[] grid, int[] axes) {
        for (int ax : axes) {
            if (grid[ax] > 1) {
                return true;
            }
        }
        return false;
    }

    private static NDArray[] join(List<?> states, int[] count) {
        int parts = ((NDArray[]) states.get(0)).length;
        NDArray[] r = new NDArray[parts];
        for (int p = 0; p < parts; p++) {
            List<NDArray> blocks = new ArrayList<>(states.size());
            for (Object s : states) {
                blocks.add(((NDArray[]) s)[p]);
            }
            r[p] = Blocks.concatGrid(blocks, count);
        }
        return r;
    }
}
