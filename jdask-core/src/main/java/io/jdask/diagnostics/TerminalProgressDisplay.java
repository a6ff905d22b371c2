package io.jdask.diagnostics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;

/**
 * Progress drawn on a terminal by {@code me.tongfei:progressbar}: created when the run has lasted
 * the minimum time (so short runs print nothing), fed the task count at each refresh, and closed
 * (which draws the final state and a newline) when the run ends. The library redraws from its own
 * daemon thread; its elapsed time includes the time before the bar appeared.
 */
final class TerminalProgressDisplay implements ProgressDisplay {
    private final FirstDraw consumer;
    private final int updateMillis;
    private me.tongfei.progressbar.ProgressBar bar;

    /**
     * @param consumer where the library writes (an interactive console consumer on a terminal)
     * @param updateMillis how often the library redraws
     */
    TerminalProgressDisplay(ProgressBarConsumer consumer, int updateMillis) {
        this.consumer = new FirstDraw(consumer);
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
        // The library's first redraw (scheduled at once when the bar is built) only draws; if close()
        // gets there first, its redraw is taken for the first one and the bar is never closed: no
        // final newline, and an interactive consumer stays registered. So wait for the first draw.
        consumer.awaitFirstDraw();
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

    /** Passes everything to the library's consumer and notes when the first line was drawn. */
    private static final class FirstDraw implements ProgressBarConsumer {
        private final ProgressBarConsumer target;
        private final CountDownLatch drawn = new CountDownLatch(1);

        FirstDraw(ProgressBarConsumer target) {
            this.target = target;
        }

        void awaitFirstDraw() {
            try {
                drawn.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public int getMaxRenderedLength() {
            return target.getMaxRenderedLength();
        }

        @Override
        public void accept(String rendered) {
            target.accept(rendered);
            drawn.countDown();
        }

        @Override
        public void clear() {
            target.clear();
        }

        @Override
        public void close() {
            target.close();
        }
    }
}
