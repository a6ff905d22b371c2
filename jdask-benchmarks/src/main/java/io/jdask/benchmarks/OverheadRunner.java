package io.jdask.benchmarks;

import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The side-by-side runner for scheduler overhead: the workloads of {@code
 * shared/bench/anchors/bench_f_overhead.py}, timed the same way (median of repeated runs after a
 * warm-up), printing {@code RESULT | workload | size | tool | seconds | throughput | notes} lines
 * like the anchor so both can be read together.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.OverheadRunner [repeats]
 * </pre>
 */
public final class OverheadRunner {
    private OverheadRunner() {}

    /**
     * @param args optional number of timed repeats (default 7)
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        for (String name : List.of("threads", "sync")) {
            Scheduler s = Schedulers.byName(name);
            String tool = "jdask local " + name + " scheduler";
            run("independent inc", 100_000, tool, repeats, () -> OverheadWorkloads.independent(100_000), s, true, 100_000);
            for (int leaves : new int[] {10_000, 50_000}) {
                int tasks = 2 * leaves - 1;
                run("delayed sum tree", tasks, tool, repeats, () -> OverheadWorkloads.tree(leaves), s, true,
                        OverheadWorkloads.treeExpected(leaves));
            }
            run("linear chain", 20_000, tool, repeats, () -> OverheadWorkloads.chain(20_000), s, true, 20_000);
            run("linear chain", 20_000, tool + ", no fusion", repeats, () -> OverheadWorkloads.chain(20_000), s, false, 20_000);
        }
        int leaves = 10_000;
        double build = median(repeats, () -> {
            long t0 = System.nanoTime();
            OverheadWorkloads.tree(leaves);
            return System.nanoTime() - t0;
        });
        report("f overhead", (2 * leaves - 1) + " tasks", "jdask Delayed: build sum-tree graph", build, 2 * leaves - 1, "");
    }

    private static void run(String what, int tasks, String tool, int repeats, Supplier<Lazy<?>> build,
            Scheduler scheduler, boolean optimize, Object expected) {
        Lazy<?> prebuilt = build.get();
        check(expected, Jdask.with(scheduler).optimize(optimize).compute(prebuilt).get(0));
        double withBuild = median(repeats, () -> {
            long t0 = System.nanoTime();
            Object r = Jdask.with(scheduler).optimize(optimize).compute(build.get()).get(0);
            long t = System.nanoTime() - t0;
            check(expected, r);
            return t;
        });
        double computeOnly = median(repeats, () -> {
            long t0 = System.nanoTime();
            Object r = Jdask.with(scheduler).optimize(optimize).compute(prebuilt).get(0);
            long t = System.nanoTime() - t0;
            check(expected, r);
            return t;
        });
        report("f overhead " + what, tasks + " tasks", tool + " (build + compute)", withBuild, tasks, "median of " + repeats);
        report("f overhead " + what, tasks + " tasks", tool + " (compute, graph prebuilt)", computeOnly, tasks,
                "median of " + repeats);
    }

    private static void check(Object expected, Object actual) {
        Object value = actual instanceof List<?> l ? l.size() : actual;
        long want = ((Number) expected).longValue();
        if (((Number) value).longValue() != want) {
            throw new AssertionError("wrong result: " + value + ", expected " + want);
        }
    }

    private interface Timed {
        long nanos();
    }

    private static double median(int repeats, Timed timed) {
        for (int i = 0; i < 2; i++) {
            timed.nanos(); // warm-up
        }
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < repeats; i++) {
            System.gc();
            times.add(timed.nanos());
        }
        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(t);
        return t[t.length / 2] / 1e9;
    }

    private static void report(String workload, String size, String tool, double seconds, int tasks, String notes) {
        System.out.printf(Locale.ROOT, "RESULT | %s | %s | %s | %.4f | %,.0f tasks/s | %.2f us/task; %s%n",
                workload, size, tool, seconds, tasks / seconds, seconds * 1e6 / tasks, notes);
    }
}
