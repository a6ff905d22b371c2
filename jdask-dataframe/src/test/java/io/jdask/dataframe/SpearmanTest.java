package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Jdask;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code corr(CorrMethod.SPEARMAN, minPeriods)} against pandas 1.5's {@code df.corr(method="spearman")}. */
class SpearmanTest {
    @TempDir
    Path dir;

    /** {@link PairwiseMomentsTest#mixed} (every kind of gap and type) plus columns of ties, infinities and signed zeros. */
    static Frame withTies(int rows, long seed) {
        Random r = new Random(seed + 1);
        Frame f = PairwiseMomentsTest.mixed(rows, seed);
        double[] few = PairwiseMomentsTest.fill(rows, i -> r.nextInt(4));
        double[] fewGaps = PairwiseMomentsTest.fill(rows, i -> r.nextInt(5) == 0 ? Double.NaN : r.nextInt(3) - 1);
        double[] zeros = PairwiseMomentsTest.fill(rows, i -> switch (r.nextInt(4)) {
            case 0 -> -0.0;
            case 1 -> 0.0;
            case 2 -> Double.NaN;
            default -> r.nextGaussian();
        });
        double[] infs = PairwiseMomentsTest.fill(rows, i -> switch (r.nextInt(8)) {
            case 0 -> Double.NEGATIVE_INFINITY;
            case 1 -> Double.POSITIVE_INFINITY;
            case 2 -> Double.NaN;
            default -> r.nextInt(6);
        });
        double[] sameGapsAsFewGaps = PairwiseMomentsTest.fill(rows, i -> Double.isNaN(fewGaps[i]) ? Double.NaN : r.nextInt(9));
        double[] infOnGaps = PairwiseMomentsTest.fill(rows, i -> Double.isNaN(fewGaps[i]) ? Double.NEGATIVE_INFINITY : r.nextGaussian());
        return f.withColumn("few", Column.ofDoubles(few))
                .withColumn("few_gaps", Column.ofDoubles(fewGaps))
                .withColumn("zeros", Column.ofDoubles(zeros))
                .withColumn("infs", Column.ofDoubles(infs))
                .withColumn("same_gaps", Column.ofDoubles(sameGapsAsFewGaps))
                .withColumn("inf_on_gaps", Column.ofDoubles(infOnGaps))
                .withColumn("label", Column.ofStrings(strings(rows)));
    }

    private static String[] strings(int rows) {
        String[] s = new String[rows];
        for (int i = 0; i < rows; i++) {
            s[i] = "s" + (i % 3);
        }
        return s;
    }

    /** pandas' Spearman matrix of the numeric columns of {@code f}. */
    private double[][] pandas(Frame f, int minPeriods) throws IOException, InterruptedException {
        Frame numeric = f.select(PairwiseMoments.numericColumns(f).toArray(String[]::new));
        Pandas.writeMatrix(dir.resolve("x.bin"), numeric);
        Pandas.exec(dir, "x = np.fromfile('x.bin').reshape(" + numeric.numRows() + ", " + numeric.numColumns() + ")\n"
                + "pd.DataFrame(x).corr(method='spearman', min_periods=" + minPeriods + ").to_numpy().tofile('s.bin')\n");
        return Pandas.readMatrix(dir.resolve("s.bin"), numeric.numColumns(), numeric.numColumns());
    }

    @ParameterizedTest
    @CsvSource({"80, 1, 1, 1", "80, 4, 1, 2", "80, 7, 5, 3", "80, 3, 40, 4", "5, 2, 1, 5", "6, 3, 6, 6", "120, 9, 1, 7"})
    void equalsPandasWithTiesGapsInfinitiesAndMinPeriods(int rows, int partitions, int minPeriods, long seed) throws Exception {
        Frame f = withTies(rows, seed);
        DataFrame df = DataFrame.fromFrames(PairwiseMomentsTest.split(f, partitions, seed));
        Frame ours = df.corr(CorrMethod.SPEARMAN, minPeriods).compute();
        PairwiseMomentsTest.assertSquare(ours, PairwiseMoments.numericColumns(f), pandas(f, minPeriods), 1e-12);
    }

