package io.jdask.diagnostics;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress drawn on a terminal by {@code me.tongfei:progressbar}: created when the run has lasted
 * the minimum time (so short runs print nothing), fed the task count at each refresh, and closed
 * (which draws the final state and a newline) when the run ends. The library redraws from its own
 * daemon thread; its elapsed time includes the time before the bar appeared.
 */
final class TerminalProgressDisplay implements ProgressDisplay {
    private final ProgressBarConsumer consumer;
    private final int updateMillis;
    private me.tongfei.progressbar.ProgressBar bar;

    /**
     * @param consumer where the library writes (an interactive console consumer on a terminal)
     * @param updateMillis how often the library redraws
     */
    TerminalProgressDisplay(ProgressBarConsumer consumer, int updateMillis) {
        this.consumer = consumer;
        this.updateMillis = updateMillis;
    }

    @Override
    public void update(long done, long total, long elapsedNanos) {
        bar(done, total, elapsedNanos).stepTo(Math.min(done, total));
    }

    @Override
    public void finish(long done, long total, long elapsedNanos, Throwable error) {
        me.tongfei.progressbar.ProgressBar b = bar(done, total, elapsedNanos);
        b.stepTo(Math.min(done, total));
        if (error != null) {
            b.setExtraMessage("failed: " + ProgressDisplay.describe(error));
        }
        b.close();
    }

    private me.tongfei.progressbar.ProgressBar bar(long done, long total, long elapsedNanos) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName("jdask")
                    .setInitialMax(total)
                    .setUpdateIntervalMillis(updateMillis)
                    .continuousUpdate()
                    .setConsumer(consumer)
                    .startsFrom(Math.min(done, total), Duration.ofNanos(Math.max(0, elapsedNanos)))
                    .build();
        }
        return bar;
    }
}
