package io.jdask.dataframe;

import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/** Generated demo data, like {@code dask.datasets}. */
public final class Datasets {
    /** The names the {@code name} column of {@link #timeseries} draws from. */
    public static final List<String> NAMES = List.of("Ada", "Bruno", "Chloe", "Dmitri", "Elena", "Felix", "Greta",
            "Hugo", "Iris", "Jonas", "Kira", "Leo", "Maya", "Nils", "Olga", "Pablo", "Quincy", "Rosa", "Sven",
            "Tara", "Umar", "Vera", "Walt", "Xenia", "Yusuf", "Zoe");

    private Datasets() {}

    /**
     * {@link #timeseries(Instant, Instant, Duration, Duration, long)} from 2000-01-01 to
     * 2000-01-31 (30 days, about 2.6 million rows) every second, one partition per day, seed 0.
     *
     * @return the DataFrame
     */
    public static DataFrame timeseries() {
        return timeseries(Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2000-01-31T00:00:00Z"),
                Duration.ofSeconds(1), Duration.ofDays(1), 0);
    }

    /**
     * A random time series generated inside each partition's task, so the graph holds no data.
     * The index {@code timestamp} runs from {@code start} (included) to {@code end} (excluded)
     * every {@code freq}; partition {@code i} covers {@code [start + i*partitionFreq, start +
     * (i+1)*partitionFreq)}, and the divisions are those boundaries (the last is {@code end}).
     * Columns: {@code id} (I64, about Poisson(1000): rounded normal with mean 1000 and variance
     * 1000), {@code name} (STRING, uniform over {@link #NAMES}), {@code x} and {@code y} (F64,
     * uniform in [-1, 1)). Each partition's values depend only on the seed and the partition
     * number, so results are the same on every scheduler.
     *
     * @param start the first timestamp
     * @param end the end (excluded)
     * @param freq the step between rows
     * @param partitionFreq the time span of one partition
     * @param seed the random seed
     * @return the DataFrame
     */
    public static DataFrame timeseries(Instant start, Instant end, Duration freq, Duration partitionFreq, long seed) {
        long s = nanos(start);
        long e = nanos(end);
        long f = freq.toNanos();
        long p = partitionFreq.toNanos();
        if (f <= 0 || p <= 0) {
            throw new IllegalArgumentException("freq and partitionFreq must be positive, got " + freq + " and " + partitionFreq);
        }
        if (e <= s) {
            throw new IllegalArgumentException("end " + end + " must be after start " + start);
        }
        long np = (e - s + p - 1) / p;
        if (np > 1_000_000) {
            throw new IllegalArgumentException("that makes " + np + " partitions; use a longer partitionFreq");
        }
        String name = "timeseries-" + Tokens.token(s, e, f, p, seed);
        List<Node> nodes = new ArrayList<>();
        List<Comparable<?>> divisions = new ArrayList<>();
        for (int i = 0; i < np; i++) {
            long from = s + i * p;
            long to = Math.min(e, from + p);
            nodes.add(new Task(Key.of(name, i), new Generate(s, from, to, f, seed, i)));
            divisions.add(start.plusNanos(i * p));
        }
        divisions.add(end);
        Frame meta = generate(0, 0, 0, 1, seed, 0);
        return new DataFrame(new Parts(name, meta, (int) np, Optional.of(List.copyOf(divisions)), Graph.of(nodes, List.of())));
    }

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /** Generates one partition: rows at origin + k*freq within [from, to). */
    record Generate(long origin, long from, long to, long freq, long seed, int partition) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return generate(origin, from, to, freq, seed, partition);
        }
    }

    static Frame generate(long origin, long from, long to, long freq, long seed, int partition) {
        long firstStep = Math.floorDiv(from - origin + freq - 1, freq);
        long first = origin + firstStep * freq;
        int n = first >= to ? 0 : Math.toIntExact((to - first + freq - 1) / freq);
        long[] ts = new long[n];
        long[] id = new long[n];
        int[] names = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + partition * 0xBF58476D1CE4E5B9L + 1);
        double sd = Math.sqrt(1000);
        int nNames = NAMES.size();
        for (int i = 0; i < n; i++) {
            ts[i] = first + i * freq;
            id[i] = Math.max(0, Math.round(1000 + sd * r.nextGaussian()));
            names[i] = r.nextInt(nNames);
            x[i] = r.nextDouble() * 2 - 1;
            y[i] = r.nextDouble() * 2 - 1;
        }
        return Frame.builder()
                .sortedIndex("timestamp", new Column(DType.TIMESTAMP, n, ts, null, null))
                .column("id", new Column(DType.I64, n, id, null, null))
                .column("name", new Column(DType.STRING, n, names, null, NAMES.toArray(String[]::new)))
                .column("x", new Column(DType.F64, n, x, null, null))
                .column("y", new Column(DType.F64, n, y, null, null))
                .build();
    }
}
