package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Views (transposes, stepped slices, indices) share their buffer, and every operation gives the same result on a view as on a copy. */
class NDArrayViewTest {
    @TempDir
    Path dir;

    private static NDArray random3d() {
        Random r = new Random(5);
        double[] d = new double[4 * 5 * 6];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(r.nextGaussian() * 50) / 10.0;
        }
        return NDArray.of(d, 4, 5, 6);
    }

    /** Named views of {@code a}: transposes, swaps, stepped and reversed slices, indices, size-1 and empty selections. */
    private static List<Object[]> views(NDArray a) {
        List<Object[]> v = new ArrayList<>();
        v.add(new Object[] {"T", a.transpose()});
        v.add(new Object[] {"swap02", a.swapaxes(0, 2)});
        v.add(new Object[] {"perm120", a.transpose(1, 2, 0)});
        v.add(new Object[] {"steps", a.get(Slice.range(1, 4, 2), Slice.all(), Slice.range(0, 6, 3))});
        v.add(new Object[] {"reversed", a.get(Slice.range(-1, Integer.MIN_VALUE, -1), Slice.range(4, 0, -2))});
        v.add(new Object[] {"index", a.get(Slice.index(2))});
        v.add(new Object[] {"index-last", a.get(Slice.all(), Slice.all(), Slice.index(-1))});
        v.add(new Object[] {"size1", a.get(Slice.range(1, 2), Slice.all(), Slice.range(2, 3))});
        v.add(new Object[] {"rows", a.get(Slice.range(1, 3))});
        v.add(new Object[] {"T-then-slice", a.transpose().get(Slice.range(0, 6, 2), Slice.index(1))});
        v.add(new Object[] {"scalar", a.get(Slice.index(1), Slice.index(2), Slice.index(3))});
        v.add(new Object[] {"empty", a.get(Slice.range(2, 2))});
        return v;
    }

    @Test
    void viewsShareTheBufferAndMatchNaiveIndexing() {
        NDArray a = random3d();
        NDArray t = a.transpose(2, 0, 1);
        assertThat(t.base()).isSameAs(a.base());
        assertThat(t.isContiguous()).isFalse();
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 5; k++) {
                    assertThat(t.getDouble(i, j, k)).isEqualTo(a.getDouble(j, k, i));
                }
            }
        }
        NDArray s = a.get(Slice.range(3, 0, -2), Slice.index(1), Slice.range(1, 6, 2));
        assertThat(s.shape()).containsExactly(2, 3);
        assertThat(s.base()).isSameAs(a.base());
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                assertThat(s.getDouble(i, j)).isEqualTo(a.getDouble(3 - 2 * i, 1, 1 + 2 * j));
            }
        }
        NDArray listed = a.get(Slice.indices(3, 0, 3));
        assertThat(listed.base()).isNotSameAs(a.base());
        assertThat(listed.getDouble(2, 4, 5)).isEqualTo(a.getDouble(3, 4, 5));
        // a transposed view of a transposed view is the original layout again: contiguous, same buffer
        NDArray back = t.transpose(1, 2, 0);
        assertThat(back.isContiguous()).isTrue();
        assertThat(back.base()).isSameAs(a.base());
        // removing size-1 dimensions and splitting a dimension keep the view; merging strided dimensions copies
        assertThat(a.get(Slice.range(1, 2)).reshape(5, 6).base()).isSameAs(a.base());
        assertThat(a.get(Slice.all(), Slice.range(0, 4)).reshape(4, 2, 2, 6).base()).isSameAs(a.base());
        assertThat(a.transpose().reshape(120).base()).isNotSameAs(a.base());
        assertThatThrownBy(() -> a.get(Slice.index(4))).hasMessageContaining("axis 0 with size 4");
        assertThatThrownBy(() -> a.get(Slice.all(), Slice.all(), Slice.all(), Slice.all())).hasMessageContaining("(4, 5, 6)");
    }

    @Test
    void aViewOfALargeArrayAllocatesNothingProportionalToIt() {
        NDArray big = NDArray.zeros(DType.F64, 2000, 3000);
        NDArray t = big.transpose();
        NDArray s = big.get(Slice.range(10, 1990, 3), Slice.range(2999, 0, -7));
        NDArray r = Blocks.region(big, new int[] {100, 200}, new int[] {1500, 2000});
        for (NDArray v : List.of(t, s, r, t.swapaxes(0, 1), s.get(Slice.index(4)))) {
            assertThat(v.base()).isSameAs(big.base());
        }
        // the transpose's reductions and unary functions run over the buffer in memory order and come back as views
        NDArray e = NDArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).transpose();
        assertThat(Reduce.reduce(ReduceOp.SUM, e, new int[] {1}).toDoubleArray()).containsExactly(5, 7, 9);
        assertThat(Elementwise.unary(UnaryOp.NEGATIVE, e).isContiguous()).isFalse();
        assertThat(Elementwise.unary(UnaryOp.NEGATIVE, e).toDoubleArray()).containsExactly(-1, -4, -2, -5, -3, -6);
    }

    @Test
    void blocksOfChunkedTransposesAndSlicesAreViewsOfTheirSourceBlock() {
        NDArray a = random3d();
        Array whole = Array.fromNDArray(a, -1, -1, -1);
        assertThat(whole.compute().base()).isSameAs(a.base());
        for (Array v : List.of(whole.transpose(), whole.swapaxes(0, 2), whole.get(Slice.range(3, 0, -2), Slice.index(1)),
                whole.get(Slice.all(), Slice.range(1, 5, 2)).transpose(2, 0, 1))) {
            NDArray block = v.compute();
            assertThat(block.base()).as(v.toString()).isSameAs(a.base());
            assertThat(block.isContiguous()).isFalse();
        }
        // blocks of a chunked array are views of the array they were cut from, and so are slices of them
        Array chunked = Array.fromNDArray(a, 2, 5, 6);
        Array rows = chunked.get(Slice.range(0, 2), Slice.range(0, 5, 2));
        assertThat(rows.numBlocks()).isEqualTo(1);
        assertThat(rows.compute().base()).isSameAs(a.base());
    }

    private static void sameOnViewAndCopy(String what, NDArray view, Function<NDArray, Object> op) {
        NDArray copy = view.copy();
        assertThat(copy.isContiguous()).isTrue();
        Object onView = op.apply(view);
        Object onCopy = op.apply(copy);
        if (onView instanceof NDArray[] parts) {
            NDArray[] expected = (NDArray[]) onCopy;
            for (int i = 0; i < parts.length; i++) {
                assertThat(parts[i].allClose(expected[i], 1e-12, 1e-12)).as(what + " part " + i).isTrue();
                assertThat(parts[i].dtype()).isEqualTo(expected[i].dtype());
            }
        } else if (onView instanceof NDArray r) {
            NDArray expected = (NDArray) onCopy;
            assertThat(r.shape()).as(what).containsExactly(expected.shape());
            assertThat(r.dtype()).as(what).isEqualTo(expected.dtype());
            assertThat(r.allClose(expected, 1e-12, 1e-12)).as(what + ": " + r + " vs " + expected).isTrue();
        } else {
            assertThat(onView).as(what).isEqualTo(onCopy);
        }
    }

    @Test
    void everyOperationGivesTheSameResultOnViewsAsOnCopies() throws Exception {
        NDArray a = random3d();
        for (Object[] named : views(a)) {
            String n = (String) named[0];
            NDArray v = (NDArray) named[1];
            int nd = v.ndim();
            int[] all = new int[nd];
            for (int d = 0; d < nd; d++) {
                all[d] = d;
            }
            assertThat(v.copy()).as(n).isEqualTo(v);
            sameOnViewAndCopy(n + " toString", v, NDArray::toString);
            sameOnViewAndCopy(n + " doubles", v, x -> java.util.Arrays.toString(x.toDoubleArray()));
            sameOnViewAndCopy(n + " astype", v, x -> x.astype(DType.F32));
            sameOnViewAndCopy(n + " astype-i64", v, x -> x.astype(DType.I64));
            for (UnaryOp op : UnaryOp.values()) {
                sameOnViewAndCopy(n + " " + op, v, x -> Elementwise.unary(op, x));
            }
            for (BinaryOp op : BinaryOp.values()) {
                if (op.isLogical()) {
                    sameOnViewAndCopy(n + " " + op, v, x -> Elementwise.binary(op, x.astype(DType.BOOL), x.transpose().transpose().astype(DType.BOOL)));
                    continue;
                }
                sameOnViewAndCopy(n + " " + op + " self", v, x -> Elementwise.binary(op, x, x));
                sameOnViewAndCopy(n + " " + op + " scalar", v, x -> Elementwise.binary(op, x, NDArray.scalar(1.5)));
                sameOnViewAndCopy(n + " " + op + " contiguous", v, x -> Elementwise.binary(op, NDArray.full(DType.F64, 0.75, x.shape()), x));
                if (nd > 0 && v.shapeRef()[0] > 0) {
                    int last = v.shapeRef()[nd - 1];
                    sameOnViewAndCopy(n + " " + op + " broadcast", v, x -> Elementwise.binary(op, x,
                            x.get(Slice.range(0, 1)).reshape(java.util.Arrays.copyOfRange(x.shape(), 1, nd)).astype(DType.F32)));
                    sameOnViewAndCopy(n + " " + op + " row", v, x -> Elementwise.binary(op, x.astype(DType.I32), NDArray.full(DType.I64, 3, last)));
                }
            }
            sameOnViewAndCopy(n + " where", v, x -> Elementwise.where(Elementwise.binary(BinaryOp.GT, x, NDArray.scalar(0)), x, NDArray.scalar(-1)));
            if (v.size() > 0) {
                for (ReduceOp op : ReduceOp.values()) {
                    sameOnViewAndCopy(n + " " + op + " all", v, x -> Reduce.reduce(op, x, all));
                    for (int d = 0; d < nd; d++) {
                        int[] ax = {d};
                        sameOnViewAndCopy(n + " " + op + " axis " + d, v, x -> Reduce.reduce(op, x, ax));
                    }
                }
                for (int d = 0; d < nd; d++) {
                    int ax = d;
                    sameOnViewAndCopy(n + " moments " + d, v, x -> Reduce.moments(x, new int[] {ax}, false));
                    sameOnViewAndCopy(n + " argmax " + d, v, x -> Reduce.arg(x, ax, true, false, 0));
                }
            }
            if (nd == 2) {
                sameOnViewAndCopy(n + " matmul", v, x -> x.matmul(x.transpose()));
            }
            sameOnViewAndCopy(n + " reshape", v, x -> x.reshape(-1));
            sameOnViewAndCopy(n + " serializer", v, x -> {
                NDArraySerializer s = new NDArraySerializer();
                return s.fromFrames(s.toFrames(x));
            });
            sameOnViewAndCopy(n + " npy", v, x -> {
                Path p = dir.resolve(n + (x.isContiguous() ? "-c" : "-v") + ".npy");
                Npy.write(p, x);
                return Npy.read(p);
            });
            if (nd > 0 && v.size() > 0) {
                int[] chunks = new int[nd];
                java.util.Arrays.fill(chunks, 2);
                int[] whole = new int[nd];
                java.util.Arrays.fill(whole, -1);
                sameOnViewAndCopy(n + " chunked", v, x -> {
                    Array c = Array.fromNDArray(x, chunks);
                    return c.add(c).cumsum(nd - 1).rechunk(whole).sum(0).compute();
                });
            }
        }
    }

    @Test
    void slicingMatchesNumPy() throws Exception {
        NDArray a = random3d();
        Npy.write(dir.resolve("a.npy"), a);
        Npy.write(dir.resolve("s1.npy"), a.get(Slice.range(-1, Integer.MIN_VALUE, -2), Slice.range(1, 5, 3), Slice.range(5, 0, -1)));
        Npy.write(dir.resolve("s2.npy"), a.transpose(2, 0, 1).get(Slice.index(-2), Slice.range(0, 4, 2)));
        Npy.write(dir.resolve("s3.npy"), a.swapaxes(0, 1).get(Slice.indices(4, 0), Slice.index(3)).transpose());
        Npy.write(dir.resolve("s4.npy"), a.get(Slice.range(0, 100, 7), Slice.range(-100, 100)));
        NumPy.run(dir, """
                a = np.load('a.npy')
                for name, expected in [('s1', a[-1::-2, 1:5:3, 5:0:-1]), ('s2', a.transpose(2, 0, 1)[-2, 0:4:2]),
                                       ('s3', a.swapaxes(0, 1)[[4, 0], 3].T), ('s4', a[0:100:7, -100:100])]:
                    got = np.load(name + '.npy')
                    assert got.shape == expected.shape and np.array_equal(got, expected), (name, got.shape, expected.shape)
                """);
    }
}
