package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Reductions that never materialise their input (random blocks generated strip by strip, and
 * {@code x op x.T} summed from one pass over each block) against naive loops over the values.
 */
class FusedReductionTest {
    @Test
    void counterBasedUniformEqualsSplittableRandom() {
        for (long seed : new long[] {0, 1, -7, 0x5DEECE66DL, Long.MAX_VALUE}) {
            SplittableRandom rng = new SplittableRandom(seed);
            double[] expected = new double[10_000];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = rng.nextDouble();
            }
            assertThat(Uniform.block(seed, expected.length)).isEqualTo(expected);
            for (int scratch : new int[] {1, 7, Uniform.STEP}) {
                for (int first : new int[] {0, 1, 4095, 4096, 5000}) {
                    int len = expected.length - first;
                    double[] out = new double[len + 3];
                    Uniform.fill(out, 3, len, seed, first, new long[scratch]);
                    for (int k = 0; k < len; k++) {
                        assertThat(out[3 + k]).isEqualTo(expected[first + k]);
                    }
                }
            }
        }
    }

    @Test
    void randomBlocksAreSplittableRandomPerBlock() {
        int[] shape = {23, 17};
        int[] ch = {10, 8};
        double[] v = Array.random(shape, ch, 5).compute().toDoubleArray();
        int[] grid = {3, 3};
        for (int bi = 0; bi < 3; bi++) {
            for (int bj = 0; bj < 3; bj++) {
                SplittableRandom rng = new SplittableRandom(Creation.blockSeed(5, new int[] {bi, bj}, grid));
                for (int i = bi * 10; i < Math.min(23, bi * 10 + 10); i++) {
                    for (int j = bj * 8; j < Math.min(17, bj * 8 + 8); j++) {
                        assertThat(v[i * 17 + j]).isEqualTo(rng.nextDouble());
                    }
                }
            }
        }
    }

    /** 2-D cases "rows,cols,chunkRows,chunkCols": blocks of more than one strip, uneven last blocks. */
    @ParameterizedTest
    @ValueSource(strings = {"300,250,200,250", "53,53,10,10", "41,29,16,7", "1,9,1,4", "0,5,3,3"})
    void reductionsOfGeneratedBlocksMatchLoops(String spec) {
        int[] p = java.util.Arrays.stream(spec.split(",")).mapToInt(Integer::parseInt).toArray();
        int m = p[0];
        int n = p[1];
        Array x = Array.random(new int[] {m, n}, new int[] {p[2], p[3]}, 17);
        assertThat(x.fusion()).isInstanceOf(Uniform.Blocks.class);
        double[] v = x.compute().toDoubleArray();
        double[] col = new double[n];
        double[] row = new double[m];
        double[] colMax = new double[n];
        java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
        long[] rowArgmin = new long[m];
        double total = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double a = v[i * n + j];
                col[j] += a;
                row[i] += a;
                total += a;
                colMax[j] = Math.max(colMax[j], a);
                if (a < v[i * n + (int) rowArgmin[i]]) {
                    rowArgmin[i] = j;
                }
            }
        }
        close(x.sum().compute(), new double[] {total});
        close(x.sum(0).compute(), col);
        close(x.sum(1).compute(), row);
        close(x.mean(0).compute(), scale(col, 1.0 / m));
        if (m > 0) {
            close(x.max(0).compute(), colMax);
            assertThat(x.argmin(1).compute().toLongArray()).isEqualTo(rowArgmin);
            double[] var = new double[n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double d = v[i * n + j] - col[j] / m;
                    var[j] += d * d / m;
                }
            }
            close(x.var(0).compute(), var);
        }
    }

    @Test
    void oneAndThreeDimensionalGeneratedReductions() {
        Array a = Array.random(new int[] {100_000}, new int[] {40_000}, 3);
        double[] v = a.compute().toDoubleArray();
        double s = 0;
        for (double d : v) {
            s += d;
        }
        close(a.sum().compute(), new double[] {s});
        Array b = Array.random(new int[] {70, 30, 40}, new int[] {50, 30, 25}, 4);
        double[] w = b.compute().toDoubleArray();
        double[] plane = new double[30 * 40];
        double[] first = new double[70];
        for (int i = 0; i < 70; i++) {
            for (int k = 0; k < 1200; k++) {
                plane[k] += w[i * 1200 + k];
                first[i] += w[i * 1200 + k];
            }
        }
        close(b.sum(0).compute(), plane);
        close(b.sum(new int[] {1, 2}).compute(), first);
    }

    /** "n,chunkRows,chunkCols": square x, its own transpose; unequal chunks make both sides rechunk. */
    @ParameterizedTest
    @ValueSource(strings = {"301,128,128", "60,60,60", "50,20,20", "37,10,15", "9,4,9"})
    void linearReductionsOfPlusOwnTransposeMatchLoops(String spec) {
        int[] p = java.util.Arrays.stream(spec.split(",")).mapToInt(Integer::parseInt).toArray();
        int n = p[0];
        Array gen = Array.random(new int[] {n, n}, new int[] {p[1], p[2]}, 23);
        Array persisted = gen.persist();
        double[] v = persisted.compute().toDoubleArray();
        double[] colMeanSum = new double[n];
        double[] rowSumDiff = new double[n];
        double totalSum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double plus = v[i * n + j] + v[j * n + i];
                colMeanSum[j] += plus / n;
                rowSumDiff[i] += v[i * n + j] - v[j * n + i];
                totalSum += plus;
            }
        }
        assertThat(layers(gen.add(gen.transpose()).mean(0))).contains("sums-both-ways");
        if (p[1] == p[2]) {
            // square blocks need no rechunk: the random blocks are generated inside the sums, never stored
            assertThat(layers(gen.add(gen.transpose()).mean(0))).doesNotContain("random-uniform");
        }
        assertThat(layers(persisted.add(persisted.transpose()).mean(0))).contains("sums-both-ways");
        assertThat(layers(gen.sum(0))).doesNotContain("random-uniform");
        for (Array x : new Array[] {gen, persisted}) {
            close(x.add(x.transpose()).mean(0).compute(), colMeanSum);
            close(x.subtract(x.transpose()).sum(1).compute(), rowSumDiff);
            close(x.add(x.transpose()).sum().compute(), new double[] {totalSum});
            close(x.add(x.transpose()).mean().compute(), new double[] {totalSum / ((double) n * n)});
        }
        // a different right operand: each side is read once without the shared-sums layer
        Array y = Array.random(new int[] {n, n}, new int[] {p[1], p[2]}, 24);
        double[] w = y.compute().toDoubleArray();
        double[] col = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                col[j] += v[i * n + j] + w[j * n + i];
            }
        }
        close(gen.add(y.transpose()).sum(0).compute(), col);
    }

    @Test
    void bothWaysSumsOneBlockInStrips() {
        int m = 13;
        int n = 6;
        double[] d = new double[m * n];
        for (int k = 0; k < d.length; k++) {
            d[k] = k * 0.5 - 3;
        }
        NDArray b = NDArray.of(d, m, n);
        Function<Integer, NDArray[]> strips = rows -> Transposed.bothWays((r0, r1) -> b.get(Slice.range(r0, r1)).copy(),
                new int[] {m, n}, rows, new int[] {0}, new int[] {1});
        for (int rows : new int[] {1, 4, 13, 20}) {
            NDArray[] s = strips.apply(rows);
            // the values are multiples of 0.5 far below 2^52: every order of summation is exact
            assertThat(s[0].toDoubleArray()).isEqualTo(b.sum(0).toDoubleArray());
            assertThat(s[1].toDoubleArray()).containsExactly(b.sum(1).toDoubleArray());
            assertThat(s[0].shape()).containsExactly(1, n);
            assertThat(s[1].shape()).containsExactly(m, 1);
        }
    }

    /** @return the key prefixes of the array's task graph */
    private static java.util.Set<String> layers(Array a) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (io.jdask.graph.Key k : a.graph().materialize().nodes().keySet()) {
            names.add(k.prefix());
        }
        return names;
    }

    private static double[] scale(double[] a, double f) {
        double[] r = a.clone();
        for (int i = 0; i < r.length; i++) {
            r[i] *= f;
        }
        return r;
    }

    private static void close(NDArray got, double[] expected) {
        double[] g = got.toDoubleArray();
        assertThat(g).hasSize(expected.length);
        for (int i = 0; i < g.length; i++) {
            if (Double.isNaN(expected[i])) {
                assertThat(g[i]).as("element %d", i).isNaN();
                continue;
            }
            assertThat(g[i]).as("element %d", i).isCloseTo(expected[i],
                    org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
