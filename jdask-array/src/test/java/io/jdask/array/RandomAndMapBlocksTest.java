package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.scheduler.Schedulers;
import org.junit.jupiter.api.Test;

/** Seeded random arrays (same seed and chunks, same values, whatever the scheduler) and mapBlocks. */
class RandomAndMapBlocksTest {
    private static NDArray sync(Array a) {
        try (var scope = Schedulers.use(Schedulers.sync())) {
            return a.compute();
        }
    }

    private static NDArray threaded(Array a) {
        try (var scope = Schedulers.use(Schedulers.threaded(3))) {
            return a.compute();
        }
    }

    @Test
    void sameSeedSameValuesWhateverTheScheduler() {
        int[] shape = {301, 57};
        int[] chunks = {40, 20};
        Array[] arrays = {ArrayRandom.uniform(shape, chunks, 1), ArrayRandom.normal(2, 3, shape, chunks, 1),
            ArrayRandom.integers(-4, 9, shape, chunks, 1), Array.random(shape, chunks, 1)};
        for (Array a : arrays) {
            NDArray s = sync(a);
            assertThat(threaded(a)).isEqualTo(s);
            assertThat(a.compute()).isEqualTo(s);
            assertThat(a.sum().compute()).isEqualTo(a.sum().compute());
        }
        assertThat(ArrayRandom.uniform(shape, chunks, 2).compute()).isNotEqualTo(arrays[0].compute());
        assertThat(Array.random(shape, chunks, 1).compute()).isEqualTo(arrays[0].compute());
    }

    @Test
    void distributionsHaveTheirRangesAndMoments() {
        int[] shape = {400, 250};
        int[] chunks = {128, 100};
        double[] u = ArrayRandom.uniform(shape, chunks, 9).compute().toDoubleArray();
        double[] g = ArrayRandom.normal(2, 3, shape, chunks, 9).compute().toDoubleArray();
        NDArray ints = ArrayRandom.integers(-4, 9, shape, chunks, 9).compute();
        assertThat(ints.dtype()).isEqualTo(DType.I64);
        double um = 0;
        double gm = 0;
        for (int i = 0; i < u.length; i++) {
            assertThat(u[i]).isGreaterThanOrEqualTo(0).isLessThan(1);
            um += u[i] / u.length;
            gm += g[i] / g.length;
        }
        double gv = 0;
        for (double v : g) {
            gv += (v - gm) * (v - gm) / g.length;
        }
        // 100k samples: the standard errors are about 0.001 (uniform mean), 0.01 (normal mean) and 0.02 (normal std)
        assertThat(um).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.005));
        assertThat(gm).isCloseTo(2, org.assertj.core.data.Offset.offset(0.05));
        assertThat(Math.sqrt(gv)).isCloseTo(3, org.assertj.core.data.Offset.offset(0.05));
        int[] counts = new int[13];
        for (long v : ints.toLongArray()) {
            assertThat(v).isBetween(-4L, 8L);
            counts[(int) v + 4]++;
        }
        for (int c : counts) {
            assertThat(c).isBetween(7000, 8400); // 100000 / 13 = 7692 each
        }
        assertThatThrownBy(() -> ArrayRandom.integers(3, 3, shape, chunks, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void mapBlocksAppliesTheFunctionPerBlockAndChecksDeclaredShapes() {
        double[] d = new double[7 * 5];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        Array x = Array.of(d, new int[] {7, 5}, 3, 2);
        NDArray doubled = x.mapBlocks(b -> b.multiply(NDArray.scalar(2)), DType.F64).compute();
        for (int i = 0; i < d.length; i++) {
            assertThat(doubled.toDoubleArray()[i]).isEqualTo(2 * d[i]);
        }
        // one row sum per block: output chunks declared per block
        Array sums = x.mapBlocks(b -> b.sum(0).reshape(1, b.shape()[1]), DType.F64, new int[][] {{1, 1, 1}, {2, 2, 1}});
        NDArray s = sums.compute();
        assertThat(s.shape()).containsExactly(3, 5);
        for (int bi = 0; bi < 3; bi++) {
            for (int j = 0; j < 5; j++) {
                double expected = 0;
                for (int i = bi * 3; i < Math.min(7, bi * 3 + 3); i++) {
                    expected += d[i * 5 + j];
                }
                assertThat(s.getDouble(bi, j)).isEqualTo(expected);
            }
        }
        Array wrong = x.mapBlocks(b -> b.sum(0), DType.F64);
        assertThatThrownBy(wrong::compute).hasStackTraceContaining("mapBlocks: the function returned a block of shape");
        assertThatThrownBy(() -> x.mapBlocks(b -> b, DType.F64, new int[][] {{7}, {5}})).hasMessageContaining("same number of blocks");
    }
}
