package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Group keys and accessors over the other column types, against naive Java. */
class MoreTypesTest {
    private static final Frame R = RandomColumns.frame(400, 5);

    @Test
    void groupByKeysOfEveryTypeCountsLikeAMap() {
        DataFrame df = DataFrame.fromFrames(TestData.cut(R, 90, 0, 150));
        for (DType t : DType.values()) {
            String key = t.label();
            Frame got = df.groupBy(key).agg(Agg.size(), Agg.count("i32").as("n"), Agg.max("f64").as("mx")).compute();
            Map<Object, long[]> expected = new HashMap<>();
            Map<Object, Double> max = new HashMap<>();
            Column k = R.column(key);
            for (int i = 0; i < R.numRows(); i++) {
                if (k.isNull(i)) {
                    continue;
                }
                long[] c = expected.computeIfAbsent(k.get(i), x -> new long[2]);
                c[0]++;
                c[1] += R.column("i32").isNull(i) ? 0 : 1;
                double v = R.column("f64").getDouble(i);
                if (!Double.isNaN(v)) {
                    max.merge(k.get(i), v, Math::max);
                }
            }
            assertThat(got.numRows()).as(key).isEqualTo(expected.size());
            assertThat(got.isSorted()).as(key + " sorted").isTrue();
            for (int i = 0; i < got.numRows(); i++) {
                Object kv = got.index().get(i);
                assertThat(got.column("size").getLong(i)).as(key + " " + kv).isEqualTo(expected.get(kv)[0]);
                assertThat(got.column("n").getLong(i)).as(key + " " + kv).isEqualTo(expected.get(kv)[1]);
                Double m = max.get(kv);
                assertThat(got.column("mx").isNull(i)).isEqualTo(m == null);
                if (m != null) {
                    assertThat(got.column("mx").getDouble(i)).isEqualTo(m);
                }
            }
        }
    }

    @Test
    void dateFieldsAndCategoryStringsAndSeriesHelpers() {
        DataFrame df = DataFrame.fromFrames(TestData.cut(R, 100, 0, 33));
        Series date = df.col("date");
        Frame year = date.dt().year().compute();
        Frame dow = date.dt().dayOfWeek().compute();
        Frame upper = df.col("category").str().upper().compute();
        Frame len = df.col("category").str().len().compute();
        Frame notna = df.col("i64").notna().compute();
        Frame dropped = df.col("i64").rename("n").dropna().compute();
        int kept = 0;
        for (int i = 0; i < R.numRows(); i++) {
            LocalDate d = R.column("date").getDate(i);
            assertThat(year.column(0).isNull(i)).isEqualTo(d == null);
            if (d != null) {
                assertThat(year.column(0).getLong(i)).isEqualTo(d.getYear());
                assertThat(dow.column(0).getLong(i)).isEqualTo(d.getDayOfWeek().getValue() - DayOfWeek.MONDAY.getValue());
            }
            String c = R.column("category").getString(i);
            assertThat(upper.column(0).getString(i)).isEqualTo(c == null ? null : c.toUpperCase());
            assertThat(len.column(0).isNull(i)).isEqualTo(c == null);
            assertThat(notna.column(0).getBoolean(i)).isEqualTo(!R.column("i64").isNull(i));
            if (!R.column("i64").isNull(i)) {
                assertThat(dropped.column("n").getLong(kept++)).isEqualTo(R.column("i64").getLong(i));
            }
        }
        assertThat(dropped.numRows()).isEqualTo(kept);
        assertThat(dropped.columnNames()).containsExactly("n");
    }

    @Test
    void concatenatedStringPartitionsWithDifferentDictionariesGroupByValue() {
        Random r = new Random(3);
        List<Frame> parts = new java.util.ArrayList<>();
        Map<String, Long> expected = new HashMap<>();
        for (int p = 0; p < 5; p++) {
            String[] s = new String[50];
            for (int i = 0; i < s.length; i++) {
                s[i] = "w" + r.nextInt(p + 3);
                expected.merge(s[i], 1L, Long::sum);
            }
            parts.add(Frame.builder().column("s", Column.ofStrings(s)).build());
        }
        Frame got = DataFrame.fromFrames(parts).groupBy("s").splitOut(2).size().compute();
        Map<String, Long> counts = new HashMap<>();
        for (int i = 0; i < got.numRows(); i++) {
            assertThat(counts.put(got.index().getString(i), got.column("size").getLong(i))).isNull();
        }
        assertThat(counts).isEqualTo(expected);
        assertThat(Objects.requireNonNull(got.index()).dtype()).isEqualTo(DType.STRING);
    }
}
