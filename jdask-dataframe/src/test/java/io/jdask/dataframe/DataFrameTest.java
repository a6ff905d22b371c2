package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.scheduler.TaskFailedException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Structure, constructors, sources with push-down, head/tail and persist of the lazy DataFrame. */
class DataFrameTest {
    private static final Frame F = TestData.frame(200, 1);

    @Test
    void fromFrameSplitsRowsAndKnowsDivisionsOfASortedIndex() {
        DataFrame df = DataFrame.fromFrame(F, 4);
        assertThat(df.npartitions()).isEqualTo(4);
        assertThat(df.divisions()).contains(List.of(0L, 50L, 100L, 150L, 199L));
        assertThat(df.columns()).containsExactly("a", "b", "c", "d", "k", "t");
        assertThat(df.dtypes()).containsEntry("t", DType.TIMESTAMP).containsEntry("c", DType.STRING);
        assertThat(df.meta().numRows()).isZero();
        assertThat(df.compute()).isEqualTo(F);
        assertThat(DataFrame.fromFrame(F.slice(0, 3), 10).npartitions()).isEqualTo(3);
    }

    @Test
    void fromFrameNeverSplitsEqualIndexValues() {
        Frame f = Frame.builder().index("i", Column.ofLongs(1, 1, 1, 2, 2, 3, 3, 3)).column("v", Column.ofInts(1, 2, 3, 4, 5, 6, 7, 8)).build();
        DataFrame df = DataFrame.fromFrame(f, 4);
        assertThat(df.divisions()).contains(List.of(1L, 2L, 3L, 3L));
        for (int p = 0; p < df.npartitions(); p++) {
            Frame part = df.partition(p).compute();
            assertThat(part.index().getLong(0)).isEqualTo((Long) df.divisions().get().get(p));
        }
        assertThat(df.compute()).isEqualTo(f);
    }

    @Test
    void unsortedIndexGivesUnknownDivisions() {
        Frame f = Frame.builder().index("i", Column.ofLongs(3, 1, 2)).column("v", Column.ofInts(1, 2, 3)).build();
        assertThat(DataFrame.fromFrame(f, 2).knownDivisions()).isFalse();
    }

    @Test
    void fromFramesKeepsEmptyPartitionsAndConcatenates() {
        DataFrame df = TestData.uneven(F);
        assertThat(df.npartitions()).isEqualTo(7);
        assertThat(df.knownDivisions()).isFalse();
        assertThat(df.compute()).isEqualTo(F);
        DataFrame sorted = DataFrame.fromFrames(TestData.cut(F, 50, 70));
        assertThat(sorted.divisions()).contains(List.of(0L, 50L, 120L, 199L));
    }

    @Test
    void fromFramesRejectsMismatchedSchemas() {
        assertThatThrownBy(() -> DataFrame.fromFrames(List.of(F, F.drop("a"))))
                .hasMessageContaining("frame 1 has columns");
        assertThatThrownBy(() -> DataFrame.fromFrames(List.of(F, F.withColumn("a", F.column("a").astype(DType.F32)))))
                .hasMessageContaining("column 'a' is f64 in frame 0 but f32 in frame 1");
    }

    @Test
    void fromDelayedChecksEachPartitionAgainstTheMeta() {
        Delayed<Frame> p0 = Delayed.value(F.slice(0, 10));
        Delayed<Frame> p1 = Delayed.value(F.slice(10, 30));
        DataFrame df = DataFrame.fromDelayed(List.of(p0, p1), F.head(0));
        assertThat(df.npartitions()).isEqualTo(2);
        assertThat(df.compute()).isEqualTo(F.slice(0, 30));
        DataFrame bad = DataFrame.fromDelayed(List.of(p0, Delayed.value(F.slice(0, 5).drop("k"))), F.head(0));
        assertThatThrownBy(bad::compute).isInstanceOf(TaskFailedException.class)
                .hasStackTraceContaining("partition 1 has columns [a: f64, b: i64, c: string, d: f32, t: timestamp]");
    }

