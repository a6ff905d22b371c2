package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results checked against NumPy itself, exchanged through {@code .npy} files (which also tests {@link Npy}). */
class NumPyCrossCheckTest {
    @TempDir
    Path dir;

    @Test
    void npyFilesRoundTripWithNumPyForEveryDtype() throws Exception {
        NumPy.run(dir, """
                rng = np.random.default_rng(3)
                np.save('f8.npy', rng.standard_normal((5, 4)))
                np.save('f4.npy', rng.standard_normal((3,)).astype(np.float32))
                np.save('f2.npy', rng.standard_normal((2, 3)).astype(np.float16))
                np.save('i8.npy', rng.integers(-9, 9, (4, 1)))
                np.save('i4.npy', rng.integers(-9, 9, (2, 2, 2)).astype(np.int32))
                np.save('b1.npy', rng.standard_normal((3, 3)) > 0)
                np.save('fortran.npy', np.asfortranarray(np.arange(12.0).reshape(3, 4)))
                np.save('big.npy', np.arange(6, dtype='>f8').reshape(2, 3))
                np.save('empty.npy', np.zeros((0, 3)))
                np.save('scalar.npy', np.float64(2.5))
                """);
        for (String n : new String[] {"f8", "f4", "f2", "i8", "i4", "b1", "fortran", "big", "empty", "scalar"}) {
            NDArray a = Npy.read(dir.resolve(n + ".npy"));
            Npy.write(dir.resolve("j" + n + ".npy"), a);
        }
        assertThat(Npy.read(dir.resolve("fortran.npy")).toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(Npy.read(dir.resolve("big.npy")).toDoubleArray()).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(Npy.read(dir.resolve("scalar.npy")).scalar()).isEqualTo(2.5);
        NumPy.run(dir, """
                for n in ['f8', 'f4', 'f2', 'i8', 'i4', 'b1', 'fortran', 'big', 'empty', 'scalar']:
                    a, b = np.load(n + '.npy'), np.load('j' + n + '.npy')
                    assert a.dtype.newbyteorder('=') == b.dtype.newbyteorder('='), (n, a.dtype, b.dtype)
                    assert a.shape == b.shape and np.array_equal(a, b), n
                """);
    }

    @Test
    void operationsMatchNumPy() throws Exception {
        NumPy.run(dir, """
                rng = np.random.default_rng(7)
                x = rng.standard_normal((13, 9)); x[2, 3] = np.nan
                np.save('x.npy', x)
                np.save('y.npy', rng.standard_normal((9,)))
                """);
        for (int[] ch : new int[][] {{4, 4}, {13, 9}, {1, 5}, {6, 2}}) {
            Array x = Npy.readArray(dir.resolve("x.npy"), ch);
            Array y = Npy.readArray(dir.resolve("y.npy"), 4);
            String s = ch[0] + "_" + ch[1];
            Npy.write(dir.resolve("nanmean0_" + s + ".npy"), x.nanmean(0));
            Npy.write(dir.resolve("nanstd1_" + s + ".npy"), x.nanstd(1));
            Npy.write(dir.resolve("nanmax_" + s + ".npy"), x.nanmax());
            Npy.write(dir.resolve("nanargmin0_" + s + ".npy"), x.nanargmin(0));
            Npy.write(dir.resolve("argmax_" + s + ".npy"), x.argmax());
            Npy.write(dir.resolve("argminT_" + s + ".npy"), x.transpose().argmin());
            Npy.write(dir.resolve("nanargmax_" + s + ".npy"), x.nanargmax());
            Npy.write(dir.resolve("nanargminT_" + s + ".npy"), x.transpose().nanargmin());
            Npy.write(dir.resolve("expr_" + s + ".npy"), x.multiply(y).add(1).abs().sqrt().nansum(1));
            Npy.write(dir.resolve("slice_" + s + ".npy"), x.get(Slice.range(1, 12, 3), Slice.indices(8, 0, 8)));
            Npy.write(dir.resolve("mod_" + s + ".npy"), x.nanmin(0).mod(Array.full(DType.F64, 0.7, new int[] {1})));
            Npy.write(dir.resolve("reshape_" + s + ".npy"), x.transpose().reshape(3, 39));
            ArrayStore.write(x, dir.resolve("store_" + s));
            assertThat(ArrayStore.read(dir.resolve("store_" + s)).compute()).isEqualTo(x.compute());
        }
        NumPy.run(dir, """
                x, y = np.load('x.npy'), np.load('y.npy')
                for s in ['4_4', '13_9', '1_5', '6_2']:
                    def chk(name, expected):
                        got = np.load(name + '_' + s + '.npy')
                        assert got.shape == np.shape(expected), (name, s, got.shape, np.shape(expected))
                        assert np.allclose(got, expected, equal_nan=True), (name, s, got, expected)
                    chk('nanmean0', np.nanmean(x, 0))
                    chk('nanstd1', np.nanstd(x, 1))
                    chk('nanmax', np.nanmax(x))
                    chk('nanargmin0', np.nanargmin(x, 0))
                    chk('argmax', np.argmax(x))
                    chk('argminT', np.argmin(x.T))
                    chk('nanargmax', np.nanargmax(x))
                    chk('nanargminT', np.nanargmin(x.T))
                    chk('expr', np.nansum(np.sqrt(np.abs(x * y + 1)), 1))
                    chk('slice', x[1:12:3][:, [8, 0, 8]])
                    chk('mod', np.mod(np.nanmin(x, 0), 0.7))
                    chk('reshape', x.T.reshape(3, 39))
                """);
    }

    @Test
    void tensordotAndBlockMatchNumPy() throws Exception {
        NumPy.run(dir, """
                rng = np.random.default_rng(9)
                np.save('a.npy', rng.standard_normal((4, 5, 6)))
                np.save('b.npy', rng.standard_normal((6, 5, 3)))
                """);
        Array a = Npy.readArray(dir.resolve("a.npy"), 3, 2, 4);
        Array b = Npy.readArray(dir.resolve("b.npy"), 5, 2, 2);
        Npy.write(dir.resolve("td.npy"), a.tensordot(b, new int[] {1, 2}, new int[] {1, 0}));
        Array m = a.get(Slice.index(0));
        Npy.write(dir.resolve("blk.npy"), Array.block(java.util.List.of(java.util.List.of(m, m.multiply(2)),
                java.util.List.of(m.negative(), m))));
        NumPy.run(dir, """
                a, b = np.load('a.npy'), np.load('b.npy')
                assert np.allclose(np.load('td.npy'), np.tensordot(a, b, axes=([1, 2], [1, 0])))
                m = a[0]
                assert np.array_equal(np.load('blk.npy'), np.block([[m, m * 2], [-m, m]]))
                """);
    }
}
