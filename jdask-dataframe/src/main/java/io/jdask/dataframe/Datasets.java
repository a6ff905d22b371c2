package io.jdask.dataframe;

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
        return DataFrame.fromSource(new TimeseriesSource(s, e, f, p, seed, COLUMNS));
    }

    static final List<String> COLUMNS = List.of("id", "name", "x", "y");

    private static long nanos(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /**
     * The timeseries as a {@link PartitionSource}: a projection generates only the requested
     * columns. Every column has its own random stream per partition, so a column's values are the
     * same whichever others are generated.
     */
    record TimeseriesSource(long start, long end, long freq, long partitionFreq, long seed, List<String> columns)
            implements PartitionSource {
        TimeseriesSource {
            columns = List.copyOf(columns);
        }

        @Override
        public String name() {
            return "timeseries";
        }

        @Override
        public Frame meta() {
            return generate(0, 0, 1, 0).head(0);
        }

        @Override
        public int numPartitions() {
            return (int) ((end - start + partitionFreq - 1) / partitionFreq);
        }

        @Override
        public Optional<List<Comparable<?>>> divisions() {
            List<Comparable<?>> d = new ArrayList<>();
            for (int i = 0; i < numPartitions(); i++) {
                d.add(instant(start + i * partitionFreq));
            }
            d.add(instant(end));
            return Optional.of(List.copyOf(d));
        }

        @Override
        public Frame read(int partition) {
            long from = start + partition * partitionFreq;
            return generate(start, from, Math.min(end, from + partitionFreq), partition);
        }

        @Override
        public PartitionSource project(List<String> cols) {
            for (String c : cols) {
                if (!COLUMNS.contains(c)) {
                    throw new IllegalArgumentException("no column '" + c + "'; the columns are " + COLUMNS);
                }
            }
            return new TimeseriesSource(start, end, freq, partitionFreq, seed, cols);
        }

        @Override
        public void tokenize(io.jdask.tokenize.TokenSink sink) {
            sink.put(List.of(start, end, freq, partitionFreq, seed)).put(columns);
        }

        private static Instant instant(long nanos) {
            return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
        }

        private SplittableRandom stream(int partition, String column) {
            return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + partition * 0xBF58476D1CE4E5B9L
                    + (COLUMNS.indexOf(column) + 1) * 0x94D049BB133111EBL);
        }

        /** Rows at origin + k*freq within [from, to). */
        Frame generate(long origin, long from, long to, int partition) {
            long firstStep = Math.floorDiv(from - origin + freq - 1, freq);
            long first = origin + firstStep * freq;
            int n = first >= to ? 0 : Math.toIntExact((to - first + freq - 1) / freq);
            long[] ts = new long[n];
            for (int i = 0; i < n; i++) {
                ts[i] = first + i * freq;
            }
            Frame.Builder b = Frame.builder().sortedIndex("timestamp", new Column(DType.TIMESTAMP, n, ts, null, null));
            for (String c : columns) {
                SplittableRandom r = stream(partition, c);
                switch (c) {
                    case "id" -> {
                        long[] id = new long[n];
                        double sd = Math.sqrt(1000);
                        for (int i = 0; i < n; i++) {
                            id[i] = Math.max(0, Math.round(1000 + sd * r.nextGaussian()));
                        }
                        b.column(c, new Column(DType.I64, n, id, null, null));
                    }
                    case "name" -> {
                        int[] codes = new int[n];
                        int k = NAMES.size();
                        for (int i = 0; i < n; i++) {
                            codes[i] = r.nextInt(k);
                        }
                        b.column(c, new Column(DType.STRING, n, codes, null, NAMES.toArray(String[]::new)));
                    }
                    default -> {
                        double[] x = new double[n];
                        for (int i = 0; i < n; i++) {
                            x[i] = r.nextDouble() * 2 - 1;
                        }
                        b.column(c, new Column(DType.F64, n, x, null, null));
                    }
                }
            }
            return b.build();
        }
    }
}
