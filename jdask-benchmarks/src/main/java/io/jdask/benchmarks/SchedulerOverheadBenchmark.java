package io.jdask.benchmarks;

import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
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
 * Overhead of the local schedulers on tiny tasks: the time of one whole computation (with or
 * without building its graph); divide by the task count for the cost per task. The side-by-side
 * comparison with Dask is {@link OverheadRunner}.
 *
 * <pre>
 * java $FLAGS -jar jdask-benchmarks/target/benchmarks.jar SchedulerOverheadBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SchedulerOverheadBenchmark {
    /** independent: 100,000 inc tasks; tree: 99,999 tasks; chain: 20,000 tasks. */
    @Param({"independent", "tree", "chain"})
    public String workload;

    /** {@code threads} or {@code sync}. */
    @Param({"threads", "sync"})
    public String scheduler;

    private Lazy<?> prebuilt;
    private Scheduler sched;

    @Setup
    public void setup() {
        sched = Schedulers.byName(scheduler);
        prebuilt = build();
    }

    private Lazy<?> build() {
        return switch (workload) {
            case "independent" -> OverheadWorkloads.independent(100_000);
            case "tree" -> OverheadWorkloads.tree(50_000);
            case "chain" -> OverheadWorkloads.chain(20_000);
            default -> throw new IllegalArgumentException(workload);
        };
    }

    /** @return the result of building the graph and computing it */
    @Benchmark
    public Object buildAndCompute() {
        Lazy<?> c = build();
        return Jdask.with(sched).compute(c).get(0);
    }

    /** @return the result of computing the prebuilt graph */
    @Benchmark
    public Object computeOnly() {
        return Jdask.with(sched).compute(prebuilt).get(0);
    }

    /** @return the graph, built */
    @Benchmark
    public Object buildOnly() {
        return build();
    }
}
