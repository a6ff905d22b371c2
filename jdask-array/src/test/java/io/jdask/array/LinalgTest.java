package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Linear algebra against NumPy (and against its own defining identities) for several row chunkings. */
class LinalgTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {5, 8, 23, 3})
    void factorisationsAndStatisticsMatchNumPy(int rowChunk) throws Exception {
        NumPy.run(dir, """
                rng = np.random.default_rng(5)
                np.save('a.npy', rng.standard_normal((23, 4)))
                np.save('b.npy', rng.standard_normal((23,)))
                np.save('v.npy', rng.standard_normal((4, 30)))
                """);
        Array a = Npy.readArray(dir.resolve("a.npy"), rowChunk, 3);
        Array b = Npy.readArray(dir.resolve("b.npy"), 7);
        Array v = Npy.readArray(dir.resolve("v.npy"), 3, 7);
        Linalg.QR qr = Linalg.tsqr(a);
        NDArray q = qr.q().compute();
        NDArray r = qr.r().compute();
        assertThat(q.matmul(r).allClose(a.compute(), 1e-10, 1e-10)).isTrue();
        assertThat(q.transpose().matmul(q).allClose(Array.eye(4, -1).compute(), 1e-10, 1e-10)).isTrue();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < i; j++) {
                assertThat(r.getDouble(i, j)).isZero();
            }
        }
        Linalg.SVD svd = Linalg.svd(a);
        NDArray u = svd.u().compute();
        NDArray s = svd.s().compute();
        NDArray vt = svd.vt().compute();
        NDArray us = u.multiply(s.reshape(1, 4));
        assertThat(us.matmul(vt).allClose(a.compute(), 1e-10, 1e-10)).isTrue();
        Npy.write(dir.resolve("s.npy"), svd.s());
        Npy.write(dir.resolve("x.npy"), Linalg.lstsq(a, b));
        Npy.write(dir.resolve("cov.npy"), Linalg.cov(v, 1));
        Npy.write(dir.resolve("corr.npy"), Linalg.corrcoef(v));
        Npy.write(dir.resolve("fro.npy"), Linalg.norm(a));
        Npy.write(dir.resolve("n1.npy"), Linalg.norm(a, 1, 0));
        Npy.write(dir.resolve("ninf.npy"), Linalg.norm(a, Double.POSITIVE_INFINITY, 1));
        Npy.write(dir.resolve("n3.npy"), Linalg.norm(a, 3, 0));
        Npy.write(dir.resolve("av.npy"), a.matmul(v));
        NumPy.run(dir, """
                a, b, v = np.load('a.npy'), np.load('b.npy'), np.load('v.npy')
                def chk(name, expected):
                    got = np.load(name + '.npy')
                    assert got.shape == np.shape(expected), (name, got.shape, np.shape(expected))
                    assert np.allclose(got, expected, rtol=1e-9, atol=1e-12), (name, got, expected)
                chk('s', np.linalg.svd(a, compute_uv=False))
                chk('x', np.linalg.lstsq(a, b, rcond=None)[0])
                chk('cov', np.cov(v))
                chk('corr', np.corrcoef(v))
                chk('fro', np.linalg.norm(a))
                chk('n1', np.linalg.norm(a, 1, axis=0))
                chk('ninf', np.linalg.norm(a, np.inf, axis=1))
                chk('n3', np.linalg.norm(a, 3, axis=0))
                chk('av', a @ v)
                """);
    }

    @org.junit.jupiter.api.Test
    void shapeErrorsNameBothShapes() {
        Array a = Array.ones(DType.F64, new int[] {6, 3}, 2, 2);
        assertThatThrownBy(() -> Linalg.lstsq(a, Array.ones(DType.F64, new int[] {5}, 2)))
                .hasMessageContaining("(6, 3)").hasMessageContaining("(5,)");
        assertThatThrownBy(() -> Linalg.tsqr(Array.ones(DType.F64, new int[] {6}, 2))).hasMessageContaining("(6,)");
    }
}
