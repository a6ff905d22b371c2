package io.jdask.cli;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.RunInfo;
import io.jdask.diagnostics.TaskEvent;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdask demo delayed}: many small delayed tasks on a local scheduler, checked against a
 * plain loop, with the time to build and to compute the graph; and a diamond whose shared pure
 * step runs once.
 */
@Command(
        name = "delayed",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Sum the squares of 0..N-1 as a tree of about 2N small delayed tasks, compare with a"
                    + " plain loop, and show a diamond whose shared pure call runs once.",
            "Exits with 1 if a result is wrong."
        })
final class DelayedDemoCommand implements Callable<Integer> {
    static final int MAX_TASKS = 2_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--tasks", paramLabel = "N", defaultValue = "100000",
            description = "How many numbers to square and sum (1..2,000,000; default ${DEFAULT-VALUE}).")
    int tasks;

    @Option(names = "--scheduler", paramLabel = "NAME", defaultValue = "threads",
            description = "threads (default: one thread per core) or sync (all on the calling thread).")
    String scheduler;

    @Option(names = "--threads", paramLabel = "T",
            description = "Threads of the threads scheduler (default: config scheduler.threads, else one per core).")
    Integer threads;

    @Option(names = "--visualize", paramLabel = "FILE",
            description = "First draw the graph of a small example (8 numbers and the diamond) to FILE:"
                    + " Graphviz .dot/.gv text, or .svg/.png/.pdf drawn by Graphviz's dot.")
    Path visualize;

    @Override
    public Integer call() {
        if (tasks < 1 || tasks > MAX_TASKS) {
            throw new ParameterException(spec.commandLine(),
                    "--tasks must be between 1 and " + String.format(Locale.ROOT, "%,d", MAX_TASKS) + ", not " + tasks);
        }
        Scheduler chosen = chooseScheduler();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (visualize != null) {
            try {
                Path parent = visualize.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                DelayedDemo.visualizationExample().visualize(visualize);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--visualize: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + visualize + ": " + e.getMessage(), e);
            }
            out.printf(Locale.ROOT, "Graph of a small example (8 numbers summed, and the diamond) written to %s%n",
                    visualize.toAbsolutePath());
        }

        out.printf(Locale.ROOT, "Sum of the squares of 0..%,d as delayed tasks on the %s scheduler%s%n",
                tasks - 1, chosen.name(), threadsNote(chosen));
        long buildStart = System.nanoTime();
        Delayed<Long> total = DelayedDemo.sumOfSquares(tasks);
        long buildNanos = System.nanoTime() - buildStart;

        TaskCounter counter = new TaskCounter();
        long computeStart = System.nanoTime();
        long result = Jdask.with(chosen).callback(counter).compute(total).get(total);
        long computeNanos = System.nanoTime() - computeStart;
        long expected = DelayedDemo.sumOfSquaresByLoop(tasks);
        boolean sumMatches = result == expected;

        out.printf(Locale.ROOT, "  result      %,d%n", result);
        out.printf(Locale.ROOT, "  plain loop  %,d  %s%n", expected, sumMatches ? "(match)" : "(MISMATCH)");
        out.printf(Locale.ROOT, "  tasks       %,d run (%,d squares, %,d adds; %,d nodes in the graph)%n",
                counter.ran.get(), tasks, tasks - 1, counter.graphSize.get());
        out.printf(Locale.ROOT, "  build       %s%n", millis(buildNanos));
        out.printf(Locale.ROOT, "  compute     %s  (%,.0f tasks/s)%n", millis(computeNanos),
                counter.ran.get() / (computeNanos / 1e9));

        boolean diamondOk = runDiamond(chosen, out);
        out.flush();
        if (!sumMatches) {
            err.printf(Locale.ROOT, "jdask: error: the delayed sum %,d differs from the plain loop's %,d%n", result, expected);
        }
        if (!diamondOk) {
            err.println("jdask: error: the diamond's shared pure call did not run exactly once with the right result");
        }
        return sumMatches && diamondOk ? 0 : 1;
    }

    private Scheduler chooseScheduler() {
        Scheduler chosen;
        try {
            chosen = Schedulers.byName(scheduler);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--scheduler: " + e.getMessage());
        }
        if (threads == null) {
            return chosen;
        }
        if (!chosen.name().equals("threads")) {
            throw new ParameterException(spec.commandLine(), "--threads applies to the threads scheduler only");
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, not " + threads);
        }
        return Schedulers.threaded(threads);
    }

    private static boolean runDiamond(Scheduler scheduler, PrintWriter out) {
        long x = 10;
        DelayedDemo.Diamond diamond = DelayedDemo.diamond(x);
        long callsBefore = DelayedDemo.slowSquareCalls();
        long value = Jdask.with(scheduler).compute(diamond.result()).get(diamond.result());
        long calls = DelayedDemo.slowSquareCalls() - callsBefore;
        long expected = DelayedDemo.Diamond.expected(x);
        boolean sameKey = diamond.sharedFromLeft().key().equals(diamond.sharedFromRight().key());

        out.printf(Locale.ROOT, "Diamond: slow-square(%d) feeds inc and double, then add%n", x);
        out.printf(Locale.ROOT, "  the pure call built on each side has %s key (%s)%n",
                sameKey ? "one" : "NOT the same", diamond.sharedFromLeft().key());
        out.printf(Locale.ROOT, "  slow-square ran %d time%s; result %,d, expected %,d  %s%n",
                calls, calls == 1 ? "" : "s", value, expected, value == expected ? "(match)" : "(MISMATCH)");
        return sameKey && calls == 1 && value == expected;
    }

    private String threadsNote(Scheduler scheduler) {
        if (!scheduler.name().equals("threads")) {
            return "";
        }
        int n = threads != null ? threads : Schedulers.defaultThreads();
        return String.format(Locale.ROOT, " with %d thread%s", n, n == 1 ? "" : "s");
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%,.1f ms", nanos / 1e6);
    }

    /** Counts the tasks a computation runs, as the scheduler reports them. */
    private static final class TaskCounter implements Callback {
        final AtomicInteger ran = new AtomicInteger();
        final AtomicInteger graphSize = new AtomicInteger();

        @Override
        public void onStart(RunInfo run) {
            graphSize.set(run.taskCount());
        }

        @Override
        public void onTaskFinish(RunInfo run, TaskEvent event) {
            ran.incrementAndGet();
        }
    }
}
