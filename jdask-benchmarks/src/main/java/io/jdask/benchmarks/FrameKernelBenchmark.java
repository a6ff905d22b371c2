package io.jdask.benchmarks;

import io.jdask.dataframe.Column;
import io.jdask.dataframe.Frame;
import io.jdask.dataframe.JoinType;
import io.jdask.dataframe.Joins;
import io.jdask.dataframe.MergeSpec;
import io.jdask.dataframe.Partitioning;
import io.jdask.dataframe.Sorting;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Frame-level kernels that DataFrame shuffles are built from, at 1M rows: a hash join of a
 * 1M-row frame with a 100k-row frame on an i64 or a string key (each left row matches one right
 * row, 90% of the time), a stable sort on one f64 key and on two keys, and a hash split into 32 parts.
 *
 * <p>Run (see {@code jdask-benchmarks/README.md}):
 * <pre>{@code
 * ./mvnw -q -B -DskipTests package -pl jdask-benchmarks -am
 * $JAVA $FLAGS -jar jdask-benchmarks/target/benchmarks.jar FrameKernelBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class FrameKernelBenchmark {
    /** The type of the join key. */
    @Param({"i64", "string"})
    public String keyType;

    private Frame left;
    private Frame right;

    @Setup
    public void setUp() {
        int n = 1_000_000;
        int m = 100_000;
        Random r = new Random(42);
        long[] lk = new long[n];
        double[] x = new double[n];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            lk[i] = r.nextInt(m * 10 / 9);
            x[i] = r.nextGaussian();
            y[i] = r.nextInt(100);
        }
        long[] rk = new long[m];
        double[] z = new double[m];
        for (int i = 0; i < m; i++) {
            rk[i] = i;
            z[i] = r.nextDouble();
        }
        left = Frame.builder().column("k", key(lk)).column("x", Column.ofDoubles(x)).column("y", Column.ofLongs(y)).build();
        right = Frame.builder().column("k", key(rk)).column("z", Column.ofDoubles(z)).build();
    }

    private Column key(long[] k) {
        if (keyType.equals("i64")) {
            return Column.ofLongs(k);
        }
        String[] s = new String[k.length];
        for (int i = 0; i < k.length; i++) {
            s[i] = "key-" + k[i];
        }
        return Column.ofStrings(s);
    }

    /** @return the rows of an inner join (1M x 100k, about 900k result rows) */
    @Benchmark
    public int innerJoin() {
        return Joins.merge(left, right, MergeSpec.on(JoinType.INNER, "k")).numRows();
    }

    /** @return the rows of a left join (1M result rows, 10% with missing right values) */
    @Benchmark
    public int leftJoin() {
        return Joins.merge(left, right, MergeSpec.on(JoinType.LEFT, "k")).numRows();
    }

    /** @return the first row of the 1M-row frame sorted by one f64 column */
    @Benchmark
    public int sortOneKey() {
        return Sorting.argsort(left, List.of("x"), new boolean[] {true}, true)[0];
    }

    /** @return the first row of the frame sorted by the key (i64 or string) then an f64 column, descending */
    @Benchmark
    public int sortTwoKeys() {
        return Sorting.argsort(left, List.of("k", "x"), new boolean[] {true, false}, true)[0];
    }

    /** @return the rows of the first of 32 hash parts of the 1M-row frame */
    @Benchmark
    public int split32() {
        return Partitioning.split(left, List.of("k"), 32)[0].numRows();
    }
}
