package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Array#nancumsum} and {@link Array#nancumprod} against naive loops over data with NaNs. */
class NanCumulativeTest {
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> cases() {
        return ArrayOpsTest.cases();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void nanScansMatchLoops(int rows, int cols, int[] chunks) {
        double[] d = ArrayOpsTest.data(rows, cols, 9);
        for (int i = 0; i < d.length; i += 3) {
            d[i] = Double.NaN;
        }
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.isNaN(d[i]) ? d[i] : d[i] / 10 + 1;
        }
        Array x = Array.of(d, new int[] {rows, cols}, chunks);
        double[] down = new double[d.length];
        double[] across = new double[d.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = d[i * cols + j];
                down[i * cols + j] = (Double.isNaN(v) ? 0 : v) + (i > 0 ? down[(i - 1) * cols + j] : 0);
                across[i * cols + j] = (Double.isNaN(v) ? 1 : v) * (j > 0 ? across[i * cols + j - 1] : 1);
            }
        }
        ArrayOpsTest.close(x.nancumsum(0).compute(), down, rows, cols);
        ArrayOpsTest.close(x.nancumprod(1).compute(), across, rows, cols);
        assertThat(x.nancumsum(0).name()).startsWith("nancumsum-");
    }

    @org.junit.jupiter.api.Test
    void integersAndFloat32() {
        Array ints = Array.of(new double[] {1, 2, 3, 4}, new int[] {4}, 3).astype(DType.I32);
        assertThat(ints.nancumsum(0).dtype()).isEqualTo(DType.I64);
        assertThat(ints.nancumsum(0).compute().toDoubleArray()).containsExactly(1, 3, 6, 10);
        Array f = Array.of(new double[] {Double.NaN, 2, Double.NaN, 4, 0.5}, new int[] {5}, 2).astype(DType.F32);
        assertThat(f.nancumprod(0).dtype()).isEqualTo(DType.F32);
        assertThat(f.nancumprod(0).compute().toDoubleArray()).containsExactly(1, 2, 2, 8, 4);
        assertThat(f.nancumsum(0).compute().toDoubleArray()).containsExactly(0, 2, 2, 6, 6.5);
    }
}