    @Test
    void manyColumnsSpanSeveralBlocksAndTheMirroredPairsAgree() throws Exception {
        // 300 columns: two groups of 150, so pairs cross groups in both directions
        Random r = new Random(11);
        int rows = 40;
        Frame.Builder b = Frame.builder();
        for (int c = 0; c < 300; c++) {
            int start = c % 3 == 0 ? 0 : r.nextInt(rows / 2);
            boolean scattered = c % 5 == 0;
            b.column("c" + c, Column.ofDoubles(PairwiseMomentsTest.fill(rows,
                    i -> i < start || (scattered && r.nextInt(6) == 0) ? Double.NaN : r.nextInt(12))));
        }
        Frame f = b.build();
        Frame ours = DataFrame.fromFrames(PairwiseMomentsTest.split(f, 5, 3)).corr(CorrMethod.SPEARMAN, 3).compute();
        assertThat(DataFrame.fromFrame(f, 2).corr(CorrMethod.SPEARMAN, 3).npartitions()).isEqualTo(2);
        PairwiseMomentsTest.assertSquare(ours, f.columnNames(), pandas(f, 3), 1e-12);
    }

    @Test
    void withoutMissingValuesItIsThePearsonCorrelationOfTheRanks() throws Exception {
        Random r = new Random(5);
        int rows = 200;
        Frame.Builder b = Frame.builder();
        for (int c = 0; c < 6; c++) {
            int levels = 2 + c * 7;
            b.column("x" + c, Column.ofDoubles(PairwiseMomentsTest.fill(rows, i -> r.nextInt(levels) + 0.5 * r.nextInt(2))));
        }
        Frame f = b.build();
        DataFrame df = DataFrame.fromFrame(f, 6);
        Frame spearman = df.corr(CorrMethod.SPEARMAN).compute();
        PairwiseMomentsTest.assertSquare(spearman, f.columnNames(), pandas(f, 1), 1e-12);
        // a naive check that does not go through pandas: Pearson of the average ranks
        Frame.Builder ranked = Frame.builder();
        for (String c : f.columnNames()) {
            ranked.column(c, Column.ofDoubles(naiveRanks(ColumnValues.doubles(f.column(c)))));
        }
        Frame pearson = DataFrame.fromFrame(ranked.build(), 3).corr().compute();
        for (int c = 0; c < f.numColumns(); c++) {
            for (int i = 0; i < f.numColumns(); i++) {
                assertThat(spearman.column(c).getDouble(i)).isCloseTo(pearson.column(c).getDouble(i), org.assertj.core.api.Assertions.within(1e-12));
            }
        }
        assertThat(df.corr(CorrMethod.PEARSON, 1).compute()).isEqualTo(df.corr().compute());
    }

