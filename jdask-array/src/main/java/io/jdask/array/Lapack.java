package io.jdask.array;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Block factorisations through LAPACK (native when netlib finds one, else its Java port). Blocks
 * are row-major; LAPACK is column-major, so each call works on a transposed copy.
 */
final class Lapack {
    private Lapack() {}

    private static final LAPACK INSTANCE = load();

    private static LAPACK load() {
        Blas.init();
        LAPACK l = LAPACK.getInstance();
        if (!l.getClass().getSimpleName().startsWith("JNI")) {
            Blas.warnNoNative("LAPACK", "netlib chose " + l.getClass().getName());
            // The Java port's DLAMCH works out the machine constants on its first call and keeps them
            // in static fields without synchronisation: two tasks entering LAPACK at once for the first
            // time can read half-set constants, and DLARFG then rescales forever (seen as a hung tsqr).
            // Work them out here, once, under the class-initialisation lock, and check them.
            double safmin = l.dlamch("S");
            double eps = l.dlamch("E");
            if (safmin != Double.MIN_NORMAL || eps != Math.ulp(1.0) / 2) {
                throw new IllegalStateException("the Java LAPACK (" + l.getClass().getName() + ") computed wrong machine constants: "
                        + "safe minimum " + safmin + " (expected " + Double.MIN_NORMAL + "), epsilon " + eps + " (expected "
                        + Math.ulp(1.0) / 2 + "); install a native LAPACK (apt-get install libopenblas0)");
            }
        }
        return l;
    }

    private static LAPACK lapack() {
        return INSTANCE;
    }

    /** Column-major copy of a row-major m x n block. */
    private static double[] colMajor(NDArray a) {
        return ((double[]) a.astype(DType.F64).transpose().data()).clone();
    }

    private static void check(intW info, String routine) {
        if (info.val != 0) {
            throw new ArithmeticException(routine + " failed (LAPACK info " + info.val + ")");
        }
    }

    /** @return {Q (m x k), R (k x n)} with k = min(m, n), the reduced QR factorisation */
    static NDArray[] qr(NDArray a) {
        int m = a.shapeRef()[0];
        int n = a.shapeRef()[1];
        int k = Math.min(m, n);
        if (k == 0) {
            return new NDArray[] {NDArray.zeros(DType.F64, m, k), NDArray.zeros(DType.F64, k, n)};
        }
        double[] c = colMajor(a);
        double[] tau = new double[k];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack().dgeqrf(m, n, c, m, tau, query, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack().dgeqrf(m, n, c, m, tau, work, work.length, info);
        check(info, "dgeqrf");
        double[] r = new double[k * n];
        for (int i = 0; i < k; i++) {
            for (int j = i; j < n; j++) {
                r[i * n + j] = c[j * m + i];
            }
        }
        lapack().dorgqr(m, k, k, c, m, tau, query, -1, info);
        work = new double[Math.max(1, (int) query[0])];
        lapack().dorgqr(m, k, k, c, m, tau, work, work.length, info);
        check(info, "dorgqr");
        double[] q = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                q[i * k + j] = c[j * m + i];
            }
        }
        return new NDArray[] {NDArray.of(q, m, k), NDArray.of(r, k, n)};
    }

    /** @return {U (m x k), S (k), Vt (k x n)}, the thin SVD, singular values descending */
    static NDArray[] svd(NDArray a) {
        int m = a.shapeRef()[0];
        int n = a.shapeRef()[1];
        int k = Math.min(m, n);
        if (k == 0) {
            return new NDArray[] {NDArray.zeros(DType.F64, m, k), NDArray.zeros(DType.F64, k), NDArray.zeros(DType.F64, k, n)};
        }
        double[] c = colMajor(a);
        double[] s = new double[k];
        double[] u = new double[m * k];
        double[] vt = new double[k * n];
        int[] iwork = new int[8 * k];
        intW info = new intW(0);
        double[] query = new double[1];
        lapack().dgesdd("S", m, n, c, m, s, u, m, vt, k, query, -1, iwork, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        lapack().dgesdd("S", m, n, c, m, s, u, m, vt, k, work, work.length, iwork, info);
        check(info, "dgesdd");
        double[] ur = new double[m * k];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < k; j++) {
                ur[i * k + j] = u[j * m + i];
            }
        }
        double[] vr = new double[k * n];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < n; j++) {
                vr[i * n + j] = vt[j * k + i];
            }
        }
        return new NDArray[] {NDArray.of(ur, m, k), NDArray.of(s, k), NDArray.of(vr, k, n)};
    }

    /** @return X solving {@code R X = Y} for upper-triangular R (n x n) and Y (n x p) */
    static NDArray solveUpper(NDArray r, NDArray y) {
        int n = r.shapeRef()[0];
        int p = y.shapeRef()[1];
        if (n == 0 || p == 0) {
            return NDArray.zeros(DType.F64, n, p);
        }
        double[] rc = colMajor(r);
        double[] yc = colMajor(y);
        intW info = new intW(0);
        lapack().dtrtrs("U", "N", "N", n, p, rc, n, yc, n, info);
        if (info.val > 0) {
            throw new ArithmeticException("lstsq: the matrix is rank deficient (R[" + (info.val - 1) + ", "
                    + (info.val - 1) + "] is zero); jdask's lstsq needs full column rank");
        }
        check(info, "dtrtrs");
        return NDArray.of(yc, p, n).transpose();
    }
}
