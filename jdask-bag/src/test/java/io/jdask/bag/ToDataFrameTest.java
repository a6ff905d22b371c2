package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.dataframe.DType;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Frame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Bags of records or maps become DataFrames whose columns equal the elements' fields, partition by partition. */
class ToDataFrameTest {
    record Reading(String sensor, double value, long at) {}

    private static List<Reading> readings(int n, long seed) {
        Random r = new Random(seed);
        List<Reading> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new Reading(r.nextInt(5) == 0 ? null : "s" + r.nextInt(7), r.nextInt(9) == 0 ? Double.NaN : r.nextGaussian(), i));
        }
        return out;
    }

    @Test
    void recordsBecomeColumnsWithOnePartitionPerBagPartition() {
        List<Reading> data = readings(500, 1);
        Bag<Reading> bag = Bag.fromSequence(data, 7).filter(x -> x.at() % 3 != 0);
        DataFrame df = bag.toDataFrame();
        assertThat(df.npartitions()).isEqualTo(7);
        assertThat(df.dtypes()).containsExactly(Map.entry("sensor", DType.STRING), Map.entry("value", DType.F64),
                Map.entry("at", DType.I64));
        Frame f = df.compute();
        List<Reading> expected = data.stream().filter(x -> x.at() % 3 != 0).toList();
        assertThat(f.numRows()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            Reading e = expected.get(i);
            assertThat(f.column("sensor").isNull(i)).isEqualTo(e.sensor() == null);
            if (e.sensor() != null) {
                assertThat(f.column("sensor").getString(i)).isEqualTo(e.sensor());
            }
            assertThat(Double.compare(f.column("value").getDouble(i), e.value())).isZero();
            assertThat(f.column("at").getLong(i)).isEqualTo(e.at());
        }
        assertThat(df.col("value").count().compute()).isEqualTo(expected.stream().filter(x -> !Double.isNaN(x.value())).count());
    }

    @Test
    void mapsWithAGivenSchemaComputeNothingUntilAsked() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("k", "k" + (i % 4));
            if (i % 5 != 0) {
                m.put("n", (long) i);
            }
            rows.add(m);
        }
        Map<String, DType> schema = new LinkedHashMap<>();
        schema.put("k", DType.STRING);
        schema.put("n", DType.I64);
        DataFrame df = Bag.fromSequence(rows, 3).toDataFrame(schema);
        Frame sums = df.groupBy("k").sum("n").compute();
        assertThat(sums.numRows()).isEqualTo(4);
        long total = 0;
        for (int i = 0; i < 40; i++) {
            total += i % 5 != 0 ? i : 0;
        }
        assertThat(df.col("n").sum().compute().longValue()).isEqualTo(total);
    }

    @Test
    void emptyBagsAndMisfitsAreNamed() {
        assertThatThrownBy(() -> Bag.fromSequence(List.<Reading>of(), 2).toDataFrame()).hasMessageContaining("empty");
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("n", "x");
        DataFrame df = Bag.fromSequence(List.<Map<String, Object>>of(Map.of("n", 1L), bad), 2).toDataFrame(Map.of("n", DType.I64));
        assertThatThrownBy(df::compute).hasStackTraceContaining("partition 1").hasStackTraceContaining("'n'");
    }
}
