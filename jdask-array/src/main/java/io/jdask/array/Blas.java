package io.jdask.array;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matrix products through BLAS: the system's native library (OpenBLAS) when netlib finds one,
 * else netlib's pure-Java implementation, announced by one warning.
 *
 * <p>Other modules (the DataFrame's correlation kernel) use the column-major entry points
 * {@link #syrkTransposed} and {@link #gemmTransposedA}; everything else here is internal.
 */
public final class Blas {
    private static final Logger LOG = LoggerFactory.getLogger(Blas.class);
    /**
     * netlib's own loader logs (through java.util.logging) every implementation it could not load,
     * including the optional Vector API one, even when the native library is found. jdask reports
     * the outcome itself, once, so those messages are kept quiet unless the user configured the logger.
     */
    private static final java.util.logging.Logger NETLIB_BLAS = quiet("dev.ludovic.netlib.blas.InstanceBuilder");
    private static final java.util.logging.Logger NETLIB_LAPACK = quiet("dev.ludovic.netlib.lapack.InstanceBuilder");
    /** Set by the first warning about a missing native library (declared before {@link #INSTANCE}, which may warn). */
    private static final java.util.concurrent.atomic.AtomicBoolean WARNED = new java.util.concurrent.atomic.AtomicBoolean();
    private static final BLAS INSTANCE = load();

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger l = java.util.logging.Logger.getLogger(name);
        if (l.getLevel() == null) {
            l.setLevel(java.util.logging.Level.SEVERE);
        }
        return l;
    }

    /** Makes sure netlib's loader loggers are quieted before LAPACK is first loaded. */
    static void init() {
        if (NETLIB_BLAS == null || NETLIB_LAPACK == null) {
            throw new IllegalStateException("netlib loggers not initialised");
        }
    }

    private Blas() {}

    private static BLAS load() {
        try {
            return NativeBLAS.getInstance();
        } catch (Throwable e) {
            warnNoNative("BLAS", e.getMessage());
            return JavaBLAS.getInstance();
        }
    }

    /**
     * Logs, once per process whichever library is missing first, that matrix products and
     * factorisations fall back to netlib's pure-Java code and how to install a native library.
     */
    static void warnNoNative(String library, String reason) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.warn("jdask-array: no native {} found ({}); matrix products and factorisations use netlib's "
                    + "pure-Java code, which is 20-50x slower. Install OpenBLAS (Debian/Ubuntu: apt-get install "
                    + "libopenblas0) and run with --enable-native-access=ALL-UNNAMED.", library, reason);
        }
    }

    /** @return the BLAS implementation's class name (which one was found) */
    public static String implementation() {
        return INSTANCE.getClass().getName();
    }

    /**
     * Column-major symmetric rank-k update {@code c = a^T a + beta * c}, where {@code a} is a
     * {@code k x n} column-major matrix (leading dimension {@code lda >= k}) starting at
     * {@code aOffset}, and {@code c} is {@code n x n} column-major ({@code ldc >= n}). Only the
     * triangle named by {@code upper} is written: for the upper one, {@code c[i + j * ldc]} with
     * {@code i <= j}.
     */
    public static void syrkTransposed(boolean upper, int n, int k, double[] a, int aOffset, int lda,
                                      double beta, double[] c, int ldc) {
        if (n == 0) {
            return;
        }
        INSTANCE.dsyrk(upper ? "U" : "L", "T", n, k, 1.0, a, aOffset, lda, beta, c, 0, ldc);
    }

    /**
     * Column-major {@code c (m x n) = a^T b + beta * c}, where {@code a} is {@code k x m}
     * (leading dimension {@code lda}) from {@code aOffset} and {@code b} is {@code k x n}
     * (leading dimension {@code ldb}) from {@code bOffset}; {@code c} has leading dimension
     * {@code ldc}.
     */
    public static void gemmTransposedA(int m, int n, int k, double[] a, int aOffset, int lda,
                                       double[] b, int bOffset, int ldb, double beta, double[] c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        INSTANCE.dgemm("T", "N", m, n, k, 1.0, a, aOffset, lda, b, bOffset, ldb, beta, c, 0, ldc);
    }

    /** The float32 version of {@link #gemmTransposedA(int, int, int, double[], int, int, double[], int, int, double, double[], int)}. */
    public static void gemmTransposedA(int m, int n, int k, float[] a, int aOffset, int lda,
                                       float[] b, int bOffset, int ldb, float beta, float[] c, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        INSTANCE.sgemm("T", "N", m, n, k, 1.0f, a, aOffset, lda, b, bOffset, ldb, beta, c, 0, ldc);
    }

    /**
     * Row-major {@code c (m x n) = op(a) (m x k) @ op(b) (k x n) + beta * c}, in column-major terms
     * {@code c^T = op(b)^T op(a)^T}; {@code ta}/{@code tb} say that the buffer holds the operand's
     * transpose row-major (a transposed view), which BLAS reads as it is.
     */
    static void gemm(double[] a, boolean ta, double[] b, boolean tb, double[] c, int m, int n, int k, double beta) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta == 0) {
                java.util.Arrays.fill(c, 0, m * n, 0);
            }
            return;
        }
        INSTANCE.dgemm(tb ? "T" : "N", ta ? "T" : "N", n, m, k, 1.0, b, tb ? k : n, a, ta ? m : k, beta, c, n);
    }

    /** The float32 version of {@link #gemm(double[], boolean, double[], boolean, double[], int, int, int, double)}. */
    static void gemm(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int n, int k, float beta) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (beta == 0) {
                java.util.Arrays.fill(c, 0, m * n, 0);
            }
            return;
        }
        INSTANCE.sgemm(tb ? "T" : "N", ta ? "T" : "N", n, m, k, 1.0f, b, tb ? k : n, a, ta ? m : k, beta, c, n);
    }

    /** @return true when a 2-D array is the transposed view of a whole contiguous buffer (BLAS reads it with "T") */
    private static boolean transposedView(NDArray a) {
        return !a.isContiguous() && a.transpose().isContiguous();
    }

    /** @return the row-major buffer BLAS reads for {@code a}: its own, or the one it is a transposed view of */
    private static Object operand(NDArray a, boolean transposed, DType t) {
        return Storage.cast(transposed ? a.base() : a.data(), t);
    }

    /**
     * 2-D matrix product of two blocks, accumulated into {@code acc} when it is not null.
     *
     * @return {@code acc} (or a new buffer) holding {@code acc + a @ b}
     */
    static NDArray matmul(NDArray a, NDArray b, NDArray acc) {
        int m = a.shapeRef()[0];
        int k = a.shapeRef()[1];
        int n = b.shapeRef()[1];
        if (b.shapeRef()[0] != k) {
            throw new IllegalArgumentException("matmul: shapes " + ShapeText.of(a.shapeRef()) + " and "
                    + ShapeText.of(b.shapeRef()) + " are not aligned (" + k + " != " + b.shapeRef()[0] + ")");
        }
        DType t = DType.promote(a.dtype(), b.dtype());
        boolean ta = transposedView(a);
        boolean tb = transposedView(b);
        if (t == DType.F32 || t == DType.F16) {
            float[] c = acc == null ? new float[m * n] : (float[]) acc.data();
            gemm((float[]) operand(a, ta, DType.F32), ta, (float[]) operand(b, tb, DType.F32), tb, c, m, n, k, acc == null ? 0f : 1f);
            return new NDArray(DType.F32, new int[] {m, n}, c);
        }
        double[] c = acc == null ? new double[m * n] : (double[]) acc.data();
        gemm((double[]) operand(a, ta, DType.F64), ta, (double[]) operand(b, tb, DType.F64), tb, c, m, n, k, acc == null ? 0 : 1);
        return new NDArray(DType.F64, new int[] {m, n}, c);
    }
}
