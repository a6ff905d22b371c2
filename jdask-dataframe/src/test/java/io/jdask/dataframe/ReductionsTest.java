package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdask.Jdask;
import io.jdask.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Series and DataFrame reductions (combined as trees) against pandas. */
class ReductionsTest {
    private static final Frame F = TestData.frame(500, 11);

    @TempDir
    Path dir;

    @Test
    void seriesReductionsMatchPandas() throws Exception {
        Pandas.writeCsv(F, dir.resolve("f.csv"));
        JsonNode e = Pandas.run(dir, PandasCheck.READ + """
                result = {}
                for c in ['a', 'b', 'd', 'k']:
                    s = df[c]
                    result[c] = [s.sum(), s.mean(), int(s.count()), s.min(), s.max(), s.std(), s.var(), s.var(ddof=0)]
                """);
        try (Config.Scope s = Config.set(Reduction.SPLIT_EVERY, 3)) {
            DataFrame df = TestData.uneven(F);
            for (String c : List.of("a", "b", "d", "k")) {
                Series x = df.col(c);
                List<Scalar<?>> stats = List.of(x.sum(), x.mean(), x.count(), x.min(), x.max(), x.std(), x.var(), x.var(0));
                List<Object> got = Jdask.compute(stats.toArray(Scalar[]::new)).asList();
                for (int i = 0; i < stats.size(); i++) {
                    PandasCheck.value(c + " stat " + i, got.get(i), e.get(c).get(i));
                }
            }
            assertThat(df.col("b").sum().compute()).isInstanceOf(Long.class);
            assertThat(df.col("c").min().compute()).isEqualTo("Banana");
            assertThat(df.col("c").max().compute()).isEqualTo("fig");
            assertThat(df.col("c").count().compute()).isEqualTo((long) F.numRows() - F.column("c").nullCount());
        }
    }

    @Test
    void scalarsChainLazilyAndFeedDelayedCode() {
        DataFrame df = TestData.uneven(F);
        Scalar<Double> mean = df.col("a").mean();
        Scalar<Long> n = df.col("a").count();
        Scalar<Double> doubled = mean.then(m -> m * 2);
        io.jdask.Delayed<Double> total = io.jdask.Delayed.call((m, c) -> m * c, mean.toDelayed(), n.toDelayed());
        var r = Jdask.compute(doubled, total, mean);
        assertThat((Double) r.get(0)).isEqualTo(2 * (Double) r.get(2));
        assertThat((Double) r.get(1)).isCloseTo(sum(F.column("a")),
                org.assertj.core.api.Assertions.within(1e-6));
        assertThat(df.col("a").head(3)).isEqualTo(F.select("a").head(3));
        assertThat(df.col("a").tail(3)).isEqualTo(F.select("a").tail(3));
        Scalar<Double> kept = Jdask.persist(mean).get(mean);
        assertThat(kept.compute()).isEqualTo(r.get(2));
    }

    private static double sum(Column c) {
        double s = 0;
        for (int i = 0; i < c.length(); i++) {
            s += c.isNull(i) ? 0 : c.getDouble(i);
        }
        return s;
    }

    @Test
    void emptyAndAllMissingSeries() {
        Frame f = Frame.builder().column("x", Column.ofDoubles(Double.NaN, Double.NaN)).column("s", Column.ofStrings(null, null)).build();
        DataFrame df = DataFrame.fromFrames(List.of(f, f.head(0)));
        assertThat(df.col("x").sum().compute()).isEqualTo(0.0);
        assertThat(df.col("x").mean().compute()).isNaN();
        assertThat(df.col("x").std().compute()).isNaN();
        assertThat(df.col("x").count().compute()).isZero();
        assertThat(df.col("x").min().compute()).isNull();
        assertThat(df.col("s").max().compute()).isNull();
        assertThat(df.col("s").nunique().compute()).isZero();
    }