    @Test
    void toDelayedHandsPartitionsToDelayedCodeAndBack() {
        DataFrame df = TestData.uneven(F);
        List<Delayed<Frame>> parts = df.toDelayed();
        assertThat(parts).hasSize(7);
        List<Delayed<Frame>> heads = parts.stream().map(d -> Delayed.call((Frame f) -> f.head(2), d)).toList();
        Frame got = DataFrame.fromDelayed(heads, df.meta()).compute();
        assertThat(got.numRows()).isEqualTo(2 + 0 + 2 + 1 + 0 + 2 + 2);
        assertThat(df.col("a").toDelayed().get(0).compute()).isEqualTo(F.select("a").slice(0, F.numRows() / 7));
    }

    @Test
    void reprShowsColumnsTypesDivisionsAndTasks() {
        String s = DataFrame.fromFrame(F.select("a", "c"), 2).toString();
        assertThat(s).startsWith("DataFrame Structure:\n").contains("npartitions=2").contains("f64").contains("string")
                .contains("...").contains("2 tasks").contains("jdask Name: from-frame-");
        assertThat(s.lines().skip(2).findFirst().orElseThrow()).startsWith("npartitions=2");
        assertThat(s.lines().skip(3).findFirst().orElseThrow()).startsWith("0 ");
        String u = TestData.uneven(F).col("a").add(1).toString();
        assertThat(u).startsWith("Series Structure:").contains("21 tasks");
    }

    @Test
    void headAndTailComputeOnlyThePartitionsTheyNeed() {
        List<Frame> parts = TestData.cut(F, 30, 30, 30, 30, 30);
        RecordingSource src = RecordingSource.of("head", parts);
        DataFrame df = DataFrame.fromSource(src);
        assertThat(df.head(5)).isEqualTo(F.head(5));
        assertThat(RecordingSource.log("head")).containsExactly("read 0 [a, b, c, d, k, t]");
        assertThat(df.head(45)).isEqualTo(F.head(45));
        assertThat(df.tail(3)).isEqualTo(F.tail(3));
        assertThat(RecordingSource.log("head")).containsExactlyInAnyOrder("read 0 [a, b, c, d, k, t]", "read 0 [a, b, c, d, k, t]",
                "read 1 [a, b, c, d, k, t]", "read 2 [a, b, c, d, k, t]", "read 5 [a, b, c, d, k, t]");
        assertThat(df.head(1000)).isEqualTo(F);
    }

    @Test
    void headSkipsEmptyPartitions() {
        DataFrame df = TestData.uneven(F);
        assertThat(df.head(40)).isEqualTo(F.head(40));
        assertThat(df.tail(40)).isEqualTo(F.tail(40));
        assertThat(df.head(0).numRows()).isZero();
    }

    @Test
    void selectingColumnsOfASourceReadsOnlyThoseColumns() {
        RecordingSource src = RecordingSource.of("project", TestData.cut(F, 100));
        DataFrame df = DataFrame.fromSource(src).select("c", "a");
        assertThat(df.compute()).isEqualTo(F.select("c", "a"));
        assertThat(RecordingSource.log("project")).containsExactlyInAnyOrder("project [c, a]", "read 0 [c, a]", "read 1 [c, a]");
        assertThat(DataFrame.fromSource(src).col("b").sum().compute()).isEqualTo(naiveLongSum(F.column("b")));
        assertThat(RecordingSource.log("project")).contains("read 1 [b]");
    }

    @Test
    void comparingAColumnWithAConstantPushesTheFilterAndStillAppliesIt() {
        List<Frame> parts = TestData.cut(F, 50, 50, 50);
        RecordingSource src = RecordingSource.of("filter", parts);
        DataFrame df = DataFrame.fromSource(src);
        DataFrame kept = df.filter(df.col("a").gt(5.0).and(df.col("c").eq("fig"))).select("b");
        Frame expected = F.filter(Kernels.logic(Kernels.compare(F.column("a"), ColumnFilter.Op.GT, 5.0),
                Kernels.compare(F.column("c"), ColumnFilter.Op.EQ, "fig"), true)).select("b");
        assertThat(kept.compute()).isEqualTo(expected);
        List<ColumnFilter> pushed = List.of(new ColumnFilter("a", ColumnFilter.Op.GT, 5.0), new ColumnFilter("c", ColumnFilter.Op.EQ, "fig"));
        assertThat(RecordingSource.log("filter")).contains("filter " + pushed, "project [b, a, c]");
        assertThat(reads("filter")).containsExactlyInAnyOrder("read 0 [b, a, c] where " + pushed, "read 1 [b, a, c] where " + pushed,
                "read 2 [b, a, c] where " + pushed, "read 3 [b, a, c] where " + pushed);
    }

