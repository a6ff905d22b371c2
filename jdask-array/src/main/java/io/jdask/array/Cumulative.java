package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Cumulative sums and products along an axis: each block is scanned locally, the totals of the
 * blocks before it are carried along the axis in a chain of small tasks, and each block is then
 * shifted by its carry.
 */
final class Cumulative {
    private Cumulative() {}

    static Array scan(Array a, int axis, boolean product) {
        return scan(a, axis, product, false);
    }

    /** With {@code nan}, NaN counts as 0 in sums and 1 in products, like NumPy's {@code nancumsum/nancumprod}. */
    static Array scan(Array a, int axis, boolean product, boolean nan) {
        int ax = Shapes.normalizeAxis(axis, a.ndim());
        Masks.requireKnown(a, "cumsum/cumprod");
        DType out = a.dtype().isFloat() ? a.dtype() : DType.I64;
        String kind = (nan ? "nan" : "") + (product ? "cumprod" : "cumsum");
        boolean skipNan = nan && a.dtype().isFloat();
        BinaryOp combine = product ? BinaryOp.MULTIPLY : BinaryOp.ADD;
        Array local = Layers.layer(Layers.name(kind + "-local", a, ax), a.chunksRef(), out, List.of(a),
                (key, idx) -> new Task(key, args -> {
                    NDArray x = (NDArray) args[0];
                    return block(skipNan ? nanToIdentity(x, product) : x, ax, product, out);
                }, Layers.ref(a, idx)));
        // carry(k) = carry(k-1) op last slice of local(k-1); carry(0) = identity
        String carryName = Layers.name(kind + "-carry", local);
        int[][] carryChunks = Chunks.copy(a.chunksRef());
        java.util.Arrays.fill(carryChunks[ax], 1);
        List<Node> nodes = new ArrayList<>();
        for (int[] idx : Chunks.indices(Chunks.grid(a.chunksRef()))) {
            Key key = Key.of(carryName, idx);
            int[] shape = Chunks.blockShape(carryChunks, idx);
            if (idx[ax] == 0) {
                nodes.add(new Task(key, args -> NDArray.full(out, product ? 1 : 0, shape)));
            } else {
                int[] prev = idx.clone();
                prev[ax]--;
                int len = a.chunksRef()[ax][prev[ax]];
                nodes.add(new Task(key, args -> {
                    NDArray carry = (NDArray) args[0];
                    NDArray last = lastSlice((NDArray) args[1], ax, len, carry.shapeRef());
                    return Elementwise.binary(combine, carry, last).astype(out);
                }, Arg.ref(Key.of(carryName, prev)), Layers.ref(local, prev)));
            }
        }
        Array carries = new Array(carryName, Graph.of(nodes, List.of(local.graph())), carryChunks, out);
        return Layers.layer(Layers.name(kind, local, carries), a.chunksRef(), out, List.of(local, carries),
                (key, idx) -> new Task(key, args -> Elementwise.binary(combine, (NDArray) args[0], (NDArray) args[1]).astype(out),
                        Layers.ref(local, idx), Layers.ref(carries, idx)));
    }

    private static NDArray lastSlice(NDArray block, int ax, int len, int[] shape) {
        if (len == 0) {
            return NDArray.full(block.dtype(), 0, shape).astype(block.dtype());
        }
        int[] start = new int[block.ndim()];
        start[ax] = len - 1;
        return Blocks.region(block, start, shape);
    }

    /** A float block with its NaNs replaced by 1 (products) or 0 (sums). */
    private static NDArray nanToIdentity(NDArray a, boolean product) {
        double[] x = Storage.asDoubles(a.data());
        double[] r = x == a.data() ? x.clone() : x;
        double identity = product ? 1 : 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] != r[i]) {
                r[i] = identity;
            }
        }
        return new NDArray(DType.F64, a.shapeRef().clone(), r).astype(a.dtype());
    }

    /** The running sum or product of one block along {@code ax}. */
    static NDArray block(NDArray a, int ax, boolean product, DType out) {
        int[] shape = a.shapeRef();
        int outer = 1;
        int inner = 1;
        for (int d = 0; d < ax; d++) {
            outer *= shape[d];
        }
        for (int d = ax + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int n = shape[ax];
        if (out.isFloat()) {
            double[] x = Storage.asDoubles(a.data());
            double[] r = x == a.data() ? x.clone() : x;
            for (int o = 0; o < outer; o++) {
                for (int k = 1; k < n; k++) {
                    int at = (o * n + k) * inner;
                    int before = at - inner;
                    if (product) {
                        for (int j = 0; j < inner; j++) {
                            r[at + j] *= r[before + j];
                        }
                    } else {
                        for (int j = 0; j < inner; j++) {
                            r[at + j] += r[before + j];
                        }
                    }
                }
            }
            return new NDArray(DType.F64, shape.clone(), r).astype(out);
        }
        long[] x = Storage.asLongs(a.data());
        long[] r = x == a.data() ? x.clone() : x;
        for (int o = 0; o < outer; o++) {
            for (int k = 1; k < n; k++) {
                int at = (o * n + k) * inner;
                int before = at - inner;
                for (int j = 0; j < inner; j++) {
                    r[at + j] = product ? r[at + j] * r[before + j] : r[at + j] + r[before + j];
                }
            }
        }
        return new NDArray(DType.I64, shape.clone(), r);
    }
}
