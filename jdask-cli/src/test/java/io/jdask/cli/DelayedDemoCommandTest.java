package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DelayedDemoCommandTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {"threads", "sync"})
    void sumsAThousandSquaresOnEachSchedulerAndMatchesTheLoop(String scheduler) {
        CliRun run = CliRun.of("demo", "delayed", "--tasks", "1000", "--scheduler", scheduler);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("on the " + scheduler + " scheduler")
                .containsPattern("(?m)^  result      332,833,500$")
                .containsPattern("(?m)^  plain loop  332,833,500  \\(match\\)$")
                .containsPattern("(?m)^  tasks       1,999 run \\(1,000 squares, 999 adds; [\\d,]+ nodes in the graph\\)$")
                .containsPattern("(?m)^  build       [\\d,.]+ ms$")
                .containsPattern("(?m)^  compute     [\\d,.]+ ms  \\([\\d,]+ tasks/s\\)$")
                .contains("the pure call built on each side has one key (slow-square-")
                .contains("slow-square ran 1 time; result 301, expected 301  (match)")
                .doesNotContain("MISMATCH");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void threadsOptionSizesTheThreadedScheduler() {
        CliRun run = CliRun.of("demo", "delayed", "--tasks", "50", "--threads", "3");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("on the threads scheduler with 3 threads").contains("(match)");
    }

    @Test
    void oneNumberIsATreeOfOneTask() {
        CliRun run = CliRun.of("demo", "delayed", "--tasks", "1", "--scheduler", "sync");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("(?m)^  result      0$").contains("  tasks       1 run (1 squares, 0 adds;");
    }

    @Test
    void helpNamesTheOptions() {
        CliRun run = CliRun.of("demo", "delayed", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: jdask demo delayed")
                .contains("--tasks=N", "--scheduler=NAME", "--threads=T", "--visualize=FILE", "default 100000");
    }

    @Test
    void demoHelpListsTheDelayedDemo() {
        CliRun run = CliRun.of("demo", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).containsPattern("(?m)^\\s+delayed\\s");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(CliRun.of("demo", "delayed", "--tasks", "0").err()).contains("--tasks must be between 1 and 2,000,000, not 0");
        assertThat(CliRun.of("demo", "delayed", "--tasks", "0").exitCode()).isEqualTo(2);

        CliRun unknownScheduler = CliRun.of("demo", "delayed", "--scheduler", "gpu");
        assertThat(unknownScheduler.exitCode()).isEqualTo(2);
        assertThat(unknownScheduler.err()).contains("--scheduler: unknown scheduler 'gpu'");

        CliRun threadsOnSync = CliRun.of("demo", "delayed", "--scheduler", "sync", "--threads", "2");
        assertThat(threadsOnSync.exitCode()).isEqualTo(2);
        assertThat(threadsOnSync.err()).contains("--threads applies to the threads scheduler only");

        CliRun badFile = CliRun.of("demo", "delayed", "--tasks", "3", "--visualize", temp.resolve("graph.txt").toString());
        assertThat(badFile.exitCode()).isEqualTo(2);
        assertThat(badFile.err()).contains("--visualize: cannot tell how to draw");
        assertThat(badFile.out()).isEmpty();
    }

    @Test
    void visualizeDrawsTheSmallExampleAsDotBeforeTheDemo() throws IOException {
        Path file = temp.resolve("out/graph.dot");

        CliRun run = CliRun.of("demo", "delayed", "--tasks", "10", "--visualize", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Graph of a small example (8 numbers summed, and the diamond) written to "
                + file.toAbsolutePath() + System.lineSeparator());
        String dot = Files.readString(file);
        assertThat(dot).startsWith("digraph jdask {").endsWith("}\n");
        // 8 numbers: 8 squares, 7 adds; the diamond: slow-square, inc, double, add; a list of both
        assertThat(dot.lines().filter(l -> l.contains("[label=\"square-"))).hasSize(8);
        assertThat(dot.lines().filter(l -> l.contains("[label=\"add-"))).hasSize(8);
        assertThat(dot.lines().filter(l -> l.contains("[label=\"slow-square-"))).hasSize(1);
        assertThat(dot.lines().filter(l -> l.contains("[label=\"inc-"))).hasSize(1);
        assertThat(dot.lines().filter(l -> l.contains("[label=\"double-"))).hasSize(1);
        assertThat(dot.lines().filter(l -> l.contains("[label=\"list-"))).hasSize(1);
        // one arrow into each consumer: tree 8 squares + 6 inner adds, diamond 4 (slow-square feeds
        // two), the list 2; constants kept as nodes (boxes) have one arrow each
        long constants = dot.lines().filter(l -> l.contains("shape=box")).count();
        assertThat(dot.lines().filter(l -> l.contains(" -> "))).hasSize(14 + 4 + 2 + (int) constants);
    }

    @Test
    void visualizeRendersSvgWithGraphviz() throws Exception {
        assumeTrue(graphvizInstalled(), "Graphviz's dot is not installed (.ci/run installs it)");
        Path file = temp.resolve("graph.svg");

        CliRun run = CliRun.of("demo", "delayed", "--tasks", "4", "--visualize", file.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        String svg = Files.readString(file, StandardCharsets.UTF_8);
        assertThat(svg).contains("<svg").contains(">slow&#45;square&#45;").contains(">square&#45;");
    }

    private static boolean graphvizInstalled() throws InterruptedException {
        try {
            Process p = new ProcessBuilder("dot", "-V").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
