package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.array.Array;
import io.jdask.array.NDArray;
import io.jdask.bag.Bag;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Datasets;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.scheduler.Schedulers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Arrays, DataFrames and Bags persisted on a cluster (scheduler and two workers as threads, a
 * client over TCP): the persisted collection is backed by futures whose values stay on the
 * workers, and computations on it give what the local threaded scheduler gives on the original.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ClusterCollectionsTest {
    static LocalCluster cluster;
    static Client client;

    @BeforeAll
    static void start() throws Exception {
        cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static <R> R local(Lazy<R> c) {
        return Jdask.with(Schedulers.threaded()).compute(c).get(c);
    }

    /** Every output key of the persisted collection is a literal holding a future, and a worker holds its value. */
    static void heldOnTheCluster(Lazy<?> persisted) {
        Set<Key> held = client.hasWhat().values().stream().flatMap(List::stream).collect(Collectors.toSet());
        for (Key k : persisted.keys()) {
            Node n = persisted.graph().materialize().get(k);
            assertThat(n).isInstanceOf(Literal.class);
            assertThat(((Literal) n).value()).isInstanceOf(ClusterFuture.class);
            assertThat(held).contains(((ClusterFuture<?>) ((Literal) n).value()).key());
        }
    }

    @Test
    void anArray() {
        Array x = Array.random(new int[] {40, 30}, new int[] {10, 10}, 7);
        Array p = client.persist(x);
        heldOnTheCluster(p);
        assertThat(p.sum().compute().scalar()).isCloseTo(local(x.sum()).scalar(), within(1e-9));
        NDArray m = p.add(p).mean(0).compute();
        NDArray expected = local(x.add(x).mean(0));
        assertThat(m.toDoubleArray()).containsExactly(expected.toDoubleArray(), within(1e-12));
        assertThat(p.compute().toDoubleArray()).containsExactly(local(x).toDoubleArray());
        client.unpersist(p);
    }

    @Test
    void aDataFrameAlsoAsADatasetOfAnotherClient() throws Exception {
        Instant start = Instant.parse("2000-01-01T00:00:00Z");
        DataFrame df = Datasets.timeseries(start, start.plus(Duration.ofDays(3)), Duration.ofMinutes(30), Duration.ofDays(1), 11);
        DataFrame p = client.persist(df);
        heldOnTheCluster(p);
        double expected = local(df.col("x").sum()).doubleValue();
        assertThat(p.col("x").sum().compute().doubleValue()).isCloseTo(expected, within(1e-9));
        assertThat(p.compute().numRows()).isEqualTo(local(df).numRows());

        try (Client other = Client.builder().address(cluster.schedulerAddress()).asDefault(false).connect()) {
            other.publishDataset("timeseries", df, false);
        }
        DataFrame got = client.getDataset("timeseries");
        heldOnTheCluster(got);
        assertThat(got.npartitions()).isEqualTo(df.npartitions());
        assertThat(got.col("x").sum().compute().doubleValue()).isCloseTo(expected, within(1e-9));
        client.unpersist(got);
        client.unpublishDataset("timeseries");
        client.unpersist(p);
    }

    @Test
    void aBag() {
        Bag<Integer> b = Bag.fromSequence(IntStream.range(0, 100).boxed().toList(), 4).map(i -> i * 2);
        Bag<Integer> p = client.persist(b);
        heldOnTheCluster(p);
        assertThat(p.count().compute()).isEqualTo(100L);
        assertThat(p.sum().compute().longValue()).isEqualTo(local(b.sum()).longValue()).isEqualTo(9900L);
        assertThat(p.filter(i -> i % 3 == 0).compute()).isEqualTo(local(b.filter(i -> i % 3 == 0)));
        client.unpersist(p);
    }
}
