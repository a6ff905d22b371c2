package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Chunked operations against naive loops over the same seeded data, for several chunkings. */
class ArrayOpsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(7, 5, new int[] {-1, -1}),
                Arguments.of(7, 5, new int[] {3, 2}),
                Arguments.of(7, 5, new int[] {1, 1}),
                Arguments.of(7, 5, new int[] {4, -1}),
                Arguments.of(1, 5, new int[] {1, 2}),
                Arguments.of(6, 1, new int[] {4, 1}),
                Arguments.of(0, 3, new int[] {2, 2}));
    }

    static double[] data(int rows, int cols, long seed) {
        Random r = new Random(seed);
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.round(r.nextGaussian() * 100) / 10.0;
        }
        return d;
    }

    static void close(NDArray actual, double[] expected, int... shape) {
        close(1e-9, actual, expected, shape);
    }

    static void close(double rtol, NDArray actual, double[] expected, int... shape) {
        assertThat(actual.shape()).containsExactly(shape);
        double[] a = actual.toDoubleArray();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(a[i]).as("element %d", i).isNaN();
            } else {
                assertThat(a[i]).as("element %d", i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(rtol * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void reductionsMatchLoops(int rows, int cols, int[] chunks) {
        double[] d = data(rows, cols, 1);
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        double[] colSum = new double[cols];
        double[] rowSum = new double[rows];
        double[] colMax = new double[cols];
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        double total = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = d[i * cols + j];
                colSum[j] += v;
                rowSum[i] += v;
                colMax[j] = Math.max(colMax[j], v);
                total += v;
            }
        }
        close(x.sum().compute(), new double[] {total});
        close(x.sum(0).compute(), colSum, cols);
        close(x.sum(1).compute(), rowSum, rows);
        double[] colMean = new double[cols];
        double[] colVar = new double[cols];
        for (int j = 0; j < cols; j++) {
            colMean[j] = colSum[j] / rows;
            for (int i = 0; i < rows; i++) {
                double dev = d[i * cols + j] - colMean[j];
                colVar[j] += dev * dev / rows;
            }
            colVar[j] = rows == 0 ? Double.NaN : colVar[j]; // NumPy: the variance of nothing is NaN
        }
        close(x.mean(0).compute(), colMean, cols);
        close(x.var(0).compute(), colVar, cols);
        double[] colStd = colVar.clone();
        for (int j = 0; j < cols; j++) {
            colStd[j] = Math.sqrt(colVar[j]);
        }
        close(x.std(0).compute(), colStd, cols);
        if (rows > 0) {
            close(x.max(0).compute(), colMax, cols);
            double[] arg = new double[cols];
            for (int j = 0; j < cols; j++) {
                for (int i = 0; i < rows; i++) {
                    if (d[i * cols + j] == colMax[j]) {
                        arg[j] = i;
                        break;
                    }
                }
            }
            close(x.argmax(0).compute(), arg, cols);
            assertThat(x.argmax(0).dtype()).isEqualTo(DType.I64);
        } else {
            assertThatThrownBy(() -> x.max(0).compute()).hasMessageContaining("zero-size array");
        }
        assertThat(x.gt(0.0).any().compute().getBoolean()).isEqualTo(java.util.Arrays.stream(d).anyMatch(v -> v > 0));
        assertThat(x.gt(-1e9).all().compute().getBoolean()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nanReductionsSkipNan(int rows, int cols, int[] chunks) {
        double[] d = data(rows, cols, 2);
        if (d.length > 1) {
            d[1] = Double.NaN;
        }
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        double[] colSum = new double[cols];
        double[] count = new double[cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = d[i * cols + j];
                if (!Double.isNaN(v)) {
                    colSum[j] += v;
                    count[j]++;
                }
            }
        }
        double[] mean = new double[cols];
        for (int j = 0; j < cols; j++) {
            mean[j] = colSum[j] / count[j];
        }
        close(x.nansum(0).compute(), colSum, cols);
        close(x.nanmean(0).compute(), mean, cols);
        if (d.length > 1) {
            assertThat(x.sum().compute().scalar()).isNaN();
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void elementwiseWithBroadcasting(int rows, int cols, int[] chunks) {
        double[] d = data(rows, cols, 3);
        double[] row = data(1, cols, 4);
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        Array r = Array.of(row, new int[] {cols}, 2);
        double[] expected = new double[d.length];
        double[] expected2 = new double[d.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                expected[i * cols + j] = d[i * cols + j] * row[j] - 1;
                expected2[i * cols + j] = Math.exp(Math.abs(d[i * cols + j])) > 2 ? d[i * cols + j] : 0;
            }
        }
        close(x.multiply(r).subtract(1).compute(), expected, rows, cols);
        Array big = x.abs().exp().gt(2.0);
        close(Array.where(big, x, Array.zeros(DType.F64, new int[] {1}, 1)).compute(), expected2, rows, cols);
        close(x.astype(DType.F32).astype(DType.F64).compute(), floats(d), rows, cols);
    }

    static double[] floats(double[] d) {
        double[] r = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            r[i] = (float) d[i];
        }
        return r;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void transposeSliceRechunkReshape(int rows, int cols, int[] chunks) {
        double[] d = data(rows, cols, 5);
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        double[] t = new double[d.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = d[i * cols + j];
            }
        }
        close(x.transpose().compute(), t, cols, rows);
        close(x.rechunk(2, 3).compute(), d, rows, cols);
        close(x.reshape(-1).compute(), d, rows * cols);
        close(x.reshape(-1).reshape(rows, cols).compute(), d, rows, cols);
        // x[::2, 1:] and x[-1] style selections
        int r2 = (rows + 1) / 2;
        int c2 = Math.max(0, cols - 1);
        double[] s = new double[r2 * c2];
        for (int i = 0; i < r2; i++) {
            for (int j = 0; j < c2; j++) {
                s[i * c2 + j] = d[2 * i * cols + j + 1];
            }
        }
        close(x.get(Slice.range(0, Integer.MAX_VALUE, 2), Slice.range(1, Integer.MAX_VALUE)).compute(), s, r2, c2);
        if (rows > 0) {
            double[] last = java.util.Arrays.copyOfRange(d, (rows - 1) * cols, rows * cols);
            close(x.get(Slice.index(-1)).compute(), last, cols);
            double[] rev = new double[rows];
            for (int i = 0; i < rows; i++) {
                rev[i] = d[(rows - 1 - i) * cols];
            }
            close(x.get(Slice.range(Integer.MAX_VALUE, Integer.MIN_VALUE, -1), Slice.index(0)).compute(), rev, rows);
            close(x.get(Slice.indices(rows - 1, 0)).compute(), concat(last, java.util.Arrays.copyOfRange(d, 0, cols)), 2, cols);
        }
    }

    static double[] concat(double[] a, double[] b) {
        double[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void matmulMatchesLoops(int rows, int cols, int[] chunks) {
        double[] a = data(rows, cols, 6);
        double[] b = data(cols, 4, 7);
        Array x = Array.of(a, new int[] {rows, cols}, chunks);
        Array y = Array.of(b, new int[] {cols, 4}, 2, 3);
        double[] c = new double[rows * 4];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < cols; k++) {
                    c[i * 4 + j] += a[i * cols + k] * b[k * 4 + j];
                }
            }
        }
        close(x.matmul(y).compute(), c, rows, 4);
        close(1e-4, x.astype(DType.F32).matmul(y.astype(DType.F32)).astype(DType.F64).compute(), c, rows, 4);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void cumulativeSumsAndProducts(int rows, int cols, int[] chunks) {
        double[] d = data(rows, cols, 12);
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        double[] down = d.clone();
        double[] across = d.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (i > 0) {
                    down[i * cols + j] += down[(i - 1) * cols + j];
                }
                if (j > 0) {
                    across[i * cols + j] *= across[i * cols + j - 1];
                }
            }
        }
        close(x.cumsum(0).compute(), down, rows, cols);
        close(x.cumprod(1).compute(), across, rows, cols);
        assertThat(x.gt(0.0).cumsum(0).dtype()).isEqualTo(DType.I64);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void booleanSelectionHasUnknownChunksUntilComputed(int rows, int cols, int[] chunks) {
        double[] d = data(rows, cols, 13);
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        Array firstPositive = x.get(Slice.all(), Slice.index(0)).gt(0.0);
        Array selected = cols == 0 ? x : x.get(firstPositive);
        java.util.List<Double> keptRows = new java.util.ArrayList<>();
        java.util.List<Double> positives = new java.util.ArrayList<>();
        int kept = 0;
        for (int i = 0; i < rows; i++) {
            if (d[i * cols] > 0) {
                kept++;
                for (int j = 0; j < cols; j++) {
                    keptRows.add(d[i * cols + j]);
                }
            }
            for (int j = 0; j < cols; j++) {
                if (d[i * cols + j] > 0) {
                    positives.add(d[i * cols + j]);
                }
            }
        }
        assertThat(selected.shape()[0]).isEqualTo(-1);
        assertThat(selected.toString()).contains("shape=(nan, " + cols + ")").contains("bytes=nan");
        assertThatThrownBy(() -> selected.rechunk(2, 2)).hasMessageContaining("computeChunkSizes()");
        close(selected.compute(), keptRows.stream().mapToDouble(Double::doubleValue).toArray(), kept, cols);
        close(selected.sum(0).compute(), columnSums(keptRows, cols), cols);
        Array known = selected.computeChunkSizes();
        assertThat(known.shape()).containsExactly(kept, cols);
        close(known.rechunk(2, 2).compute(), keptRows.stream().mapToDouble(Double::doubleValue).toArray(), kept, cols);
        Array all = x.get(x.gt(0.0));
        close(all.compute(), positives.stream().mapToDouble(Double::doubleValue).toArray(), positives.size());
        close(all.computeChunkSizes().cumsum(0).compute(), cumulative(positives), positives.size());
    }

    static double[] columnSums(java.util.List<Double> flat, int cols) {
        double[] r = new double[cols];
        for (int k = 0; k < flat.size(); k++) {
            r[k % cols] += flat.get(k);
        }
        return r;
    }

    static double[] cumulative(java.util.List<Double> values) {
        double[] r = new double[values.size()];
        double acc = 0;
        for (int k = 0; k < r.length; k++) {
            acc += values.get(k);
            r[k] = acc;
        }
        return r;
    }

    @org.junit.jupiter.api.Test
    void mathFunctionsMatchJavaMath() {
        long[] ints = {-3, 0, 2, 5, 9};
        Array x = Array.fromNDArray(NDArray.of(ints), 2);
        assertThat(ArrayMath.sin(x).dtype()).isEqualTo(DType.F64);
        assertThat(x.abs().dtype()).isEqualTo(DType.I64);
        double[] sin = new double[ints.length];
        double[] floor = new double[ints.length];
        for (int i = 0; i < ints.length; i++) {
            sin[i] = Math.sin(ints[i]);
            floor[i] = Math.floor(ints[i] / 2.0);
        }
        close(ArrayMath.sin(x).compute(), sin, 5);
        close(ArrayMath.floor(x.divide(2)).compute(), floor, 5);
        close(x.clip(0, 4).compute(), new double[] {0, 0, 2, 4, 4}, 5);
        close(ArrayMath.isnan(x.astype(DType.F64).divide(x.astype(DType.F64))).astype(DType.F64).compute(),
                new double[] {0, 1, 0, 0, 0}, 5);
        NDArray half = Array.fromNDArray(NDArray.of(new double[] {0.5, 1.5, 2.25}), 2).astype(DType.F16).multiply(2).compute();
        assertThat(half.dtype()).isEqualTo(DType.F16);
        assertThat(half.toDoubleArray()).containsExactly(1, 3, 4.5);
        assertThat(NDArray.of(new double[] {1, 2.5, 3, 4}, 2, 2).toString()).isEqualTo("array([[1., 2.5],\n       [3., 4.]])");
        assertThat(NDArray.of(new double[] {1.0 / 3, 1.7303585589019027E-16, Double.NaN}).toString())
                .isEqualTo("array([0.33333333, 1.7303586e-16, nan])");
        assertThat(NDArray.of(new long[] {1, 2}).astype(DType.I32).toString()).isEqualTo("array([1, 2], dtype=int32)");
        String big = Array.arange(0, 2000, 1, -1).compute().toString();
        assertThat(big).isEqualTo("array([0., 1., 2., ..., 1997., 1998., 1999.])");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void concatenateAndStack(int rows, int cols, int[] chunks) {
        double[] a = data(rows, cols, 8);
        double[] b = data(rows, cols, 9);
        Array x = Array.of(a, new int[] {rows, cols}, chunks);
        Array y = Array.of(b, new int[] {rows, cols}, 2, 2);
        close(Array.concatenate(List.of(x, y), 0).compute(), concat(a, b), 2 * rows, cols);
        close(Array.stack(List.of(x, y), 0).compute(), concat(a, b), 2, rows, cols);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"7,7", "3,2", "2,5", "1,7"})
    void plusOwnTransposeIsFusedAndCorrect(String spec) {
        int[] ch = java.util.Arrays.stream(spec.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = 7;
        double[] d = data(n, n, 11);
        Array x = Array.of(d, new int[] {n, n}, ch);
        double[] sum = new double[n * n];
        double[] diff = new double[n * n];
        double[] colMean = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sum[i * n + j] = d[i * n + j] + d[j * n + i];
                diff[i * n + j] = d[i * n + j] - d[j * n + i];
                colMean[j] += sum[i * n + j] / n;
            }
        }
        assertThat(x.add(x.transpose()).name()).startsWith("add-transposed-");
        close(x.add(x.transpose()).compute(), sum, n, n);
        close(x.subtract(x.transpose()).compute(), diff, n, n);
        close(x.add(x.transpose()).mean(0).compute(), colMean, n);
        double[] rowSumDiff = new double[n];
        double total = 0;
        double[] colMax = new double[n];
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowSumDiff[i] += diff[i * n + j];
                total += sum[i * n + j];
                colMax[j] = Math.max(colMax[j], sum[i * n + j]);
            }
        }
        close(x.subtract(x.transpose()).sum(1).compute(), rowSumDiff, n);
        close(x.add(x.transpose()).sum().compute(), new double[] {total});
        close(x.add(x.transpose()).max(0).compute(), colMax, n);
        close(x.add(x.transpose()).var(0).compute(), columnVariances(sum, n), n);
    }

    static double[] columnVariances(double[] m, int n) {
        double[] mean = new double[n];
        double[] var = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                mean[j] += m[i * n + j] / n;
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                var[j] += (m[i * n + j] - mean[j]) * (m[i * n + j] - mean[j]) / n;
            }
        }
        return var;
    }

    @org.junit.jupiter.api.Test
    void creationAndErrors() {
        close(Array.arange(0, 10, 3, 2).compute(), new double[] {0, 3, 6, 9}, 4);
        close(Array.linspace(0, 1, 5, 2).compute(), new double[] {0, 0.25, 0.5, 0.75, 1}, 5);
        close(Array.eye(3, 2).compute(), new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        close(Array.full(DType.I32, 7, new int[] {2, 2}, 1, 1).compute(), new double[] {7, 7, 7, 7}, 2, 2);
        NDArray r1 = Array.random(new int[] {9, 9}, new int[] {4, 4}, 42).compute();
        NDArray r2 = Array.random(new int[] {9, 9}, new int[] {4, 4}, 42).compute();
        assertThat(r1).isEqualTo(r2);
        assertThat(java.util.Arrays.stream(r1.toDoubleArray()).allMatch(v -> v >= 0 && v < 1)).isTrue();
        assertThatThrownBy(() -> Array.ones(DType.F64, new int[] {3, 4}, 2, 2).add(Array.ones(DType.F64, new int[] {3, 5}, 2, 2)))
                .hasMessageContaining("(3, 4)").hasMessageContaining("(3, 5)");
        assertThatThrownBy(() -> Array.ones(DType.F64, new int[] {3, 4}, 2, 2).matmul(Array.ones(DType.F64, new int[] {3, 4}, 2, 2)))
                .hasMessageContaining("(3, 4) and (3, 4)");
        Array x = Array.ones(DType.F64, new int[] {4, 4}, 2, 2);
        assertThat(x.toString()).startsWith("jdask.Array<ones, shape=(4, 4), dtype=float64, chunksize=(2, 2)")
                .contains("tasks=4").contains("bytes=128");
        io.jdask.Delayed<NDArray> d = io.jdask.Delayed.value(NDArray.of(new double[] {1, 2, 3}));
        close(Array.fromDelayed(d, new int[] {3}, DType.F64).sum().compute(), new double[] {6});
    }

    @org.junit.jupiter.api.Test
    void serializerRoundTripsEveryDtype() {
        NDArraySerializer s = new NDArraySerializer();
        for (DType t : DType.values()) {
            NDArray a = NDArray.of(new double[] {1, 0, 2.5, -3, 4, 6}, 2, 3).astype(t);
            assertThat(s.fromFrames(s.toFrames(a))).isEqualTo(a);
        }
        NDArray empty = NDArray.zeros(DType.F32, 0, 4);
        assertThat(s.fromFrames(s.toFrames(empty))).isEqualTo(empty);
    }
}
