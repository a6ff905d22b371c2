package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.Jdask;
import io.jdask.scheduler.Schedulers;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated timeseries dataset. */
class DatasetsTest {
    private static final Instant START = Instant.parse("2000-01-01T00:00:00Z");

    @Test
    void defaultsAreThirtyDailyPartitionsOfOneSecondRows() {
        DataFrame df = Datasets.timeseries();
        assertThat(df.npartitions()).isEqualTo(30);
        assertThat(df.columns()).containsExactly("id", "name", "x", "y");
        assertThat(df.dtypes().values()).containsExactly(DType.I64, DType.STRING, DType.F64, DType.F64);
        assertThat(df.meta().indexName()).isEqualTo("timestamp");
        assertThat(df.divisions().orElseThrow()).hasSize(31).startsWith(START).endsWith(Instant.parse("2000-01-31T00:00:00Z"));
        Frame first = df.head(3);
        assertThat(first.index().getInstant(2)).isEqualTo(START.plusSeconds(2));
        Frame last = df.tail(1);
        assertThat(last.index().getInstant(0)).isEqualTo(Instant.parse("2000-01-30T23:59:59Z"));
    }

    @Test
    void valuesFollowTheirDistributionsAndPartitionsTheirSpans() {
        DataFrame df = Datasets.timeseries(START, START.plus(Duration.ofDays(3)).plusSeconds(7200), Duration.ofSeconds(60),
                Duration.ofDays(1), 5);
        assertThat(df.npartitions()).isEqualTo(4);
        Frame f = df.compute();
        assertThat(f.numRows()).isEqualTo(3 * 1440 + 120);
        assertThat(f.isSorted()).isTrue();
        double sumId = 0;
        for (int i = 0; i < f.numRows(); i++) {
            assertThat(f.column("x").getDouble(i)).isBetween(-1.0, 1.0).isNotEqualTo(1.0);
            assertThat(Datasets.NAMES).contains(f.column("name").getString(i));
            sumId += f.column("id").getLong(i);
        }
        assertThat(sumId / f.numRows()).isBetween(995.0, 1005.0);
        Frame p3 = df.partition(3).compute();
        assertThat(p3.numRows()).isEqualTo(120);
        assertThat(p3.index().getInstant(0)).isEqualTo(START.plus(Duration.ofDays(3)));
        assertThat(df.col("name").nunique().compute()).isEqualTo(26L);
    }

    @Test
    void theSameSeedGivesTheSameDataOnEveryScheduler() {
        DataFrame a = Datasets.timeseries(START, START.plus(Duration.ofDays(2)), Duration.ofSeconds(30), Duration.ofHours(6), 9);
        Frame sync = (Frame) Jdask.with(Schedulers.sync()).compute(a).get(0);
        Frame threads = (Frame) Jdask.with(Schedulers.threaded(2)).compute(a).get(0);
        assertThat(sync).isEqualTo(threads);
        Frame other = Datasets.timeseries(START, START.plus(Duration.ofDays(2)), Duration.ofSeconds(30), Duration.ofHours(6), 10).compute();
        assertThat(other.column("x")).isNotEqualTo(sync.column("x"));
    }

    @Test
    void aProjectionGeneratesOnlyItsColumnsWithTheSameValues() {
        DataFrame df = Datasets.timeseries(START, START.plus(Duration.ofDays(2)), Duration.ofMinutes(1), Duration.ofDays(1), 3);
        Frame all = df.compute();
        assertThat(df.select("y", "name").compute()).isEqualTo(all.select("y", "name"));
        assertThat(df.col("x").compute()).isEqualTo(all.select("x"));
    }

    @Test
    void groupByNameMeanMatchesALoopOverTheData() {
        DataFrame df = Datasets.timeseries(START, START.plus(Duration.ofDays(4)), Duration.ofSeconds(10), Duration.ofDays(1), 1);
        Frame f = df.compute();
        Map<String, double[]> acc = new HashMap<>();
        for (int i = 0; i < f.numRows(); i++) {
            double[] s = acc.computeIfAbsent(f.column("name").getString(i), k -> new double[2]);
            s[0] += f.column("x").getDouble(i);
            s[1]++;
        }
        Frame means = df.groupBy("name").agg(Agg.mean("x")).compute();
        assertThat(means.numRows()).isEqualTo(26);
        assertThat(means.index().dictionary()).containsAll(List.of("Ada", "Zoe"));
        for (int i = 0; i < means.numRows(); i++) {
            double[] s = acc.get(means.index().getString(i));
            assertThat(means.column("x").getDouble(i)).isCloseTo(s[0] / s[1], org.assertj.core.api.Assertions.within(1e-12));
        }
    }
}
