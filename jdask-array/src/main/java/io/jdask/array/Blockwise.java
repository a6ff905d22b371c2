package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import java.util.ArrayList;
import java.util.List;

/**
 * Elementwise operations over aligned blocks: operands are broadcast to a common shape and
 * rechunked to common chunks, then each output block is computed from the matching input blocks.
 */
final class Blockwise {
    private Blockwise() {}

    static Array binary(BinaryOp op, Array a, Array b) {
        DType out = op.resultType(a.dtype(), b.dtype());
        if (Transposed.applies(op, a, b)) {
            return Transposed.binary(op, a, b.transposeOf());
        }
        return nary(op.name().toLowerCase(java.util.Locale.ROOT), out, List.of(a, b),
                args -> Elementwise.binary(op, (NDArray) args[0], (NDArray) args[1]));
    }

    /**
     * {@code a op value} (or {@code value op a} when {@code left}) with a floating scalar, typed
     * as NumPy 1.x types a Python float: an integer or bool array gives float64; a float array
     * keeps its type unless the value needs a wider one (float16 holds up to 65504, float32 up to
     * about 3.4e38), and the scalar is rounded to the type used.
     */
    static Array scalar(BinaryOp op, Array a, double value, boolean left) {
        return scalar(op, a, NDArray.full(scalarType(a.dtype(), value), value), "f" + value, left);
    }

    static DType scalarType(DType array, double value) {
        if (!array.isFloat()) {
            return DType.F64;
        }
        double m = Math.abs(value);
        DType needed = !(m > 65504) || Double.isInfinite(m) ? DType.F16 : m <= Float.MAX_VALUE ? DType.F32 : DType.F64;
        return DType.promote(array, needed);
    }

    /**
     * {@code a op value} with an integer scalar, typed as NumPy 1.x types a Python int: a bool
     * array gives int64; an int32 array keeps its type while the value fits (else int64); a float
     * array keeps its type while the value's smallest integer type promotes to it (float16 holds
     * 8-bit values, float32 16-bit ones; wider values give float32 or float64 as in NumPy).
     */
    static Array scalar(BinaryOp op, Array a, long value, boolean left) {
        return scalar(op, a, NDArray.of(new long[] {value}, new int[0]).astype(scalarType(a.dtype(), value)), "i" + value, left);
    }

    static DType scalarType(DType array, long value) {
        int bits = value >= -128 && value <= 255 ? 8 : value >= -32768 && value <= 65535 ? 16
                : value >= Integer.MIN_VALUE && value <= 0xFFFFFFFFL ? 32 : 64;
        return switch (array) {
            case F64, I64, BOOL -> array == DType.BOOL ? DType.I64 : array;
            case F32 -> bits <= 16 ? DType.F32 : DType.F64;
            case F16 -> bits <= 8 ? DType.F16 : bits <= 16 ? DType.F32 : DType.F64;
            case I32 -> value == (int) value ? DType.I32 : DType.I64;
        };
    }

    private static Array scalar(BinaryOp op, Array a, NDArray s, String text, boolean left) {
        DType out = left ? op.resultType(s.dtype(), a.dtype()) : op.resultType(a.dtype(), s.dtype());
        String name = Layers.name(op.name().toLowerCase(java.util.Locale.ROOT), a, text, s.dtype(), left);
        return Layers.layer(name, a.chunksRef(), out, List.of(a), (key, idx) -> new Task(key, args -> {
            NDArray x = (NDArray) args[0];
            return left ? Elementwise.binary(op, s, x) : Elementwise.binary(op, x, s);
        }, Layers.ref(a, idx)));
    }

    static Array unary(UnaryOp op, Array a) {
        String name = Layers.name(op.name().toLowerCase(java.util.Locale.ROOT), a);
        return Layers.layer(name, a.chunksRef(), op.resultType(a.dtype()), List.of(a),
                (key, idx) -> new Task(key, args -> Elementwise.unary(op, (NDArray) args[0]), Layers.ref(a, idx)));
    }

