package io.jdask.diagnostics;

import io.jdask.config.Config;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;

/**
 * A console progress bar for computations, like Dask's {@code ProgressBar}.
 *
 * <p>A run shorter than the minimum time ({@code progress.min-seconds}, default one second) prints
 * nothing at all. After that the bar shows finished/total tasks, the percentage and the elapsed
 * time, redrawn at a bounded rate (every 100 ms by default) from a daemon timer thread, never from
 * the task threads, which only bump a counter. When the run ends a final line is drawn, with the
 * error if it failed. Each run is tracked by its {@link RunInfo#id()}, so concurrent and nested runs
 * each get their own bar.
 *
 * <pre>{@code
 * try (var r = Callbacks.add(new ProgressBar())) {
 *     x.compute();
 * }
 * }</pre>
 *
 * <p>On a terminal the bar is rendered by {@code me.tongfei:progressbar}; elsewhere it is plain
 * text, each redraw a carriage return and the line again:
 *
 * <pre>
 * [####################                    ]  50% | 500/1000 tasks | 1.2s
 * </pre>
 *
 * <p>Schedulers add {@link #automatic()} to every computation. Thread-safe.
 */
public final class ProgressBar implements Callback {
    private final Supplier<ProgressDisplay> displays;
    private final long minNanos;
    private final long intervalNanos;
    private final LongSupplier clock;
    private final RefreshTimer timer;
    private final ConcurrentHashMap<Long, RunProgress> runs = new ConcurrentHashMap<>();
    private volatile RunProgress last;

    /**
     * A bar on standard error, rendered for a terminal when {@link System#console()} says one is
     * attached and as plain text otherwise, with the configured minimum time.
     */
    public ProgressBar() {
        this(System.console() != null ? builder().terminal(System.err) : builder().output(System.err));
    }

    /**
     * A plain-text bar with the configured minimum time.
     *
     * @param out where to write the bar (writes are synchronized on it)
     */
    public ProgressBar(Appendable out) {
        this(builder().output(out));
    }

    private ProgressBar(Builder b) {
        this.displays = b.displays();
        this.minNanos = b.minNanos();
        this.intervalNanos = b.interval.toNanos();
        this.clock = b.clock;
        this.timer = b.timer;
    }

    /** @return a builder for a bar with a chosen output, minimum time, refresh rate or clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The progress bar schedulers add to every computation: a bar on standard error when
     * {@code progress.enabled} is true and a terminal is attached, else {@link Callbacks#NONE}.
     *
     * <p>"A terminal is attached" means {@link System#console()} is not {@code null}, which on the
     * JDKs this project runs on (21 and 25) holds exactly when standard input and output are both a
     * terminal. On JDK 22 to 24 {@code System.console()} may return a console when output is
     * redirected (their default console provider is JLine's, unless {@code -Djdk.console=java.base});
     * there {@code Console.isTerminal()}, which code compiled for Java 21 cannot call, would tell
     * the difference, and a redirected run may show the bar. Set {@code progress.enabled} to false
     * to turn it off everywhere.
     *
     * @return a new progress bar, or {@link Callbacks#NONE}
     */
    public static Callback automatic() {
        return automatic(Config.getBoolean("progress.enabled"), System.console() != null);
    }

    static Callback automatic(boolean enabled, boolean terminal) {
        return enabled && terminal ? builder().terminal(System.err).build() : Callbacks.NONE;
    }

    @Override
    public void onStart(RunInfo run) {
        RunProgress p = new RunProgress(run.id(), run.taskCount(), minNanos, clock, displays.get());
        runs.put(run.id(), p);
        p.refreshWith(timer.every(intervalNanos, p::refresh));
    }

    @Override
    public void onTaskFinish(RunInfo run, TaskEvent event) {
        RunProgress p = last;
        if (p == null || p.runId() != run.id()) {
            p = runs.get(run.id());
            if (p == null) {
                return;
            }
            last = p;
        }
        p.taskDone();
    }

