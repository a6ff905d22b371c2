package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code matmul} of chunked arrays beyond two dimensions (NumPy's rules): the leading dimensions
 * are batches, broadcast and rechunked to common boundaries; output block
 * {@code (b..., i, j)} sums the batched products of blocks {@code (b..., i, k)} and
 * {@code (b..., k, j)} over {@code k}. 1-D operands get a size-1 dimension added before and
 * removed after, block by block.
 */
final class Batched {
    private Batched() {}

    static Array matmul(Array a, Array b) {
        Masks.requireKnown(a, "matmul");
        Masks.requireKnown(b, "matmul");
        int[] outShape = MatMul.resultShape(a.shapeRef(), b.shapeRef());
        Array a2 = a.ndim() == 1 ? insertAxis(a, 0) : a;
        Array b2 = b.ndim() == 1 ? insertAxis(b, 1) : b;
        Array r = a2.ndim() == 2 && b2.ndim() == 2 ? Products.matmul2d(a2, b2) : batched(a2, b2);
        if (b.ndim() == 1) {
            r = dropAxis(r, r.ndim() - 1);
        }
        if (a.ndim() == 1) {
            r = dropAxis(r, r.ndim() - (b.ndim() == 1 ? 1 : 2));
        }
        if (!Arrays.equals(r.shapeRef(), outShape)) {
            throw new IllegalStateException("matmul built shape " + ShapeText.of(r.shapeRef()) + " for " + ShapeText.of(outShape));
        }
        return r;
    }

    private static Array batched(Array a, Array b) {
        int[] as = a.shapeRef();
        int[] bs = b.shapeRef();
        int la = as.length - 2;
        int lb = bs.length - 2;
        int[] batch = Layout.broadcastShape(Arrays.copyOf(as, la), Arrays.copyOf(bs, lb));
        int nb = batch.length;
        int[][] batchChunks = new int[nb][];
        for (int d = 0; d < nb; d++) {
            int[] c = null;
            for (Array x : List.of(a, b)) {
                int xd = d - (nb - (x.ndim() - 2));
                if (xd >= 0 && x.shapeRef()[xd] == batch[d] && batch[d] != 1) {
                    c = c == null ? x.chunksRef()[xd] : Chunks.refine(c, x.chunksRef()[xd]);
                }
            }
            batchChunks[d] = c == null ? new int[] {batch[d]} : c;
        }
        int[] inner = Chunks.refine(a.chunksRef()[la + 1], b.chunksRef()[lb]);
        Array x = Structure.rechunk(a, aligned(a, batch, batchChunks, a.chunksRef()[la], inner));
        Array y = Structure.rechunk(b, aligned(b, batch, batchChunks, inner, b.chunksRef()[lb + 1]));
        DType out = MatMul.resultType(a.dtype(), b.dtype());
        int[][] chunks = Arrays.copyOf(batchChunks, nb + 2);
        chunks[nb] = x.chunksRef()[la].clone();
        chunks[nb + 1] = y.chunksRef()[lb + 1].clone();
        int nk = inner.length;
        String name = Layers.name("matmul", x, y);
        return Layers.layer(name, chunks, out, List.of(x, y), (key, idx) -> {
            List<Arg> left = new ArrayList<>(nk);
            List<Arg> right = new ArrayList<>(nk);
            for (int k = 0; k < nk; k++) {
                left.add(Layers.ref(x, blockIndex(x, idx, nb, idx[nb], k)));
                right.add(Layers.ref(y, blockIndex(y, idx, nb, k, idx[nb + 1])));
            }
            int[] shape = Chunks.blockShape(chunks, idx);
            return new Task(key, args -> {
                List<?> ls = (List<?>) args[0];
                List<?> rs = (List<?>) args[1];
                NDArray acc = null;
                for (int k = 0; k < ls.size(); k++) {
                    NDArray l = (NDArray) ls.get(k);
                    // float16 products and their sum over k stay in float32 until the block is stored
                    NDArray p = MatMul.matmul(out == DType.F16 ? l.astype(DType.F32) : l, (NDArray) rs.get(k));
                    acc = acc == null ? p : Elementwise.binary(BinaryOp.ADD, acc, p);
                }
                NDArray r = acc == null ? NDArray.zeros(out, shape) : acc.astype(out);
                if (!Arrays.equals(r.shapeRef(), shape)) {
                    throw new IllegalStateException("matmul block " + Arrays.toString(idx) + " has shape "
                            + ShapeText.of(r.shapeRef()) + ", expected " + ShapeText.of(shape));
                }
                return r;
            }, Arg.many(left), Arg.many(right));
        });
    }

    /** Target chunks of one operand: the common batch chunks where it is not broadcast, its matrix dimensions as given. */
    private static int[][] aligned(Array x, int[] batch, int[][] batchChunks, int[] rows, int[] cols) {
        int nd = x.ndim();
        int[][] c = new int[nd][];
        for (int xd = 0; xd < nd - 2; xd++) {
            int d = xd + batch.length - (nd - 2);
            c[xd] = x.shapeRef()[xd] == batch[d] && batch[d] != 1 ? batchChunks[d] : new int[] {x.shapeRef()[xd]};
        }
        c[nd - 2] = rows;
        c[nd - 1] = cols;
        return c;
    }

    private static int[] blockIndex(Array x, int[] outIdx, int nb, int row, int col) {
        int nd = x.ndim();
        int[] r = new int[nd];
        for (int xd = 0; xd < nd - 2; xd++) {
            int d = xd + nb - (nd - 2);
            r[xd] = x.chunksRef()[xd].length == 1 ? 0 : outIdx[d];
        }
        r[nd - 2] = row;
        r[nd - 1] = col;
        return r;
    }

    /** @return {@code a} with a new size-1 dimension at {@code pos}, block by block (no rechunking) */
    static Array insertAxis(Array a, int pos) {
        int[][] chunks = new int[a.ndim() + 1][];
        for (int d = 0, s = 0; d < chunks.length; d++) {
            chunks[d] = d == pos ? new int[] {1} : a.chunksRef()[s++].clone();
        }
        String name = Layers.name("expand-dims", a, pos);
        return Layers.layer(name, chunks, a.dtype(), List.of(a), (key, idx) -> {
            int[] src = new int[a.ndim()];
            for (int d = 0, s = 0; d < idx.length; d++) {
                if (d != pos) {
                    src[s++] = idx[d];
                }
            }
            int[] shape = Chunks.blockShape(chunks, idx);
            return new Task(key, args -> ((NDArray) args[0]).reshape(shape), Layers.ref(a, src));
        });
    }

    /** @return {@code a} without its size-1 dimension {@code pos}, block by block */
    static Array dropAxis(Array a, int pos) {
        if (a.shapeRef()[pos] != 1) {
            throw new IllegalStateException("dimension " + pos + " of " + ShapeText.of(a.shapeRef()) + " is not 1");
        }
        int[][] chunks = new int[a.ndim() - 1][];
        for (int d = 0, s = 0; d < a.ndim(); d++) {
            if (d != pos) {
                chunks[s++] = a.chunksRef()[d].clone();
            }
        }
        String name = Layers.name("squeeze", a, pos);
        return Layers.layer(name, chunks, a.dtype(), List.of(a), (key, idx) -> {
            int[] src = new int[a.ndim()];
            for (int d = 0, s = 0; d < src.length; d++) {
                src[d] = d == pos ? 0 : idx[s++];
            }
            int[] shape = Chunks.blockShape(chunks, idx);
            return new Task(key, args -> ((NDArray) args[0]).reshape(shape), Layers.ref(a, src));
        });
    }
}