    static Array astype(Array a, DType t) {
        String name = Layers.name("astype", a, t);
        return Layers.layer(name, a.chunksRef(), t, List.of(a),
                (key, idx) -> new Task(key, args -> ((NDArray) args[0]).astype(t), Layers.ref(a, idx)));
    }

    static Array where(Array c, Array x, Array y) {
        return nary("where", DType.promote(x.dtype(), y.dtype()), List.of(c, x, y),
                args -> Elementwise.where((NDArray) args[0], (NDArray) args[1], (NDArray) args[2]));
    }

    static Array mapBlocks(Array a, BlockFunction fn, DType out, int[][] outChunks) {
        if (!java.util.Arrays.equals(Chunks.grid(outChunks), Chunks.grid(a.chunksRef()))) {
            throw new IllegalArgumentException("mapBlocks: output chunks " + ShapeText.of(outChunks)
                    + " need the same number of blocks per dimension as the input's " + ShapeText.of(a.chunksRef()));
        }
        int[][] oc = Chunks.copy(outChunks);
        String name = Layers.name("map-blocks", a, io.jdask.tokenize.Tokens.functionToken(fn), out, oc);
        return Layers.layer(name, oc, out, List.of(a), (key, idx) -> {
            int[] expected = Chunks.blockShape(oc, idx);
            return new Task(key, args -> {
                NDArray r = fn.apply((NDArray) args[0]);
                if (!java.util.Arrays.equals(r.shapeRef(), expected)) {
                    throw new IllegalStateException("mapBlocks: the function returned a block of shape "
                            + ShapeText.of(r.shapeRef()) + " where " + ShapeText.of(expected) + " was declared");
                }
                return r.astype(out);
            }, Layers.ref(a, idx));
        });
    }

    /** Broadcasts and aligns the operands, then applies {@code fn} to each tuple of matching blocks. */
    static Array nary(String prefix, DType out, List<Array> operands, TaskFunction fn) {
        int[] shape = operands.get(0).shapeRef();
        for (Array o : operands) {
            Masks.requireKnown(o, prefix);
            shape = Layout.broadcastShape(shape, o.shapeRef());
        }
        int nd = shape.length;
        int[][] chunks = new int[nd][];
        for (int d = 0; d < nd; d++) {
            int[] c = null;
            for (Array o : operands) {
                int od = d - (nd - o.ndim());
                if (od >= 0 && o.shapeRef()[od] == shape[d] && shape[d] != 1) {
                    c = c == null ? o.chunksRef()[od] : Chunks.refine(c, o.chunksRef()[od]);
                }
            }
            chunks[d] = c == null ? new int[] {shape[d]} : c;
        }
        List<Array> aligned = new ArrayList<>();
        for (Array o : operands) {
            int[][] want = new int[o.ndim()][];
            for (int od = 0; od < o.ndim(); od++) {
                int d = od + nd - o.ndim();
                want[od] = o.shapeRef()[od] == shape[d] && shape[d] != 1 ? chunks[d] : new int[] {o.shapeRef()[od]};
            }
            aligned.add(Structure.rechunk(o, want));
        }
        Object[] parts = new Object[aligned.size() + 1];
        for (int i = 0; i < aligned.size(); i++) {
            parts[i] = aligned.get(i);
        }
        parts[aligned.size()] = prefix;
        String name = Layers.name(prefix, parts);
        int[] outShape = shape;
        return Layers.layer(name, chunks, out, aligned, (key, idx) -> {
            Arg[] args = new Arg[aligned.size()];
            for (int i = 0; i < args.length; i++) {
                Array o = aligned.get(i);
                int[] oi = new int[o.ndim()];
                for (int od = 0; od < oi.length; od++) {
                    int d = od + nd - o.ndim();
                    oi[od] = o.shapeRef()[od] == outShape[d] && outShape[d] != 1 ? idx[d] : 0;
                }
                args[i] = Layers.ref(o, oi);
            }
            return new Task(key, fn, args);
        });
    }
}
