package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** n-D matmul (batches broadcast, 1-D operands), dot and tensordot, on NDArrays and lazily on chunked Arrays, against NumPy. */
class MatmulNdTest {
    @TempDir
    Path dir;

    /** Pairs of operand files and the products NumPy is asked to check: name, left, right. */
    private static final String[][] PAIRS = {
        {"b3b3", "a345", "b356"}, {"bcast", "a2145", "b356"}, {"left1d", "v5", "b356"}, {"right1d", "a345", "v5"},
        {"both1d", "v5", "w5"}, {"mat", "m45", "n56"}, {"vecmat", "v5", "n56"}, {"matvec", "m45", "v5"},
        {"i32", "i345", "j356"}, {"f16", "h345", "g356"}, {"bool", "p345", "q356"}, {"mixed", "f345", "b356"},
        {"empty", "e305", "b356"}, {"size1", "s115", "b156"}, {"emptyk", "k340", "l306"},
    };

    @Test
    void matmulMatchesNumPyOnNDArraysAndChunkedArrays() throws Exception {
        NumPy.run(dir, """
                rng = np.random.default_rng(11)
                n = rng.standard_normal
                arrays = dict(a345=n((3, 4, 5)), b356=n((3, 5, 6)), a2145=n((2, 1, 4, 5)), v5=n(5), w5=n(5),
                    m45=n((4, 5)), n56=n((5, 6)), i345=rng.integers(-50, 50, (3, 4, 5)).astype(np.int32),
                    j356=rng.integers(-50, 50, (3, 5, 6)).astype(np.int32), h345=n((3, 4, 5)).astype(np.float16),
                    g356=n((3, 5, 6)).astype(np.float16), p345=n((3, 4, 5)) > 0.5, q356=n((3, 5, 6)) > 0.5,
                    f345=n((3, 4, 5)).astype(np.float32), e305=n((3, 0, 5)), s115=n((1, 1, 5)), b156=n((1, 5, 6)),
                    k340=n((3, 4, 0)), l306=n((3, 0, 6)))
                for k, v in arrays.items():
                    np.save(k + '.npy', v)
                """);
        List<String> names = new ArrayList<>();
        for (String[] p : PAIRS) {
            NDArray a = Npy.read(dir.resolve(p[1] + ".npy"));
            NDArray b = Npy.read(dir.resolve(p[2] + ".npy"));
            Npy.write(dir.resolve("nd_" + p[0] + ".npy"), a.matmul(b));
            // several chunkings, uneven last chunks included; the same product lazily
            for (int c : new int[] {1, 2, 3, 100}) {
                Array x = Array.fromNDArray(a, chunks(a.ndim(), c));
                Array y = Array.fromNDArray(b, chunks(b.ndim(), c + 1));
                Array r = x.matmul(y);
                NDArray got = r.compute();
                assertThat(got.shape()).as(p[0]).containsExactly(r.shape());
                assertThat(r.dtype()).isEqualTo(got.dtype());
                String name = "arr_" + p[0] + "_" + c;
                Npy.write(dir.resolve(name + ".npy"), got);
                names.add(name);
            }
        }
        StringBuilder checks = new StringBuilder("pairs = [");
        for (String[] p : PAIRS) {
            checks.append("('").append(p[0]).append("', '").append(p[1]).append("', '").append(p[2]).append("'), ");
        }
        checks.append("]\n");
        NumPy.run(dir, checks + """
                for name, l, r in pairs:
                    a, b = np.load(l + '.npy'), np.load(r + '.npy')
                    expected = np.matmul(a, b)
                    for got in [np.load('nd_' + name + '.npy')] + [np.load('arr_%s_%d.npy' % (name, c)) for c in (1, 2, 3, 100)]:
                        assert got.dtype == expected.dtype, (name, got.dtype, expected.dtype)
                        assert got.shape == expected.shape, (name, got.shape, expected.shape)
                        tol = 2e-2 if a.dtype == np.float16 else 1e-6 if a.dtype == np.float32 else 1e-12
                        assert np.allclose(got, expected, rtol=tol, atol=tol), (name, got, expected)
                """);
    }

