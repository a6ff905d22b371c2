package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PairwiseMomentsTest {
    @TempDir
    Path dir;

    /** Columns with every kind of gap and type the kernel distinguishes. */
    static Frame mixed(int rows, long seed) {
        Random r = new Random(seed);
        Frame.Builder b = Frame.builder();
        for (int k = 0; k < 6; k++) {
            int start = switch (k) {
                case 0 -> 0;
                case 1 -> rows - 1;                 // a single row
                default -> r.nextInt(rows / 2);
            };
            b.column("lead" + k, walk(rows, r, 100, i -> i < start));
        }
        b.column("scatter", walk(rows, r, 50, i -> r.nextInt(7) == 0));
        int end = rows / 2 + r.nextInt(rows / 3);
        b.column("trail", walk(rows, r, 20, i -> i >= end));
        b.column("mid", walk(rows, r, 5, i -> i < rows / 4 || i >= 3 * rows / 4));
        b.column("empty", walk(rows, r, 1, i -> true));
        b.column("const", Column.ofDoubles(fill(rows, i -> i < 3 ? Double.NaN : 3.7)));
        b.column("const_scatter", Column.ofDoubles(fill(rows, i -> r.nextInt(4) == 0 ? Double.NaN : 0.1)));
        double[] inf = fill(rows, i -> r.nextGaussian());
        inf[rows / 3] = Double.POSITIVE_INFINITY;
        b.column("with_inf", Column.ofDoubles(inf));
        float[] f = new float[rows];
        for (int i = 0; i < rows; i++) {
            f[i] = r.nextInt(5) == 0 ? Float.NaN : (float) (r.nextGaussian() * 3 + 1);
        }
        b.column("f32", Column.ofFloats(f));
        b.column("f16", Column.ofHalfs(f));
        long[] l = new long[rows];
        boolean[] ok = new boolean[rows];
        int[] ints = new int[rows];
        boolean[] bools = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            l[i] = r.nextInt(1000) - 300;
            ok[i] = r.nextInt(6) != 0;
            ints[i] = r.nextInt(50);
            bools[i] = r.nextBoolean();
        }
        b.column("i64", Column.ofLongs(l, ok));
        b.column("i32", Column.ofInts(ints));
        b.column("bool", Column.ofBooleans(bools));
        return b.build();
    }

    static Column walk(int rows, Random r, double level, java.util.function.IntPredicate missing) {
        double[] x = new double[rows];
        double v = level;
        for (int i = 0; i < rows; i++) {
            v += r.nextGaussian();
            x[i] = missing.test(i) ? Double.NaN : v;
        }
        return Column.ofDoubles(x);
    }

    static double[] fill(int rows, java.util.function.IntToDoubleFunction f) {
        double[] x = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = f.applyAsDouble(i);
        }
        return x;
    }

    /** pandas' corr and cov of the frame, keyed by file name. */
    private void pandas(Frame f, String... statements) throws IOException, InterruptedException {
        Pandas.writeMatrix(dir.resolve("x.bin"), f);
        StringBuilder s = new StringBuilder();
        s.append("x = np.fromfile('x.bin').reshape(").append(f.numRows()).append(", ").append(f.numColumns()).append(")\n");
        s.append("df = pd.DataFrame(x)\n");
        for (String st : statements) {
            s.append(st).append('\n');
        }
        Pandas.exec(dir, s.toString());
    }

    private double[][] read(String name, int n) throws IOException {
        return Pandas.readMatrix(dir.resolve(name), n, n);
    }

    static void assertSquare(Frame actual, List<String> names, double[][] expected, double tol) {
        assertThat(actual.columnNames()).isEqualTo(names);
        assertThat(actual.numRows()).isEqualTo(names.size());
        for (int i = 0; i < names.size(); i++) {
            assertThat(actual.index().getString(i)).isEqualTo(names.get(i));
            for (int j = 0; j < names.size(); j++) {
                double a = actual.column(j).getDouble(i);
                double e = expected[i][j];
                String where = names.get(i) + " x " + names.get(j) + ": expected " + e + ", got " + a;
                if (Double.isNaN(e)) {
                    assertThat(Double.isNaN(a)).as(where).isTrue();
                } else {
                    assertThat(Math.abs(a - e) <= tol * Math.max(1, Math.abs(e))).as(where).isTrue();
                }
            }
        }
    }

    /** Splits into {@code parts} partitions at random cut points (some possibly empty). */
    static List<Frame> split(Frame f, int parts, long seed) {
        Random r = new Random(seed);
        int[] cuts = new int[parts + 1];
        cuts[parts] = f.numRows();
        for (int k = 1; k < parts; k++) {
            cuts[k] = r.nextInt(f.numRows() + 1);
        }
        java.util.Arrays.sort(cuts);
        List<Frame> out = new ArrayList<>();
        for (int k = 0; k < parts; k++) {
            out.add(f.slice(cuts[k], cuts[k + 1]));
        }
        return out;
    }

    static List<Function<List<PairwiseMoments>, PairwiseMoments>> treeShapes() {
        return List.of(
                ms -> ms.stream().reduce(PairwiseMoments::merge).orElseThrow(),                    // left fold
                ms -> ms.reversed().stream().reduce((a, b) -> b.merge(a)).orElseThrow(),           // right fold
                PairwiseMomentsTest::balanced,
                PairwiseMoments::mergeAll);
    }

    static PairwiseMoments balanced(List<PairwiseMoments> ms) {
        if (ms.size() == 1) {
            return ms.get(0);
        }
        int h = ms.size() / 2;
        return balanced(ms.subList(0, h)).merge(balanced(ms.subList(h, ms.size())));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void corrAndCovMatchPandasForOnePartitionAndMergedTrees(long seed) throws Exception {
        Frame f = mixed(300, seed);
        List<String> names = f.columnNames();
        int n = names.size();
        pandas(f, "df.corr().to_numpy().tofile('c1.bin')",
                "df.corr(min_periods=40).to_numpy().tofile('c40.bin')",
                "df.cov().to_numpy().tofile('v1.bin')",
                "df.cov(min_periods=40).to_numpy().tofile('v40.bin')");
        double[][] c1 = read("c1.bin", n);
        double[][] c40 = read("c40.bin", n);
        double[][] v1 = read("v1.bin", n);
        double[][] v40 = read("v40.bin", n);

        List<PairwiseMoments> candidates = new ArrayList<>();
        candidates.add(PairwiseMoments.of(f, names));
        for (int parts : new int[] {2, 5, 13}) {
            List<PairwiseMoments> ms = split(f, parts, seed * 31 + parts).stream()
                    .map(p -> PairwiseMoments.of(p, names)).toList();
            for (var shape : treeShapes()) {
                candidates.add(shape.apply(ms));
            }
            List<Frame> pieces = split(f, parts, seed * 31 + parts);
            candidates.add(PairwiseMoments.of(pieces.subList(0, parts / 2 + 1), names)
                    .merge(PairwiseMoments.of(pieces.subList(parts / 2 + 1, parts), names)));
        }
        for (PairwiseMoments m : candidates) {
            assertThat(m.rows()).isEqualTo(300);
            assertSquare(m.correlation(1), names, c1, 1e-9);
            assertSquare(m.correlation(40), names, c40, 1e-9);
            assertSquare(m.covariance(1, 1), names, v1, 1e-9);
            assertSquare(m.covariance(40, 1), names, v40, 1e-9);
        }
    }

    /**
     * Columns at 1e6 with noise of 1 (pandas' own rounding stays near 1e-10 there) are compared
     * with pandas; with noise of 1e-3, pandas' running mean loses about 1e-8, so all columns are
     * also compared with an exact two-pass computation in rational arithmetic.
     */
    @Test
    void aLargeOffsetDoesNotCancelTheVariance() throws Exception {
        Random r = new Random(7);
        int rows = 300;
        Frame.Builder b = Frame.builder();
        for (int col = 0; col < 8; col++) {
            int k = col;
            int start = k * 20;
            double scale = k < 5 ? 1 : 1e-3;
            b.column("s" + k, Column.ofDoubles(fill(rows, i -> i < start || (k == 3 && r.nextInt(5) == 0)
                    ? Double.NaN : 1e6 + 1e3 * k + scale * r.nextGaussian())));
        }
        Frame f = b.build();
        List<String> names = f.columnNames();
        pandas(f, "df.corr().to_numpy().tofile('c.bin')", "df.cov().to_numpy().tofile('v.bin')",
                """
                from fractions import Fraction as F
                k = x.shape[1]
                out = np.full((k, k), np.nan)
                for i in range(k):
                    for j in range(k):
                        ok = np.isfinite(x[:, i]) & np.isfinite(x[:, j])
                        a = [F(v) for v in x[ok, i]]
                        b = [F(v) for v in x[ok, j]]
                        ma = sum(a) / len(a)
                        mb = sum(b) / len(b)
                        c = sum((p - ma) * (q - mb) for p, q in zip(a, b))
                        va = sum((p - ma) ** 2 for p in a)
                        vb = sum((q - mb) ** 2 for q in b)
                        out[i, j] = float(c / (va * vb) ** 0.5) if i != j else 1.0
                out.tofile('exact.bin')""");
        double[][] c = read("c.bin", names.size());
        double[][] v = read("v.bin", names.size());
        double[][] exact = read("exact.bin", names.size());
        List<String> pandasAccurate = names.subList(0, 5);
        double[][] c5 = new double[5][5];
        double[][] v5 = new double[5][5];
        for (int i = 0; i < 5; i++) {
            System.arraycopy(c[i], 0, c5[i], 0, 5);
            System.arraycopy(v[i], 0, v5[i], 0, 5);
        }
        PairwiseMoments one = PairwiseMoments.of(f, names);
        PairwiseMoments tree = balanced(split(f, 7, 3).stream().map(p -> PairwiseMoments.of(p, names)).toList());
        for (PairwiseMoments m : List.of(one, tree)) {
            PairwiseMoments sub = PairwiseMoments.of(f, pandasAccurate);
            assertSquare(sub.correlation(1), pandasAccurate, c5, 1e-9);
            assertSquare(sub.covariance(1, 1), pandasAccurate, v5, 1e-9);
            assertSquare(m.correlation(1), names, exact, 1e-11);
        }
    }

    @Test
    void withoutMissingValuesCovarianceHonoursDdofLikeNumpyCov() throws Exception {
        Random r = new Random(11);
        Frame f = Frame.builder()
                .column("a", Column.ofDoubles(fill(50, i -> r.nextGaussian())))
                .column("b", Column.ofInts(new int[50]))
                .column("c", Column.ofFloats(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}))
                .build();
        List<String> names = f.columnNames();
        pandas(f, "df.cov(ddof=0).to_numpy().tofile('d0.bin')", "df.cov(ddof=3).to_numpy().tofile('d3.bin')",
                "df.cov(min_periods=51).to_numpy().tofile('m51.bin')", "df.corr().to_numpy().tofile('c.bin')");
        PairwiseMoments m = split(f, 3, 5).stream().map(p -> PairwiseMoments.of(p, names))
                .reduce(PairwiseMoments::merge).orElseThrow();
        assertSquare(m.covariance(1, 0), names, read("d0.bin", 3), 1e-9);
        assertSquare(m.covariance(1, 3), names, read("d3.bin", 3), 1e-9);
        assertSquare(m.covariance(51, 1), names, read("m51.bin", 3), 1e-9);
        assertSquare(m.correlation(1), names, read("c.bin", 3), 1e-9);
    }

    @Test
    void manyColumnsSharingStartRowsMatchANaiveLoop() {
        // 150 columns (the kernel's parallel paths), most sharing one of a few start rows (their rows
        // of sums are copied from one owner), some without gaps, some with scattered gaps
        int rows = 60;
        int n = 150;
        Random r = new Random(11);
        int[] starts = {0, 5, 17, 40};
        Frame.Builder b = Frame.builder();
        double[][] x = new double[n][];
        List<String> names = new java.util.ArrayList<>();
        for (int c = 0; c < n; c++) {
            int start = starts[r.nextInt(starts.length)];
            boolean scattered = c % 10 == 3;
            Column col = walk(rows, r, 10 + c, i -> i < start || (scattered && r.nextInt(5) == 0));
            x[c] = ColumnValues.doubles(col);
            b.column("c" + c, col);
            names.add("c" + c);
        }
        PairwiseMoments m = PairwiseMoments.of(b.build());
        assertThat(PairwiseMoments.mergeAll(List.of(m))).isSameAs(m);
        double[][] expected = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                expected[i][j] = naiveCorr(x[i], x[j], i == j);
            }
        }
        assertSquare(m.correlation(1), names, expected, 1e-10);
    }

    /** Pearson correlation over the rows where both are finite, as pandas defines it. */
    private static double naiveCorr(double[] a, double[] b, boolean diagonal) {
        double sa = 0;
        double sb = 0;
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                sa += a[i];
                sb += b[i];
                count++;
            }
        }
        if (count == 0) {
            return Double.NaN;
        }
        double ma = sa / count;
        double mb = sb / count;
        double cab = 0;
        double caa = 0;
        double cbb = 0;
        for (int i = 0; i < a.length; i++) {
            if (Double.isFinite(a[i]) && Double.isFinite(b[i])) {
                cab += (a[i] - ma) * (b[i] - mb);
                caa += (a[i] - ma) * (a[i] - ma);
                cbb += (b[i] - mb) * (b[i] - mb);
            }
        }
        if (diagonal) {
            return caa != 0 ? 1.0 : Double.NaN;
        }
        double d = Math.sqrt(caa * cbb);
        return d != 0 ? cab / d : Double.NaN;
    }

    @Test
    void pairCountsAndColumnSelection() {
        Frame f = Frame.builder()
                .column("name", Column.ofStrings("a", "b", "c"))
                .column("x", Column.ofDoubles(1, Double.NaN, 3))
                .column("y", Column.ofDoubles(Double.NaN, 2, 3))
                .build();
        assertThat(PairwiseMoments.numericColumns(f)).containsExactly("x", "y");
        PairwiseMoments m = PairwiseMoments.of(f);
        assertThat(m.columns()).containsExactly("x", "y");
        assertThat(m.count(0, 0)).isEqualTo(2);
        assertThat(m.count(0, 1)).isEqualTo(1);
        assertThat(m.count(1, 0)).isEqualTo(1);
        assertThat(m.nbytes()).isEqualTo(8L * (3 * 4 + 2));
        Frame c = m.correlation(1);
        assertThat(c.column("x").getDouble(0)).isEqualTo(1.0);
        assertThat(c.column("y").isNull(0)).isTrue();   // a single common row
    }

    @Test
    void noRowsAndNoColumns() {
        Frame empty = Frame.builder().column("x", Column.ofDoubles()).column("y", Column.ofInts()).build();
        PairwiseMoments m = PairwiseMoments.of(empty);
        assertThat(m.rows()).isZero();
        Frame c = m.correlation(1);
        Frame v = m.covariance(1, 1);
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < 2; i++) {
                assertThat(c.column(j).isNull(i)).isTrue();
                assertThat(v.column(j).isNull(i)).isTrue();
            }
        }
        // the statistics of no rows are the identity of merge
        Frame one = Frame.builder().column("x", Column.ofDoubles(1, 2, 4)).column("y", Column.ofInts(1, 0, 5)).build();
        PairwiseMoments a = PairwiseMoments.of(one);
        assertThat(m.merge(a).correlation(0)).isEqualTo(a.correlation(0));
        assertThat(a.merge(m).covariance(0, 1)).isEqualTo(a.covariance(0, 1));
        assertThat(PairwiseMoments.of(List.of(), List.of("x", "y")).merge(a).correlation(1)).isEqualTo(a.correlation(1));
        Frame none = PairwiseMoments.of(one, List.of()).correlation(1);
        assertThat(none.numRows()).isZero();
        assertThat(none.numColumns()).isZero();
    }

    @Test
    void badInputIsNamed() {
        Frame f = Frame.builder()
                .column("name", Column.ofStrings("a"))
                .column("x", Column.ofDoubles(1))
                .build();
        assertThatThrownBy(() -> PairwiseMoments.of(f, List.of("x", "name")))
                .hasMessageContaining("column 'name' is string");
        assertThatThrownBy(() -> PairwiseMoments.of(f, List.of("x", "x"))).hasMessageContaining("'x' is listed twice");
        assertThatThrownBy(() -> PairwiseMoments.of(f, List.of("z"))).hasMessageContaining("no column 'z'");
        PairwiseMoments a = PairwiseMoments.of(f, List.of("x"));
        PairwiseMoments b = PairwiseMoments.of(Frame.builder().column("y", Column.ofDoubles(1)).build(), List.of("y"));
        assertThatThrownBy(() -> a.merge(b)).hasMessageContaining("over columns [y] into moments over [x]");
    }
}