    /** Average ranks by counting: rank = #smaller + (#equal + 1) / 2. */
    private static double[] naiveRanks(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int smaller = 0;
            int equal = 0;
            for (double w : v) {
                smaller += w < v[i] ? 1 : 0;
                equal += w == v[i] ? 1 : 0;
            }
            out[i] = smaller + (equal + 1) / 2.0;
        }
        return out;
    }

    @Test
    void computedTogetherWithPearsonItSharesTheInput() {
        Frame f = withTies(50, 9);
        DataFrame df = DataFrame.fromFrame(f, 4);
        DataFrame spearman = df.corr(CorrMethod.SPEARMAN, 2);
        DataFrame pearson = df.corr(2);
        io.jdask.Computed both = Jdask.compute(spearman, pearson);
        assertThat(both.get(spearman)).isEqualTo(spearman.compute());
        assertThat(both.get(pearson)).isEqualTo(pearson.compute());
    }

    @ParameterizedTest
    @CsvSource({"PEARSON, 1", "SPEARMAN, 1", "SPEARMAN, 30", "PEARSON, 200"})
    void seriesCorrEqualsPandasSeriesCorr(CorrMethod method, int minPeriods) throws Exception {
        Frame f = withTies(60, 21).select("scatter", "few_gaps", "i64", "lead3");
        DataFrame df = DataFrame.fromFrames(PairwiseMomentsTest.split(f, 4, 8));
        Pandas.writeMatrix(dir.resolve("x.bin"), f);
        String m = method.name().toLowerCase(java.util.Locale.ROOT);
        Pandas.exec(dir, "x = pd.DataFrame(np.fromfile('x.bin').reshape(60, 4))\n"
                + "np.array([x[0].corr(x[1], method='" + m + "', min_periods=" + minPeriods + "), x[2].corr(x[3], method='" + m
                + "', min_periods=" + minPeriods + ")]).tofile('r.bin')\n");
        double[][] expected = Pandas.readMatrix(dir.resolve("r.bin"), 1, 2);
        double first = df.col("scatter").corr(df.col("few_gaps"), method, minPeriods).compute();
        double second = df.col("i64").corr(df.col("lead3"), method, minPeriods).compute();
        PairwiseMomentsTest.assertSquare(square(first), List.of("a"), new double[][] {{expected[0][0]}}, 1e-12);
        PairwiseMomentsTest.assertSquare(square(second), List.of("a"), new double[][] {{expected[0][1]}}, 1e-12);
        if (method == CorrMethod.PEARSON && minPeriods == 1) {
            assertThat(df.col("scatter").corr(df.col("few_gaps")).compute()).isEqualTo(first);
        }
    }

    private static Frame square(double v) {
        return Frame.builder().index(null, Column.ofStrings("a")).column("a", Column.ofDoubles(v)).build();
    }

    @Test
    void theIntermediateResultsSurviveTheSerializationWorkersUse() throws Exception {
        // a cluster moves rank groups and pair blocks between workers as bytes
        io.jdask.serialize.Serialization ser = io.jdask.serialize.Serialization.get();
        Frame f = withTies(30, 4).select("few", "infs", "lead2");
        RankCorrelation.RankedGroup g = (RankCorrelation.RankedGroup) new RankCorrelation.Rank().apply(new Object[] {
                List.of(new RankCorrelation.Piece(f.columnNames()).apply(new Object[] {f.slice(0, 12)}),
                        new RankCorrelation.Piece(f.columnNames()).apply(new Object[] {f.slice(12, 30)}))});
        RankCorrelation.RankedGroup back = (RankCorrelation.RankedGroup) ser.fromBytes(ser.toBytes(g));
        assertThat(back.ranks()).isEqualTo(g.ranks());
        assertThat(back.partitionRows()).containsExactly(12, 18);
        assertThat(back.gapped()).containsExactly(false, true, false);
        SpearmanPairs.PairBlock block = (SpearmanPairs.PairBlock) new RankCorrelation.Pairs(0, 0, 1).apply(new Object[] {back, back});
        SpearmanPairs.PairBlock blockBack = (SpearmanPairs.PairBlock) ser.fromBytes(ser.toBytes(block));
        assertThat(blockBack.values()).containsExactly(block.values());
        assertThat(blockBack.set()).containsExactly(block.set());
        assertThat(block.set()[0]).isNotZero(); // the column with infinities takes pandas' own path
    }

    @Test
    void refusesBadArguments() {
        DataFrame df = DataFrame.fromFrame(withTies(10, 1), 2);
        assertThatThrownBy(() -> df.corr(CorrMethod.SPEARMAN, 0)).hasMessageContaining("minPeriods must be at least 1");
        DataFrame text = DataFrame.fromFrame(Frame.builder().column("s", Column.ofStrings("a", "b")).build(), 1);
        assertThatThrownBy(() -> text.corr(CorrMethod.SPEARMAN)).hasMessageContaining("needs numeric columns");
        assertThatThrownBy(() -> text.col("s").corr(df.col("few"))).hasMessageContaining("cannot take the corr of a string column");
    }
}
