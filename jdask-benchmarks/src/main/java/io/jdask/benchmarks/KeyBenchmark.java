package io.jdask.benchmarks;

import io.jdask.graph.Key;
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
 * The cost of making a {@link Key} and of the two things every scheduler does with one: hash it
 * (graph maps) and take its {@link Key#prefix() prefix} (progress, profiles, dashboards).
 *
 * <p>Run (see {@code jdask-benchmarks/README.md}):
 * <pre>{@code
 * ./mvnw -q -B -DskipTests package -pl jdask-benchmarks -am
 * $JAVA -jar jdask-benchmarks/target/benchmarks.jar KeyBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyBenchmark {
    /** A plain name with a token, a name made of words only, and a block key's name. */
    @Param({"inc-3f2a9c0142aa9e51", "sum-aggregate", "random-array-0d1e5b7c99a24f1e"})
    public String name;

    private Key key;
    private Key blockKey;

    @Setup
    public void setUp() {
        key = Key.of(name);
        blockKey = Key.of(name, 3, 7);
    }

    /** @return a fresh plain key's hash: construction, which computes the hash once, and the read */
    @Benchmark
    public int ofPlainHashCode() {
        return Key.of(name).hashCode();
    }

    /** @return a fresh block key's hash: the index copy and its hash */
    @Benchmark
    public int ofBlockHashCode() {
        return Key.of(name, 3, 7).hashCode();
    }

    /** @return the prefix of an existing key: the scan of its name */
    @Benchmark
    public String prefix() {
        return key.prefix();
    }

    /** @return the prefix of an existing block key */
    @Benchmark
    public String blockPrefix() {
        return blockKey.prefix();
    }
}
