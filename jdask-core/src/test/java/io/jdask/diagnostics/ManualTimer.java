package io.jdask.diagnostics;

import java.util.ArrayList;
import java.util.List;

/** A {@link RefreshTimer} that tests tick by hand. */
final class ManualTimer implements RefreshTimer {
    final List<Scheduled> scheduled = new ArrayList<>();

    static final class Scheduled implements Handle {
        final long periodNanos;
        final Runnable action;
        volatile boolean cancelled;

        Scheduled(long periodNanos, Runnable action) {
            this.periodNanos = periodNanos;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    @Override
    public synchronized Handle every(long periodNanos, Runnable action) {
        Scheduled s = new Scheduled(periodNanos, action);
        scheduled.add(s);
        return s;
    }

    /** Runs every action that has not been cancelled, as the timer thread would. */
    synchronized void tick() {
        for (Scheduled s : scheduled) {
            if (!s.cancelled) {
                s.action.run();
            }
        }
    }

    synchronized long active() {
        return scheduled.stream().filter(s -> !s.cancelled).count();
    }
}