    @Test
    void frameReductionsMatchPandas() throws Exception {
        Pandas.writeCsv(F, dir.resolve("f.csv"));
        JsonNode e = Pandas.run(dir, PandasCheck.READ + """
                num = df[['a', 'b', 'd', 'k']]
                result = {'sum': L(num.sum()), 'mean': L(num.mean()), 'std': L(num.std()), 'var': L(num.var()),
                          'min': L(num.min()), 'max': L(num.max()), 'count': L(df.count())}
                """);
        DataFrame df = TestData.uneven(F);
        Map<String, Series> r = Map.of("sum", df.sum(), "mean", df.mean(), "std", df.std(), "var", df.var(),
                "min", df.min(), "max", df.max(), "count", df.count());
        for (var entry : r.entrySet()) {
            Frame got = entry.getValue().compute();
            List<String> expectedIndex = entry.getKey().equals("count") ? F.columnNames() : List.of("a", "b", "d", "k");
            assertThat(got.index().dictionary()).containsExactlyElementsOf(expectedIndex);
            PandasCheck.column(entry.getKey(), got.column(0), e.get(entry.getKey()));
        }
    }

    @Test
    void countingAndRankingMatchPandas() throws Exception {
        Pandas.writeCsv(F, dir.resolve("f.csv"));
        JsonNode e = Pandas.run(dir, PandasCheck.READ + """
                vc = df.c.value_counts()
                result = {'vc': {k: int(v) for k, v in vc.items()}, 'vck': {str(k): int(v) for k, v in df.k.value_counts().items()},
                          'unique': L(pd.Series(df.c.dropna().unique())), 'nunique': [int(df.c.nunique()), int(df.k.nunique())],
                          'nlargest': L(df.a.nlargest(7)), 'nlargest_index': list(df.a.nlargest(7).index),
                          'nsmallest': L(df.b.nsmallest(6)), 'describe': L(df.a.describe())}
                """);
        DataFrame df = TestData.uneven(F);
        Frame vc = df.col("c").valueCounts().compute();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < vc.numRows(); i++) {
            counts.put(vc.index().getString(i), vc.column("count").getLong(i));
            if (i > 0) {
                assertThat(vc.column("count").getLong(i)).isLessThanOrEqualTo(vc.column("count").getLong(i - 1));
            }
        }
        Map<String, Long> expected = new HashMap<>();
        e.get("vc").fields().forEachRemaining(x -> expected.put(x.getKey(), x.getValue().longValue()));
        assertThat(counts).isEqualTo(expected);
        Frame vck = df.col("k").valueCounts().compute();
        assertThat(vck.numRows()).isEqualTo(e.get("vck").size());
        for (int i = 0; i < vck.numRows(); i++) {
            assertThat(vck.column(0).getLong(i)).isEqualTo(e.get("vck").get(String.valueOf(vck.index().getInt(i))).longValue());
        }
        PandasCheck.column("unique", df.col("c").unique().compute().column(0), e.get("unique"));
        assertThat(df.col("c").nunique().compute()).isEqualTo(e.get("nunique").get(0).longValue());
        assertThat(df.col("k").nunique().compute()).isEqualTo(e.get("nunique").get(1).longValue());
        Frame top = df.col("a").nlargest(7).compute();
        PandasCheck.column("nlargest", top.column(0), e.get("nlargest"));
        List<Long> topIndex = new ArrayList<>();
        for (int i = 0; i < top.numRows(); i++) {
            topIndex.add(top.index().getLong(i));
        }
        List<Long> expectedIndex = new ArrayList<>();
        e.get("nlargest_index").forEach(x -> expectedIndex.add(x.longValue()));
        assertThat(topIndex).isEqualTo(expectedIndex);
        PandasCheck.column("nsmallest", df.col("b").nsmallest(6).compute().column(0), e.get("nsmallest"));
        Frame describe = df.col("a").describe().compute();
        assertThat(describe.index().dictionary()).containsExactly("count", "mean", "std", "min", "25%", "50%", "75%", "max");
        PandasCheck.column("describe", describe.column(0), e.get("describe"));
    }
}
