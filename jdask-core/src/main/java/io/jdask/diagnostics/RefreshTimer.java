package io.jdask.diagnostics;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action periodically off the task threads. The default one is a single daemon thread
 * named {@code jdask-progress}, shared by all progress bars and started on first use; tests inject
 * a timer they tick by hand.
 */
interface RefreshTimer {

    /** A periodic action that can be stopped. */
    interface Handle {
        /** Stops the action; a run already in progress finishes. */
        void cancel();
    }

    /**
     * @param periodNanos the period, first run one period from now
     * @param action what to run
     * @return a handle that stops it
     */
    Handle every(long periodNanos, Runnable action);

    /** @return the shared daemon timer */
    static RefreshTimer daemon() {
        return DaemonTimer.INSTANCE;
    }

    /** The shared timer thread. */
    final class DaemonTimer implements RefreshTimer {
        private static final Logger LOG = LoggerFactory.getLogger(DaemonTimer.class);
        static final String THREAD_NAME = "jdask-progress";
        static final DaemonTimer INSTANCE = new DaemonTimer();

        private final ScheduledThreadPoolExecutor executor;

        private DaemonTimer() {
            executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, THREAD_NAME);
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
        }

        @Override
        public Handle every(long periodNanos, Runnable action) {
            Runnable safe = () -> {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    // a periodic task that throws is never run again; log and keep going instead
                    LOG.warn("progress refresh failed", e);
                }
            };
            ScheduledFuture<?> f = executor.scheduleAtFixedRate(safe, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
    }
}