    @Test
    void aMaskFromTheUnprojectedFramePushesIntoAProjectionAndIntoASeries() {
        RecordingSource src = RecordingSource.of("filter2", TestData.cut(F, 100));
        DataFrame df = DataFrame.fromSource(src);
        Column mask = Kernels.compare(F.column("k"), ColumnFilter.Op.GE, 4);
        assertThat(df.select("b").filter(df.col("k").ge(4)).compute()).isEqualTo(F.filter(mask).select("b"));
        Series d = df.col("d").filter(df.col("k").ge(4));
        assertThat(d.compute()).isEqualTo(F.filter(mask).select("d"));
        assertThat(d.sum().compute().doubleValue()).isCloseTo(sumOf(F.filter(mask).column("d")), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(reads("filter2")).allMatch(s -> s.contains("where [ColumnFilter[column=k, op=GE, value=4]]"));
        Series unpushed = TestData.uneven(F).col("d");
        assertThat(unpushed.filter(TestData.uneven(F).col("k").ge(4)).compute()).isEqualTo(F.filter(mask).select("d"));
    }

    @Test
    void pushedConstantsHaveTheColumnsTypeAndNotEqualIsNeverPushed() {
        RecordingSource src = RecordingSource.of("types", TestData.cut(F, 100));
        DataFrame df = DataFrame.fromSource(src);
        Frame got = df.filter(df.col("a").gt(1).and(df.col("k").le(3L)).and(df.col("d").lt(2.5))).compute();
        assertThat(RecordingSource.log("types")).contains("filter [ColumnFilter[column=a, op=GT, value=1.0], "
                + "ColumnFilter[column=k, op=LE, value=3], ColumnFilter[column=d, op=LT, value=2.5]]");
        assertThat(got.numRows()).isEqualTo(F.filter(Kernels.logic(Kernels.logic(Kernels.compare(F.column("a"), ColumnFilter.Op.GT, 1),
                Kernels.compare(F.column("k"), ColumnFilter.Op.LE, 3L), true), Kernels.compare(F.column("d"), ColumnFilter.Op.LT, 2.5), true)).numRows());
        Frame ne = df.filter(df.col("c").ne("fig")).compute();
        assertThat(ne).isEqualTo(F.filter(Kernels.compare(F.column("c"), ColumnFilter.Op.NE, "fig")));
        assertThat(ne.column("c").nullCount()).isPositive();
        assertThat(df.filter(df.col("k").gt(2.5)).compute().numRows()).isEqualTo(F.filter(Kernels.compare(F.column("k"), ColumnFilter.Op.GT, 2.5)).numRows());
        assertThat(RecordingSource.log("types")).filteredOn(s -> s.startsWith("filter")).hasSize(1);
    }

    private static double sumOf(Column c) {
        double s = 0;
        for (int i = 0; i < c.length(); i++) {
            s += c.isNull(i) ? 0 : c.getDouble(i);
        }
        return s;
    }

    @Test
    void aFilterThatIsNotAConstantComparisonIsAppliedWithoutPushDown() {
        RecordingSource src = RecordingSource.of("nopush", TestData.cut(F, 100));
        DataFrame df = DataFrame.fromSource(src);
        DataFrame kept = df.filter(df.col("a").gt(df.col("d")).or(df.col("k").eq(3)));
        Frame expected = F.filter(Kernels.logic(Kernels.compare(F.column("a"), ColumnFilter.Op.GT, F.column("d")),
                Kernels.compare(F.column("k"), ColumnFilter.Op.EQ, 3), false));
        assertThat(kept.compute()).isEqualTo(expected);
        assertThat(RecordingSource.log("nopush")).noneMatch(s -> s.startsWith("filter"));
    }

    @Test
    void computeTogetherReadsSharedPartitionsOnce() {
        RecordingSource src = RecordingSource.of("shared", TestData.cut(F, 40, 40, 40));
        DataFrame df = DataFrame.fromSource(src);
        Scalar<Double> mean = df.col("a").mean();
        Scalar<Long> count = df.col("a").count();
        var r = Jdask.compute(mean, count);
        assertThat(reads("shared")).containsExactlyInAnyOrder("read 0 [a]", "read 1 [a]", "read 2 [a]", "read 3 [a]");
        assertThat(r.get(count)).isEqualTo(F.numRows() - F.column("a").nullCount());
    }

    @Test
    void expressionsOverSeveralColumnsOfASourceReadEachPartitionOnce() {
        RecordingSource src = RecordingSource.of("union", TestData.cut(F, 60, 60));
        DataFrame df = DataFrame.fromSource(src);
        var r = Jdask.compute(df.col("a").mean(), df.col("b").sum(), df.col("b").add(df.col("k")).max());
        assertThat(reads("union")).containsExactlyInAnyOrder("read 0 [a, b, k]", "read 1 [a, b, k]", "read 2 [a, b, k]");
        assertThat(r.get(1)).isEqualTo(naiveLongSum(F.column("b")));
        DataFrame kept = df.filter(df.col("a").gt(0.0));
        Frame both = kept.withColumn("s", kept.col("b").mul(kept.col("d"))).compute();
        assertThat(both.numRows()).isEqualTo(F.filter(Kernels.compare(F.column("a"), ColumnFilter.Op.GT, 0.0)).numRows());
        assertThat(reads("union").stream().filter(s -> s.contains("where")).toList()).hasSize(3);
    }

    @Test
    void persistKeepsComputedPartitions() {
        RecordingSource src = RecordingSource.of("persist", TestData.cut(F, 100));
        DataFrame df = DataFrame.fromSource(src).persist();
        assertThat(reads("persist")).hasSize(2);
        assertThat(df.compute()).isEqualTo(F);
        assertThat(df.col("a").max().compute()).isNotNull();
        assertThat(reads("persist")).hasSize(2);
    }

    @Test
    void mapPartitionsInfersOrChecksTheMeta() {
        DataFrame df = TestData.uneven(F);
        DataFrame doubled = df.mapPartitions(f -> f.select("k").withColumn("k2", f.column("k").astype(DType.I64)));
        assertThat(doubled.columns()).containsExactly("k", "k2");
        assertThat(doubled.compute().column("k2")).isEqualTo(F.column("k").astype(DType.I64));
        DataFrame lying = df.mapPartitions(f -> f.numRows() > 0 ? f.select("a") : f.select("b"), F.head(0).select("b"));
        assertThatThrownBy(lying::compute).hasStackTraceContaining("has columns [a: f64], but the meta says [b: i64]");
    }

    @Test
    void dropEmptyColumnsDropsColumnsMissingInEveryPartition() {
        Frame f = F.withColumn("empty", Column.ofDoubles(new double[F.numRows()]).astype(DType.F64));
        double[] nan = new double[F.numRows()];
        java.util.Arrays.fill(nan, Double.NaN);
        f = f.withColumn("empty", Column.ofDoubles(nan)).withColumn("none", Column.ofStrings(new String[F.numRows()]));
        DataFrame df = TestData.uneven(f).dropEmptyColumns();
        assertThat(df.columns()).containsExactly("a", "b", "c", "d", "k", "t");
        assertThat(df.compute()).isEqualTo(F);
    }

    @Test
    void renameDropAndAssign() {
        DataFrame df = TestData.uneven(F);
        DataFrame r = df.rename(Map.of("a", "alpha")).drop("t", "c").withColumn("s", df.col("b").add(df.col("k")))
                .withColumn("one", 1L);
        Frame got = r.compute();
        assertThat(got.columnNames()).containsExactly("alpha", "b", "d", "k", "s", "one");
        for (int i = 0; i < F.numRows(); i++) {
            boolean missing = F.column("b").isNull(i);
            assertThat(got.column("s").isNull(i)).isEqualTo(missing);
            if (!missing) {
                assertThat(got.column("s").getLong(i)).isEqualTo(F.column("b").getLong(i) + F.column("k").getInt(i));
            }
            assertThat(got.column("one").getLong(i)).isEqualTo(1L);
        }
        assertThatThrownBy(() -> df.select("nope")).hasMessageContaining("no column 'nope'");
        assertThatThrownBy(() -> df.withColumn("x", DataFrame.fromFrame(F, 3).col("a"))).hasMessageContaining("7 and 3 partitions");
    }

    static List<String> reads(String id) {
        return RecordingSource.log(id).stream().filter(s -> s.startsWith("read")).toList();
    }

    static long naiveLongSum(Column c) {
        long s = 0;
        for (int i = 0; i < c.length(); i++) {
            if (!c.isNull(i)) {
                s += c.getLong(i);
            }
        }
        return s;
    }
}
