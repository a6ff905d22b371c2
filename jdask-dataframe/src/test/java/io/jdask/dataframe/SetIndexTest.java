package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** setIndex, sortValues and repartition, against the pandas-tested Frame kernels on the whole data. */
class SetIndexTest {
    private static Frame data(int n, long seed, DType keyType, int pool) {
        Random r = new Random(seed);
        return Frame.builder()
                .column("k", RandomKeys.of(keyType, n, r, pool))
                .column("j", RandomKeys.of(DType.I32, n, r, 4))
                .column("row", RandomKeys.rowNumbers(n, 0, r))
                .column("x", RandomColumns.of(DType.F64, n, r))
                .build();
    }

    /** The whole frame re-indexed by {@code k} with a stable sort, missing keys last: what pandas' set_index + sort_index(kind="stable") gives. */
    private static Frame expectedSetIndex(Frame f) {
        return Sorting.sortByIndex(f.withIndex("k", f.column("k")).drop("k"), true, true);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"I64", "F64", "STRING", "TIMESTAMP", "DATE", "I32"})
    void setIndexSortsAcrossPartitionsWithKnownDivisions(DType t) {
        Random r = new Random(t.ordinal());
        for (int rep = 0; rep < 4; rep++) {
            // skewed keys from a small pool (heavy values, duplicates, ~15% missing); few distinct values in rep 3
            Frame f = data(50 + r.nextInt(600), rep * 31L + t.ordinal(), t, rep == 3 ? 2 : 10);
            DataFrame df = FrameRows.randomParts(f, r, 7);
            DataFrame s = df.setIndex("k");
            assertThat(s.knownDivisions()).isTrue();
            assertThat(s.npartitions()).isLessThanOrEqualTo(df.npartitions());
            assertThat(s.meta().indexName()).isEqualTo("k");
            LazyMergeTest.checkDivisions(s);
            assertThat(FrameRows.inOrder(s.compute())).isEqualTo(FrameRows.inOrder(expectedSetIndex(f)));
        }
    }

    @Test
    void setIndexWithMoreOutputPartitionsAndAllMissingKeys() {
        Frame f = data(2000, 4, DType.F64, 10);
        Frame wide = f.withColumn("k", RandomColumns.of(DType.F64, 2000, new Random(8)));
        DataFrame s = DataFrame.fromFrame(wide, 3).setIndex("k", 20);
        assertThat(s.npartitions()).isBetween(15, 20);
        LazyMergeTest.checkDivisions(s);
        assertThat(FrameRows.inOrder(s.compute())).isEqualTo(FrameRows.inOrder(expectedSetIndex(wide)));
        double[] nan = new double[2000];
        java.util.Arrays.fill(nan, Double.NaN);
        Frame none = f.withColumn("k", Column.ofDoubles(nan));
        DataFrame n = DataFrame.fromFrame(none, 4).setIndex("k");
        assertThat(n.npartitions()).isEqualTo(1);
        assertThat(n.knownDivisions()).isFalse();
        assertThat(FrameRows.sorted(n.compute())).isEqualTo(FrameRows.sorted(expectedSetIndex(none)));
    }

    @Test
    void sortedSetIndexTakesDivisionsFromTheDataAndDropsEmptyPartitions() {
        Frame f = data(300, 2, DType.I64, 10).withColumn("k", RandomKeys.rowNumbers(300, 10, new Random(1)).astype(DType.F64).astype(DType.I64));
        long[] k = new long[300];
        for (int i = 0; i < 300; i++) k[i] = 3L * i;
        f = f.withColumn("k", Column.ofLongs(k));
        DataFrame df = DataFrame.fromFrames(TestData.cut(f, 0, 50, 0, 120, 1, 0));
        DataFrame s = df.setIndex("k", true);
        assertThat(s.npartitions()).isEqualTo(4);
        assertThat(s.divisions().orElseThrow()).containsExactly(0L, 150L, 510L, 513L, 897L);
        assertThat(s.compute()).isEqualTo(expectedSetIndex(f));

        Frame shuffled = f.take(new int[] {5, 1, 2});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFrame.fromFrames(List.of(shuffled)).setIndex("k", true));
        assertThat(e.getMessage()).contains("partition 0 is not sorted");
        DataFrame overlap = DataFrame.fromFrames(List.of(f.slice(0, 10), f.slice(9, 20)));
        assertThat(assertThrows(IllegalArgumentException.class, () -> overlap.setIndex("k", true)).getMessage()).contains("partition 1 starts at 27");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"I64", "F64", "STRING", "CATEGORY", "BOOL"})
    void sortValuesEqualsAStableSortOfTheWholeFrame(DType t) {
        Random r = new Random(100 + t.ordinal());
        for (int rep = 0; rep < 4; rep++) {
            Frame f = data(r.nextInt(500), rep, t, 10);
            DataFrame df = FrameRows.randomParts(f, r, 8);
            boolean[] asc = {rep % 2 == 0, rep < 2};
            DataFrame s = df.sortValues(List.of("k", "j"), asc);
            Frame expected = Sorting.sort(f, List.of("k", "j"), asc, true);
            assertThat(FrameRows.inOrder(s.compute())).as("rep %d", rep).isEqualTo(FrameRows.inOrder(expected));
        }
        Frame f = data(400, 9, t, 10);
        assertThat(FrameRows.inOrder(DataFrame.fromFrame(f, 5).sortValues("k").compute())).isEqualTo(FrameRows.inOrder(Sorting.sort(f, "k")));
    }

    @Test
    void repartitionCombinesAndSplitsKeepingDivisions() {
        Frame f = data(1000, 3, DType.I64, 10);
        long[] k = new long[1000];
        for (int i = 0; i < 1000; i++) k[i] = i / 3;
        Frame indexed = f.withIndex("i", Column.ofLongs(k));
        DataFrame df = DataFrame.fromFrame(indexed, 7);
        for (int n : new int[] {1, 3, 7, 12, 40}) {
            DataFrame p = df.repartition(n);
            assertThat(p.npartitions()).as("n=%d", n).isBetween(Math.min(n, 7), n);
            assertThat(p.knownDivisions()).isTrue();
            assertThat(p.divisions().orElseThrow().get(0)).isEqualTo(0L);
            assertThat(p.divisions().orElseThrow().get(p.npartitions())).isEqualTo(333L);
            LazyMergeTest.checkDivisions(p);
            assertThat(p.compute()).isEqualTo(indexed);
        }
        DataFrame strings = DataFrame.fromFrames(TestData.cut(f, 100, 0, 300));
        DataFrame more = strings.repartition(9);
        assertThat(more.npartitions()).isEqualTo(9);
        assertThat(more.compute()).isEqualTo(f);
        assertThat(strings.repartition(2).compute()).isEqualTo(f);

        List<Comparable<?>> d = new ArrayList<>(List.of(0L, 5L, 100L, 101L, 333L));
        DataFrame moved = df.repartition(d);
        assertThat(moved.divisions().orElseThrow()).isEqualTo(d);
        LazyMergeTest.checkDivisions(moved);
        assertThat(moved.compute()).isEqualTo(indexed);
        assertThrows(IllegalArgumentException.class, () -> strings.repartition(d));

        // after setIndex, missing keys sit at the end of the last partition and stay there
        DataFrame withMissing = DataFrame.fromFrame(f, 5).setIndex("k");
        assertThat(f.column("k").nullCount()).isPositive();
        for (int n : new int[] {2, 12}) {
            DataFrame p = withMissing.repartition(n);
            LazyMergeTest.checkDivisions(p);
            assertThat(FrameRows.inOrder(p.compute())).as("n=%d", n).isEqualTo(FrameRows.inOrder(expectedSetIndex(f)));
        }
    }

    @Test
    void meltPerPartitionEqualsMeltOfTheWhole() {
        Frame f = data(200, 6, DType.STRING, 5);
        DataFrame df = FrameRows.randomParts(f, new Random(2), 5);
        DataFrame m = df.melt(List.of("k"), List.of("row", "x"));
        // each partition is melted on its own, so rows come partition by partition (as in Dask), not column by column
        assertThat(FrameRows.sorted(m.compute())).isEqualTo(FrameRows.sorted(Melt.melt(f, List.of("k"), List.of("row", "x"))));
        assertThat(m.columns()).containsExactly("k", "variable", "value");
    }
}
