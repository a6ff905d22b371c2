package io.jdask.diagnostics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The progress of one run: a task counter that task threads bump (a {@link LongAdder}, so they do
 * not contend) and a display that only the timer thread and the run's own finishing thread draw on,
 * one at a time.
 */
final class RunProgress {
    private final LongAdder done = new LongAdder();
    private final long runId;
    private final long total;
    private final long startNanos;
    private final long minNanos;
    private final LongSupplier clock;
    private final ProgressDisplay display;
    private RefreshTimer.Handle refresh;
    private boolean shown;
    private boolean finished;

    RunProgress(long runId, long total, long minNanos, LongSupplier clock, ProgressDisplay display) {
        this.runId = runId;
        this.total = total;
        this.minNanos = minNanos;
        this.clock = clock;
        this.display = display;
        this.startNanos = clock.getAsLong();
    }

    /** @return the run's {@link RunInfo#id()} */
    long runId() {
        return runId;
    }

    /** Called on task threads: counts a finished task. */
    void taskDone() {
        done.increment();
    }

    /** @return tasks finished so far */
    long done() {
        return done.sum();
    }

    synchronized void refreshWith(RefreshTimer.Handle handle) {
        if (finished) {
            handle.cancel();
        } else {
            refresh = handle;
        }
    }

    /** Called by the timer: redraws once the run has lasted the minimum time. */
    synchronized void refresh() {
        if (finished) {
            return;
        }
        long elapsed = clock.getAsLong() - startNanos;
        if (elapsed >= minNanos) {
            shown = true;
            display.update(done.sum(), total, elapsed);
        }
    }

    /**
     * Stops refreshing and draws the final line, unless the run was shorter than the minimum time.
     * A successful run is drawn complete even when the scheduler reported fewer tasks than the
     * graph has (literals it did not need to run, for example).
     *
     * @param error why the run failed, or null
     * @return whether a final line was drawn
     */
    synchronized boolean finish(Throwable error) {
        if (finished) {
            return false;
        }
        finished = true;
        if (refresh != null) {
            refresh.cancel();
        }
        long elapsed = clock.getAsLong() - startNanos;
        if (elapsed < minNanos && !shown) {
            return false;
        }
        display.finish(error == null ? total : done.sum(), total, elapsed, error);
        return true;
    }
}
