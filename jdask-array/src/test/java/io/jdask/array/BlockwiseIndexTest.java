package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

/** {@link Array#blockwise} against naive loops, on uneven chunks. */
class BlockwiseIndexTest {
    private static final int[][] ROWS_7_BY_5 = {{3, 3, 1}, {2, 2, 1}};

    @org.junit.jupiter.api.Test
    void elementwiseAdd() {
        double[] a = ArrayOpsTest.data(7, 5, 1);
        double[] b = ArrayOpsTest.data(7, 5, 2);
        Array x = Array.of(a, new int[] {7, 5}, -1, -1).rechunk(ROWS_7_BY_5);
        Array y = Array.of(b, new int[] {7, 5}, -1, -1).rechunk(ROWS_7_BY_5);
        Array z = Array.blockwise(blocks -> Elementwise.binary(BinaryOp.ADD, (NDArray) blocks.get(0), (NDArray) blocks.get(1)),
                "ij", x, "ij", y, "ij");
        assertThat(z.chunkSizes()).isDeepEqualTo(ROWS_7_BY_5);
        assertThat(z.dtype()).isEqualTo(DType.F64);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = a[i] + b[i];
        }
        ArrayOpsTest.close(z.compute(), expected, 7, 5);
    }

    @org.junit.jupiter.api.Test
    void transposeAdd() {
        double[] a = ArrayOpsTest.data(5, 5, 3);
        double[] b = ArrayOpsTest.data(5, 5, 4);
        Array x = Array.of(a, new int[] {5, 5}, -1, -1).rechunk(new int[][] {{2, 3}, {4, 1}});
        Array y = Array.of(b, new int[] {5, 5}, -1, -1).rechunk(new int[][] {{4, 1}, {2, 3}});
        Array z = Array.blockwise(blocks -> Elementwise.binary(BinaryOp.ADD, (NDArray) blocks.get(0),
                ((NDArray) blocks.get(1)).transpose()), "ij", x, "ij", y, "ji");
        double[] expected = new double[25];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 5; j++) {
                expected[i * 5 + j] = a[i * 5 + j] + b[j * 5 + i];
            }
        }
        ArrayOpsTest.close(z.compute(), expected, 5, 5);
    }

    @org.junit.jupiter.api.Test
    void contractionIsAMatrixProduct() {
        double[] a = ArrayOpsTest.data(7, 5, 5);
        double[] b = ArrayOpsTest.data(5, 4, 6);
        Array x = Array.of(a, new int[] {7, 5}, -1, -1).rechunk(new int[][] {{3, 3, 1}, {2, 2, 1}});
        Array y = Array.of(b, new int[] {5, 4}, -1, -1).rechunk(new int[][] {{2, 2, 1}, {3, 1}});
        Array z = Array.blockwise(blocks -> {
            List<?> left = (List<?>) blocks.get(0);
            List<?> right = (List<?>) blocks.get(1);
            NDArray acc = null;
            for (int k = 0; k < left.size(); k++) {
                NDArray p = Blas.matmul((NDArray) left.get(k), (NDArray) right.get(k), null);
                acc = acc == null ? p : Elementwise.binary(BinaryOp.ADD, acc, p);
            }
            return acc;
        }, "ik", x, "ij", y, "jk");
        assertThat(z.chunkSizes()).isDeepEqualTo(new int[][] {{3, 3, 1}, {3, 1}});
        double[] expected = new double[7 * 4];
        for (int i = 0; i < 7; i++) {
            for (int k = 0; k < 4; k++) {
                for (int j = 0; j < 5; j++) {
                    expected[i * 4 + k] += a[i * 5 + j] * b[j * 4 + k];
                }
            }
        }
        ArrayOpsTest.close(z.compute(), expected, 7, 4);
    }

    @org.junit.jupiter.api.Test
    void twoContractedLettersGiveNestedLists() {
        double[] a = ArrayOpsTest.data(3, 20, 7);
        Array x = Array.of(a, new int[] {3, 4, 5}, 2, 3, 2);
        Array sums = Array.blockwise(blocks -> {
            List<?> alongJ = (List<?>) blocks.get(0);
            assertThat(alongJ).hasSize(2);
            double[] acc = null;
            for (Object alongK : alongJ) {
                assertThat((List<?>) alongK).hasSize(3);
                for (Object b : (List<?>) alongK) {
                    NDArray s = ((NDArray) b).sum(1, 2);
                    double[] v = s.toDoubleArray();
                    if (acc == null) {
                        acc = new double[v.length];
                    }
                    for (int i = 0; i < v.length; i++) {
                        acc[i] += v[i];
                    }
                }
            }
            return NDArray.of(acc, acc.length);
        }, "i", x, "ijk");
        double[] expected = new double[3];
        for (int i = 0; i < 60; i++) {
            expected[i / 20] += a[i];
        }
        ArrayOpsTest.close(sums.compute(), expected, 3);
    }

    @org.junit.jupiter.api.Test
    void givenTypeAndChunks() {
        Array x = Array.of(new double[] {1, 2, 3, 4, 5, 6}, new int[] {6}, 4);
        Array sums = Array.blockwise(blocks -> NDArray.full(DType.I64, ((NDArray) blocks.get(0)).toDoubleArray().length, 1),
                DType.I64, new int[][] {{1, 1}}, "i", x, "i");
        assertThat(sums.dtype()).isEqualTo(DType.I64);
        assertThat(sums.compute().toDoubleArray()).containsExactly(4, 2);
    }

    @org.junit.jupiter.api.Test
    void mismatchedChunksNameBothArrays() {
        Array x = Array.of(new double[20], new int[] {4, 5}, 2, 2);
        Array y = Array.of(new double[20], new int[] {4, 5}, 2, 3);
        assertThatThrownBy(() -> Array.blockwise(blocks -> (NDArray) blocks.get(0), "ij", x, "ij", y, "ij"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("along index 'j'")
                .hasMessageContaining(x.name()).hasMessageContaining(y.name())
                .hasMessageContaining("((2, 2), (2, 2, 1))").hasMessageContaining("((2, 2), (3, 2))");
        assertThatThrownBy(() -> Array.blockwise(blocks -> (NDArray) blocks.get(0), "ijk", x, "ij"))
                .hasMessageContaining("'k' names no input dimension");
        assertThatThrownBy(() -> Array.blockwise(blocks -> (NDArray) blocks.get(0), "i", x, "i"))
                .hasMessageContaining("names 1 dimensions but the array (4, 5) has 2");
    }
}
