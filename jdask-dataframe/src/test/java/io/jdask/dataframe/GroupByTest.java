package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdask.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** groupBy(...).agg(...) against pandas, combined as trees and split over output partitions. */
class GroupByTest {
    private static final Frame F = TestData.frame(600, 23);
    private static final String PANDAS_AGG = """
            g = df.groupby(KEYS).agg(sa=('a', 'sum'), ma=('a', 'mean'), ca=('a', 'count'), sz=('a', 'size'),
                mnb=('b', 'min'), mxb=('b', 'max'), sda=('a', 'std'), vd=('d', 'var'), fa=('a', 'first'),
                lb=('b', 'last'), nk=('k', 'nunique'), sb=('b', 'sum'), mnc=('c', 'min'))
            result = {'|'.join(str(x) for x in (k if isinstance(k, tuple) else (k,))): [None if pd.isna(v) else v for v in row]
                      for k, row in zip(g.index, g.itertuples(index=False))}
            result['__order__'] = ['|'.join(str(x) for x in (k if isinstance(k, tuple) else (k,))) for k in g.index]
            """;
    private static final Agg[] AGGS = {Agg.sum("a").as("sa"), Agg.mean("a").as("ma"), Agg.count("a").as("ca"), Agg.size().as("sz"),
        Agg.min("b").as("mnb"), Agg.max("b").as("mxb"), Agg.std("a").as("sda"), Agg.var("d").as("vd"), Agg.first("a").as("fa"),
        Agg.last("b").as("lb"), Agg.nunique("k").as("nk"), Agg.sum("b").as("sb"), Agg.min("c").as("mnc")};

    @TempDir
    Path dir;

    @Test
    void manyAggregationsByAStringKeyMatchPandas() throws Exception {
        Pandas.writeCsv(F, dir.resolve("f.csv"));
        JsonNode e = Pandas.run(dir, PandasCheck.READ + PANDAS_AGG.replace("KEYS", "'c'"));
        try (Config.Scope s = Config.set(Reduction.SPLIT_EVERY, 2)) {
            DataFrame r = TestData.uneven(F).groupBy("c").agg(AGGS);
            assertThat(r.columns()).containsExactly("sa", "ma", "ca", "sz", "mnb", "mxb", "sda", "vd", "fa", "lb", "nk", "sb", "mnc");
            assertThat(r.dtypes()).containsEntry("sa", DType.F64).containsEntry("sb", DType.I64).containsEntry("mnb", DType.I64)
                    .containsEntry("ca", DType.I64).containsEntry("mnc", DType.STRING);
            Frame got = r.compute();
            assertThat(got.indexName()).isEqualTo("c");
            assertThat(got.isSorted()).isTrue();
            check(got, List.of(got.index()), e, true);
        }
    }

    @Test
    void twoKeysWithSplitOutMatchPandas() throws Exception {
        Pandas.writeCsv(F, dir.resolve("f.csv"));
        JsonNode e = Pandas.run(dir, PandasCheck.READ + PANDAS_AGG.replace("KEYS", "['k', 'c']"));
        DataFrame grouped = TestData.uneven(F).groupBy("k", "c").splitOut(3).agg(AGGS);
        assertThat(grouped.npartitions()).isEqualTo(3);
        Frame got = grouped.compute();
        assertThat(got.columnNames().subList(0, 2)).containsExactly("k", "c");
        check(got, List.of(got.column("k"), got.column("c")), e, false);
        Frame single = TestData.uneven(F).groupBy("k", "c").agg(AGGS).compute();
        check(single, List.of(single.column("k"), single.column("c")), e, true);
    }

    @Test
    void splitOutPutsEachKeyInOnePartition() {
        DataFrame r = TestData.uneven(F).groupBy("b").splitOut(4).agg(Agg.size());
        List<String> seen = new ArrayList<>();
        long total = 0;
        for (int p = 0; p < 4; p++) {
            Frame part = r.partition(p).compute();
            for (int i = 0; i < part.numRows(); i++) {
                seen.add(String.valueOf(part.index().get(i)));
                total += part.column("size").getLong(i);
            }
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(total).isEqualTo(F.numRows() - F.column("b").nullCount());
    }

    @Test
    void shortcutsAndNamesAndErrors() {
        DataFrame df = TestData.uneven(F);
        Frame mean = df.groupBy("k").mean("a", "d").compute();
        assertThat(mean.columnNames()).containsExactly("a", "d");
        Frame two = df.groupBy("k").agg(Agg.mean("a"), Agg.max("a"), Agg.size()).compute();
        assertThat(two.columnNames()).containsExactly("a_mean", "a_max", "size");
        assertThat(df.groupBy("k").size().compute().column("size")).isEqualTo(two.column("size"));
        assertThat(df.groupBy("k").count("c").compute().numRows()).isEqualTo(7);
        assertThat(df.groupBy("k").sum("b").compute().column("b").dtype()).isEqualTo(DType.I64);
        assertThatThrownBy(() -> df.groupBy("k").agg(Agg.mean("c"))).hasMessageContaining("cannot take the mean of a string column");
        assertThatThrownBy(() -> df.groupBy("k").agg(Agg.sum("a"), Agg.sum("a"))).hasMessageContaining("two result columns would be named 'a_sum'");
        assertThatThrownBy(() -> df.groupBy("nope")).hasMessageContaining("no column 'nope'");
    }

    private static String key(List<Column> keys, int row) {
        List<String> parts = new ArrayList<>();
        for (Column c : keys) {
            parts.add(String.valueOf(c.get(row)));
        }
        return String.join("|", parts);
    }

    private static void check(Frame got, List<Column> keys, JsonNode e, boolean ordered) {
        Map<String, Integer> rowOf = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (int i = 0; i < got.numRows(); i++) {
            rowOf.put(key(keys, i), i);
            order.add(key(keys, i));
        }
        List<String> expectedOrder = new ArrayList<>();
        e.get("__order__").forEach(x -> expectedOrder.add(x.textValue()));
        if (ordered) {
            assertThat(order).isEqualTo(expectedOrder);
        } else {
            assertThat(order).containsExactlyInAnyOrderElementsOf(expectedOrder);
        }
        List<String> names = got.columnNames().subList(got.numColumns() - AGGS.length, got.numColumns());
        for (String k : expectedOrder) {
            int row = rowOf.get(k);
            for (int a = 0; a < names.size(); a++) {
                Column c = got.column(names.get(a));
                PandasCheck.value(k + " " + names.get(a), c.isNull(row) ? null : c.get(row), e.get(k).get(a));
            }
        }
    }
}
