package io.jdask.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jdask.config.Config;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static final long MS = 1_000_000L;

    private final AtomicLong clock = new AtomicLong(1_000 * MS);
    private final ManualTimer timer = new ManualTimer();
    private final StringBuilder out = new StringBuilder();

    private ProgressBar bar(double minSeconds) {
        return ProgressBar.builder().output(out).minSeconds(minSeconds).clock(clock::get).timer(timer).build();
    }

    private void advance(long millis) {
        clock.addAndGet(millis * MS);
    }

    private static String lastLine(StringBuilder text) {
        String s = text.toString();
        String trimmed = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return trimmed.substring(trimmed.lastIndexOf('\r') + 1).stripTrailing();
    }

    @Test
    void runShorterThanTheMinimumPrintsNothing() {
        ProgressBar bar = bar(1.0);
        RunInfo run = Runs.run(1, 10, 0);
        bar.onStart(run);
        for (int i = 0; i < 10; i++) {
            bar.onTaskFinish(run, Runs.ok(i));
        }
        advance(900);
        timer.tick();
        bar.onFinish(run, null);

        assertThat(out).isEmpty();
        assertThat(timer.active()).isZero();
    }

    @Test
    void drawsDoneTotalPercentAndElapsedOnceTheMinimumHasPassed() {
        ProgressBar bar = bar(1.0);
        RunInfo run = Runs.run(1, 10, 0);
        bar.onStart(run);
        for (int i = 0; i < 5; i++) {
            bar.onTaskFinish(run, Runs.ok(i));
        }
        advance(500);
        timer.tick();
        assertThat(out).isEmpty();

        advance(1000);
        timer.tick();
        assertThat(out.toString())
                .isEqualTo("\r[" + "#".repeat(20) + " ".repeat(20) + "]  50% | 5/10 tasks | 1.5s");
    }

    @Test
    void finalLineShowsTheWholeRunAndEndsWithANewline() {
        ProgressBar bar = bar(1.0);
        RunInfo run = Runs.run(1, 4, 0);
        bar.onStart(run);
        advance(1200);
        timer.tick();
        for (int i = 0; i < 4; i++) {
            bar.onTaskFinish(run, Runs.ok(i));
        }
        advance(800);
        bar.onFinish(run, null);

        assertThat(out.toString()).endsWith("\n");
        assertThat(lastLine(out)).isEqualTo("[" + "#".repeat(40) + "] 100% | 4/4 tasks | 2.0s");
        assertThat(out.toString().split("\r")).hasSize(3); // "", the refresh, the final line
        assertThat(timer.active()).isZero();
    }

    @Test
    void runLongerThanTheMinimumDrawsItsFinalLineEvenWithoutARefresh() {
        ProgressBar bar = bar(1.0);
        RunInfo run = Runs.run(1, 2, 0);
        bar.onStart(run);
        advance(3000);
        bar.onFinish(run, null);

        assertThat(lastLine(out)).endsWith("] 100% | 2/2 tasks | 3.0s");
    }

    @Test
    void failedRunShowsHowFarItGotAndTheError() {
        ProgressBar bar = bar(0.0);
        RunInfo run = Runs.run(1, 10, 0);
        bar.onStart(run);
        for (int i = 0; i < 3; i++) {
            bar.onTaskFinish(run, Runs.ok(i));
        }
        advance(250);
        bar.onFinish(run, new IllegalStateException("boom\nsecond line"));

        assertThat(lastLine(out))
                .isEqualTo("[############                            ]  30% | 3/10 tasks | 0.2s"
                        + " | failed: IllegalStateException: boom ...");
    }

    @Test
    void nothingIsDrawnAfterTheFinalLine() {
        ProgressBar bar = bar(0.0);
        RunInfo run = Runs.run(1, 1, 0);
        bar.onStart(run);
        ManualTimer.Scheduled refresh = timer.scheduled.get(0);
        bar.onFinish(run, null);
        String after = out.toString();

        refresh.action.run(); // a refresh already under way when the run ended
        bar.onTaskFinish(run, Runs.ok(0));
        bar.onFinish(run, null);

        assertThat(out).hasToString(after);
    }

    @Test
    void countsTasksFinishedConcurrentlyOnManyThreads() throws Exception {
        ProgressBar bar = bar(0.0);
        int threads = 8;
        int perThread = 5_000;
        RunInfo run = Runs.run(1, threads * perThread, 0);
        bar.onStart(run);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        bar.onTaskFinish(run, Runs.ok(i));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        timer.tick();

        assertThat(lastLine(out)).contains("100% | 40000/40000 tasks");
    }

    @Test
    void concurrentRunsAreCountedSeparatelyByRunId() {
        StringBuilder second = new StringBuilder();
        ProgressBar bar = bar(0.0);
        RunInfo a = Runs.run(1, 4, 0);
        RunInfo b = Runs.run(2, 8, 0);
        bar.onStart(a);
        bar.onStart(b);
        bar.onTaskFinish(a, Runs.ok(0));
        bar.onTaskFinish(b, Runs.ok(0));
        bar.onTaskFinish(a, Runs.ok(1));
        bar.onTaskFinish(b, Runs.ok(1));
        bar.onTaskFinish(b, Runs.ok(2));
        advance(100);
        timer.scheduled.get(1).action.run();
        second.append(lastLine(out));
        timer.scheduled.get(0).action.run();

        assertThat(second.toString()).contains(" 37% | 3/8 tasks");
        assertThat(lastLine(out)).contains(" 50% | 2/4 tasks");

        bar.onFinish(b, new RuntimeException("inner"));
        assertThat(lastLine(out)).contains("3/8 tasks").contains("failed: RuntimeException: inner");
        bar.onTaskFinish(a, Runs.ok(2));
        timer.tick();
        assertThat(lastLine(out)).contains(" 75% | 3/4 tasks");
    }

    @Test
    void tasksOfARunItDidNotSeeStartAreIgnored() {
        ProgressBar bar = bar(0.0);
        RunInfo run = Runs.run(7, 3, 0);
        bar.onTaskFinish(run, Runs.ok(0));
        bar.onFinish(run, null);

        assertThat(out).isEmpty();
    }

    @Test
    void refreshesFromTheDaemonTimerThreadAtTheChosenRate() throws Exception {
        AtomicReference<Thread> drawer = new AtomicReference<>();
        CountDownLatch drawn = new CountDownLatch(2);
        Appendable spy = new Appendable() {
            @Override
            public Appendable append(CharSequence csq) {
                drawer.compareAndSet(null, Thread.currentThread());
                drawn.countDown();
                return this;
            }

            @Override
            public Appendable append(CharSequence csq, int start, int end) {
                return append(csq.subSequence(start, end));
            }

            @Override
            public Appendable append(char c) {
                return append(String.valueOf(c));
            }
        };
        ProgressBar bar = ProgressBar.builder()
                .output(spy)
                .minSeconds(0)
                .refreshInterval(Duration.ofMillis(5))
                .build();
        RunInfo run = Runs.run(1, 2, System.nanoTime());
        bar.onStart(run);
        bar.onTaskFinish(run, Runs.ok(0));
        try {
            assertThat(drawn.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            bar.onFinish(run, null);
        }

        assertThat(drawer.get().getName()).isEqualTo("jdask-progress");
        assertThat(drawer.get().isDaemon()).isTrue();
    }

    @Test
    @SuppressWarnings("try") // the registration is only there to be closed
    void minimumTimeDefaultsToTheConfiguration() {
        ProgressBar bar;
        try (var s = Config.set("progress.min-seconds", 2.5)) {
            bar = ProgressBar.builder().output(out).clock(clock::get).timer(timer).build();
        }
        RunInfo run = Runs.run(1, 1, 0);
        bar.onStart(run);
        advance(2400);
        timer.tick();
        assertThat(out).isEmpty();
        advance(200);
        timer.tick();
        assertThat(out).isNotEmpty();
        bar.onFinish(run, null);
    }

    @Test
    void terminalRenderingGoesThroughTheProgressbarLibrary() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream terminal = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        ProgressBar bar = ProgressBar.builder()
                .terminal(terminal)
                .width(100)
                .minSeconds(1)
                .clock(clock::get)
                .timer(timer)
                .build();
        RunInfo run = Runs.run(1, 10, 0);
        bar.onStart(run);
        for (int i = 0; i < 4; i++) {
            bar.onTaskFinish(run, Runs.ok(i));
        }
        timer.tick();
        assertThat(bytes.size()).isZero();

        advance(1500);
        timer.tick();
        for (int i = 4; i < 10; i++) {
            bar.onTaskFinish(run, Runs.ok(i));
        }
        bar.onFinish(run, null);

        String text = bytes.toString(StandardCharsets.UTF_8);
        // the interactive consumer moves to a new line at its first draw and redraws above it after
        assertThat(text).contains("\n");
        assertThat(text.substring(text.lastIndexOf("jdask"))).startsWith("jdask 100%").contains("10/10");
    }

    @Test
    void automaticNeedsBothTheSettingAndATerminal() {
        assertThat(ProgressBar.automatic(false, true)).isSameAs(Callbacks.NONE);
        assertThat(ProgressBar.automatic(true, false)).isSameAs(Callbacks.NONE);
        assertThat(ProgressBar.automatic(true, true)).isInstanceOf(ProgressBar.class);
        assertThat(ProgressBar.automatic(true, true)).isNotSameAs(ProgressBar.automatic(true, true));
    }

    @Test
    @SuppressWarnings("try") // the registration is only there to be closed
    void automaticIsOffWhenDisabledOrWithoutAConsole() {
        try (var s = Config.set("progress.enabled", false)) {
            assertThat(ProgressBar.automatic()).isSameAs(Callbacks.NONE);
        }
        assumeThat(System.console()).as("tests run without a terminal").isNull();
        assertThat(ProgressBar.automatic()).isSameAs(Callbacks.NONE);
    }

    @Test
    void builderRejectsNonsense() {
        assertThatThrownBy(() -> ProgressBar.builder().minSeconds(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgressBar.builder().minSeconds(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgressBar.builder().refreshInterval(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProgressBar.builder().width(5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void elapsedTimeIsWrittenForPeople() {
        assertThat(Durations.elapsed(0)).isEqualTo("0.0s");
        assertThat(Durations.elapsed(12_345 * MS)).isEqualTo("12.3s");
        assertThat(Durations.elapsed(125_000 * MS)).isEqualTo("2m 05s");
        assertThat(Durations.elapsed(3_725_000 * MS)).isEqualTo("1h 02m 05s");
        assertThat(Durations.human(1_500)).isEqualTo("1.5us");
        assertThat(Durations.human(2_500_000)).isEqualTo("2.5ms");
    }
}