    private static int[] chunks(int nd, int c) {
        int[] r = new int[nd];
        java.util.Arrays.fill(r, c);
        return r;
    }

    @Test
    void dotAndTensordotMatchNumPy() throws Exception {
        NumPy.run(dir, """
                rng = np.random.default_rng(12)
                np.save('a.npy', rng.standard_normal((2, 3, 4)))
                np.save('b.npy', rng.standard_normal((5, 4, 3)))
                np.save('v.npy', rng.standard_normal(4))
                """);
        Array a = Npy.readArray(dir.resolve("a.npy"), 1, 2, 3);
        Array b = Npy.readArray(dir.resolve("b.npy"), 2, 3, 2);
        Array v = Npy.readArray(dir.resolve("v.npy"), 3);
        Npy.write(dir.resolve("dot3.npy"), a.dot(b));
        Npy.write(dir.resolve("dotv.npy"), a.dot(v));
        Npy.write(dir.resolve("td.npy"), a.tensordot(b, new int[] {2, 1}, new int[] {1, 2}));
        Npy.write(dir.resolve("td0.npy"), a.get(Slice.index(0)).tensordot(v, new int[] {}, new int[] {}));
        Npy.write(dir.resolve("tdn.npy"), a.tensordot(a.transpose(2, 1, 0), 1));
        Npy.write(dir.resolve("tdn2.npy"), a.tensordot(a.transpose(1, 2, 0), 2));
        NumPy.run(dir, """
                a, b, v = np.load('a.npy'), np.load('b.npy'), np.load('v.npy')
                assert np.allclose(np.load('dot3.npy'), np.dot(a, b))
                assert np.allclose(np.load('dotv.npy'), np.dot(a, v))
                assert np.allclose(np.load('td.npy'), np.tensordot(a, b, axes=([2, 1], [1, 2])))
                assert np.allclose(np.load('td0.npy'), np.tensordot(a[0], v, axes=0))
                assert np.allclose(np.load('tdn.npy'), np.tensordot(a, a.transpose(2, 1, 0), axes=1))
                assert np.allclose(np.load('tdn2.npy'), np.tensordot(a, a.transpose(1, 2, 0), axes=2))
                """);
    }

    @Test
    void shapeErrorsNameBothShapesWhenTheExpressionIsBuilt() {
        Array a = Array.ones(DType.F64, new int[] {2, 3, 4}, 2, 2, 2);
        assertThatThrownBy(() -> a.matmul(Array.ones(DType.F64, new int[] {3, 5, 6}, 2, 2, 2)))
                .hasMessageContaining("(2, 3, 4)").hasMessageContaining("(3, 5, 6)").hasMessageContaining("4 != 5");
        assertThatThrownBy(() -> a.matmul(Array.ones(DType.F64, new int[] {3, 4, 6}, 2, 2, 2)))
                .hasMessageContaining("(2, 3, 4)").hasMessageContaining("(3, 4, 6)").hasMessageContaining("batch");
        assertThatThrownBy(() -> a.matmul(Array.ones(DType.F64, new int[] {5}, 2)))
                .hasMessageContaining("(2, 3, 4)").hasMessageContaining("(5,)");
        assertThatThrownBy(() -> a.dot(Array.ones(DType.F64, new int[] {2, 5, 3}, 2, 2, 2)))
                .hasMessageContaining("(2, 3, 4)").hasMessageContaining("(2, 5, 3)");
        assertThatThrownBy(() -> a.tensordot(a, 2)).hasMessageContaining("(2, 3, 4)");
        assertThatThrownBy(() -> NDArray.zeros(DType.F32, 3).matmul(NDArray.zeros(DType.F32, 4, 2)))
                .hasMessageContaining("(3,)").hasMessageContaining("(4, 2)");
    }
}
