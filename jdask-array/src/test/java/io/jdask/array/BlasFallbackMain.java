package io.jdask.array;

/**
 * Run in a child JVM by {@link BlasFallbackTest}: computes products (BLAS) and a QR (LAPACK) on
 * several threads and checks them against naive loops; prints the implementation and "OK".
 */
public final class BlasFallbackMain {
    private BlasFallbackMain() {}

    public static void main(String[] args) throws Exception {
        int m = 37;
        int k = 23;
        int n = 19;
        java.util.Random r = new java.util.Random(3);
        double[] a = new double[m * k];
        double[] b = new double[k * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
        }
        double[] expected = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += a[i * k + l] * b[l * n + j];
                }
                expected[i * n + j] = s;
            }
        }
        Array x = Array.of(a, new int[] {m, k}, 10, 7);
        Array y = Array.of(b, new int[] {k, n}, 7, 5);
        for (int rep = 0; rep < 3; rep++) {
            NDArray got = x.matmul(y).compute();
            check(got.toDoubleArray(), expected, "matmul");
            check(NDArray.of(a, m, k).matmul(NDArray.of(b, k, n)).toDoubleArray(), expected, "NDArray.matmul");
        }
        Linalg.QR qr = Linalg.tsqr(Array.of(a, new int[] {m, k}, 20, -1));
        check(qr.q().matmul(qr.r()).compute().toDoubleArray(), a, "tsqr");
        System.out.println("implementation " + Blas.implementation());
        System.out.println("OK");
    }

    private static void check(double[] got, double[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            if (Math.abs(got[i] - expected[i]) > 1e-9 * (1 + Math.abs(expected[i]))) {
                throw new AssertionError(what + ": element " + i + " is " + got[i] + ", expected " + expected[i]);
            }
        }
    }
}