    @Override
    public void onFinish(RunInfo run, Throwable error) {
        RunProgress p = runs.remove(run.id());
        if (p != null) {
            p.finish(error);
        }
    }

    @Override
    public String toString() {
        return "ProgressBar(min " + Durations.elapsed(minNanos) + ", every " + intervalNanos / 1_000_000 + "ms, "
                + runs.size() + " running)";
    }

    /** Builds a {@link ProgressBar}. Not thread-safe. */
    public static final class Builder {
        private Appendable text;
        private PrintStream terminal;
        private int width;
        private double minSeconds = Double.NaN;
        private Duration interval = Duration.ofMillis(100);
        private LongSupplier clock = System::nanoTime;
        private RefreshTimer timer = RefreshTimer.daemon();

        private Builder() {}

        /**
         * Draws plain text (carriage return and the line again at each refresh) on {@code out}.
         * This is the default, on standard error.
         *
         * @param out where to write; writes are synchronized on it
         * @return this builder
         */
        public Builder output(Appendable out) {
            this.text = Objects.requireNonNull(out, "out");
            this.terminal = null;
            return this;
        }

        /**
         * Draws with {@code me.tongfei:progressbar} on {@code out}, which should be a terminal
         * (the library moves the cursor to keep several bars apart).
         *
         * @param out the terminal's stream, usually {@link System#err}
         * @return this builder
         */
        public Builder terminal(PrintStream out) {
            this.terminal = Objects.requireNonNull(out, "out");
            this.text = null;
            return this;
        }

        /**
         * @param columns the width of a line; for plain text 80 by default, on a terminal its
         *     width; at least 20
         * @return this builder
         */
        public Builder width(int columns) {
            if (columns < 20) {
                throw new IllegalArgumentException("a progress bar needs at least 20 columns, not " + columns);
            }
            this.width = columns;
            return this;
        }

        /**
         * @param seconds runs shorter than this print nothing; by default
         *     {@code progress.min-seconds} when the bar is built
         * @return this builder
         */
        public Builder minSeconds(double seconds) {
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new IllegalArgumentException("minimum seconds must be finite and >= 0, not " + seconds);
            }
            this.minSeconds = seconds;
            return this;
        }

        /**
         * @param every how often the bar is redrawn, 100 ms by default
         * @return this builder
         */
        public Builder refreshInterval(Duration every) {
            if (every.isNegative() || every.isZero()) {
                throw new IllegalArgumentException("the refresh interval must be positive, not " + every);
            }
            this.interval = every;
            return this;
        }

        /**
         * @param nanos the clock that measures elapsed time, {@link System#nanoTime()} by default
         *     (on a terminal the library shows its own elapsed time; this clock then only decides
         *     when the bar appears)
         * @return this builder
         */
        public Builder clock(LongSupplier nanos) {
            this.clock = Objects.requireNonNull(nanos, "nanos");
            return this;
        }

        Builder timer(RefreshTimer t) {
            this.timer = Objects.requireNonNull(t, "timer");
            return this;
        }

        /** @return the progress bar */
        public ProgressBar build() {
            return new ProgressBar(this);
        }

        private long minNanos() {
            double s = Double.isNaN(minSeconds) ? Config.getDouble("progress.min-seconds") : minSeconds;
            return (long) (Math.max(0, s) * 1e9);
        }

        private Supplier<ProgressDisplay> displays() {
            int updateMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, interval.toMillis()));
            if (terminal != null) {
                PrintStream out = terminal;
                int columns = width;
                return () -> new TerminalProgressDisplay(
                        columns > 0
                                ? new InteractiveConsoleProgressBarConsumer(out, columns)
                                : new InteractiveConsoleProgressBarConsumer(out),
                        updateMillis);
            }
            Appendable out = text != null ? text : System.err;
            int barWidth = Math.max(10, (width > 0 ? width : 80) - 40);
            return () -> new TextProgressDisplay(out, barWidth);
        }
    }
}
