package io.jdask.array;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Linear algebra on chunked arrays, like {@code dask.array.linalg}: tall-and-skinny QR and SVD
 * (one factorisation per row block, then one of the stacked small factors), least squares,
 * norms, covariance and correlation. Matrix products are {@link Array#matmul}.
 */
public final class Linalg {
    private Linalg() {}

    /**
     * A QR factorisation.
     *
     * @param q the orthonormal factor (m x k)
     * @param r the upper-triangular factor (k x n)
     */
    public record QR(Array q, Array r) {}

    /**
     * A thin singular value decomposition {@code a = u * diag(s) * vt}.
     *
     * @param u left singular vectors (m x k)
     * @param s singular values, descending (k)
     * @param vt right singular vectors as rows (k x n), NumPy's {@code vh}
     */
    public record SVD(Array u, Array s, Array vt) {}

    /**
     * Tall-and-skinny QR (Demmel et al.'s TSQR): columns are gathered into one chunk, each row block
     * is factorised, the stacked R factors are factorised once more, and each block's Q is
     * corrected by its slice of the second Q.
     *
     * @param a a 2-D array, typically with many more rows than columns
     * @return the reduced factorisation, {@code k = min(m, n)}
     * @throws IllegalArgumentException when {@code a} is not 2-D
     */
    public static QR tsqr(Array a) {
        if (a.ndim() != 2) {
            throw new IllegalArgumentException("tsqr needs a 2-D array, got shape " + ShapeText.of(a.shapeRef()));
        }
        int n = a.shapeRef()[1];
        Array x = Structure.rechunk(a.astype(DType.F64), new int[][] {a.chunksRef()[0], {n}});
        int[] rows = x.chunksRef()[0];
        int blocks = rows.length;
        int[] ks = new int[blocks];
        int total = 0;
        for (int i = 0; i < blocks; i++) {
            ks[i] = Math.min(rows[i], n);
            total += ks[i];
        }
        int k2 = Math.min(total, n);
        int[] kOff = Chunks.offsets(ks);
        String base = Layers.name("tsqr", x);
        List<Node> nodes = new ArrayList<>();
        List<Arg> rs = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            Key qr = Key.of(base + "-qr", i);
            nodes.add(new Task(qr, args -> Lapack.qr((NDArray) args[0]), Layers.ref(x, new int[] {i, 0})));
            rs.add(Arg.ref(qr));
        }
        Key second = Key.of(base + "-stacked");
        int[] stackGrid = {blocks, 1};
        nodes.add(new Task(second, args -> {
            List<NDArray> parts = new ArrayList<>();
            for (Object o : (List<?>) args[0]) {
                parts.add(((NDArray[]) o)[1]);
            }
            return Lapack.qr(Blocks.concatGrid(parts, stackGrid));
        }, Arg.many(rs)));
        Graph factors = Graph.of(nodes, List.of(x.graph()));
        String qName = base + "-q";
        List<Node> qNodes = new ArrayList<>();
        for (int i = 0; i < blocks; i++) {
            int from = kOff[i];
            int len = ks[i];
            qNodes.add(new Task(Key.of(qName, i, 0), args -> {
                NDArray qi = ((NDArray[]) args[0])[0];
                NDArray q2 = ((NDArray[]) args[1])[0];
                NDArray slice = Blocks.region(q2, new int[] {from, 0}, new int[] {len, q2.shapeRef()[1]});
                return qi.matmul(slice);
            }, Arg.ref(Key.of(base + "-qr", i)), Arg.ref(second)));
        }
        Array q = new Array(qName, Graph.of(qNodes, List.of(factors)), new int[][] {rows.clone(), {k2}}, DType.F64);
        String rName = base + "-r";
        Task rTask = new Task(Key.of(rName, 0, 0), args -> ((NDArray[]) args[0])[1], Arg.ref(second));
        Array r = new Array(rName, Graph.of(List.of(rTask), List.of(factors)), new int[][] {{k2}, {n}}, DType.F64);
        return new QR(q, r);
    }

    /**
     * Thin SVD of a tall-and-skinny array: TSQR, then the SVD of the small R factor.
     *
     * @param a a 2-D array
     * @return {@code u}, {@code s}, {@code vt}
     */
    public static SVD svd(Array a) {
        QR qr = tsqr(a);
        Array r = qr.r();
        int k2 = r.shapeRef()[0];
        int n = r.shapeRef()[1];
        int k = Math.min(k2, n);
        String base = Layers.name("svd", r);
        Key small = Key.of(base + "-small");
        Task factor = new Task(small, args -> Lapack.svd((NDArray) args[0]), Layers.ref(r, new int[] {0, 0}));
        Graph g = Graph.of(List.of(factor), List.of(r.graph()));
        Array ur = part(base + "-ur", g, small, 0, new int[][] {{k2}, {k}});
        Array s = part(base + "-s", g, small, 1, new int[][] {{k}});
        Array vt = part(base + "-vt", g, small, 2, new int[][] {{k}, {n}});
        return new SVD(qr.q().matmul(ur), s, vt);
    }

    private static Array part(String name, Graph g, Key of, int index, int[][] chunks) {
        Task t = new Task(Key.of(name, new int[chunks.length]), args -> ((NDArray[]) args[0])[index], Arg.ref(of));
        return new Array(name, Graph.of(List.of(t), List.of(g)), chunks, DType.F64);
    }

    /**
     * Least-squares solution of {@code a x = b} through TSQR: {@code x = R^-1 Q^T b}.
     *
     * @param a an m x n array with m >= n and full column rank
     * @param b right-hand side, m or m x p
     * @return x, n or n x p
     * @throws IllegalArgumentException naming both shapes when they do not match
     */
    public static Array lstsq(Array a, Array b) {
        if (a.ndim() != 2 || (b.ndim() != 1 && b.ndim() != 2) || b.shapeRef()[0] != a.shapeRef()[0]) {
            throw new IllegalArgumentException("lstsq: shapes " + ShapeText.of(a.shapeRef()) + " and "
                    + ShapeText.of(b.shapeRef()) + " do not match (a must be 2-D, b must have as many rows)");
        }
        boolean vector = b.ndim() == 1;
        Array b2 = vector ? b.reshape(b.shapeRef()[0], 1) : b;
        QR qr = tsqr(a);
        Array qtb = qr.q().transpose().matmul(b2.astype(DType.F64)).rechunk(-1, -1);
        int n = qr.r().shapeRef()[1];
        int p = b2.shapeRef()[1];
        String name = Layers.name("lstsq", qr.r(), qtb);
        Task t = new Task(Key.of(name, 0, 0), args -> Lapack.solveUpper((NDArray) args[0], (NDArray) args[1]),
                Layers.ref(qr.r(), new int[] {0, 0}), Layers.ref(qtb, new int[] {0, 0}));
        Array x = new Array(name, Graph.of(List.of(t), List.of(qr.r().graph(), qtb.graph())), new int[][] {{n}, {p}}, DType.F64);
        return vector ? x.reshape(n) : x;
    }

    /**
     * @param a any array
     * @return the 2-norm of all elements taken as one vector (the Frobenius norm of a matrix), 0-d
     */
    public static Array norm(Array a) {
        return a.astype(DType.F64).square().sum().sqrt();
    }

    /**
     * Vector norms along axes: {@code ord} = infinity (max |x|), -infinity (min |x|), 0 (number of
     * non-zeros), 1 (sum |x|), 2 (Euclidean), or any other p ({@code sum(|x|^p)^(1/p)}).
     *
     * @param a any array
     * @param ord the order
     * @param axes the axes; none for all
     * @return the norms
     */
    public static Array norm(Array a, double ord, int... axes) {
        Array abs = a.astype(DType.F64).abs();
        if (ord == Double.POSITIVE_INFINITY) {
            return abs.max(axes);
        } else if (ord == Double.NEGATIVE_INFINITY) {
            return abs.min(axes);
        } else if (ord == 0) {
            return abs.gt(0.0).astype(DType.F64).sum(axes);
        } else if (ord == 1) {
            return abs.sum(axes);
        } else if (ord == 2) {
            return abs.square().sum(axes).sqrt();
        }
        return abs.power(ord).sum(axes).power(1 / ord);
    }

    /**
     * Covariance of the rows (variables) over the columns (observations), like {@code numpy.cov}.
     *
     * @param x a 2-D array, one variable per row
     * @param ddof delta degrees of freedom (NumPy's default is 1)
     * @return the variables x variables covariance matrix
     */
    public static Array cov(Array x, int ddof) {
        if (x.ndim() != 2) {
            throw new IllegalArgumentException("cov needs a 2-D array, got shape " + ShapeText.of(x.shapeRef()));
        }
        int vars = x.shapeRef()[0];
        int obs = x.shapeRef()[1];
        Array centered = x.astype(DType.F64).subtract(x.mean(1).reshape(vars, 1));
        return centered.matmul(centered.transpose()).divide(Math.max(0, obs - ddof));
    }

    /**
     * Pearson correlation coefficients of the rows, like {@code numpy.corrcoef}, clipped to [-1, 1].
     *
     * @param x a 2-D array, one variable per row
     * @return the variables x variables correlation matrix
     */
    public static Array corrcoef(Array x) {
        Array c = cov(x, 1);
        int vars = x.shapeRef()[0];
        Array std = x.astype(DType.F64).std(1, new int[] {1});
        return c.divide(std.reshape(vars, 1)).divide(std.reshape(1, vars)).clip(-1, 1);
    }
}
