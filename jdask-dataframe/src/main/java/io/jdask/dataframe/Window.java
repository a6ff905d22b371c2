package io.jdask.dataframe;

import java.time.Duration;
import java.util.Objects;

/**
 * A rolling window for {@link Rolling}: the last {@code rows} rows up to and including each row,
 * or the rows whose (timestamp or date) index lies in {@code (t - duration, t]}.
 *
 * @param rows the window length in rows (0 for a time window)
 * @param duration the window length in time (null for a row window)
 * @param minPeriods the fewest rows a result needs, or -1 for the default: the window length for
 *     a row window, 1 for a time window, 0 for {@link RollingAgg#COUNT} (as in pandas)
 */
public record Window(int rows, Duration duration, int minPeriods) {
    /** Checks the arguments. */
    public Window {
        if (duration == null && rows < 1) {
            throw new IllegalArgumentException("a row window needs at least 1 row, got " + rows);
        }
        if (duration != null && (rows != 0 || duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("a time window needs a positive duration and no row count, got " + duration);
        }
        if (minPeriods < -1) {
            throw new IllegalArgumentException("minPeriods must be >= 0, got " + minPeriods);
        }
    }

    /** @return a window of the last {@code n} rows */
    public static Window ofRows(int n) {
        return new Window(n, null, -1);
    }

    /** @return a window of the rows whose index is within {@code d} before each row's (exclusive), up to it (inclusive) */
    public static Window ofTime(Duration d) {
        return new Window(0, Objects.requireNonNull(d, "duration"), -1);
    }

    /** @return this window with a minimum number of rows per result */
    public Window withMinPeriods(int m) {
        if (m < 0) {
            throw new IllegalArgumentException("minPeriods must be >= 0, got " + m);
        }
        return new Window(rows, duration, m);
    }

    /** @return whether this is a time window */
    public boolean isTime() {
        return duration != null;
    }

    int effectiveMinPeriods(RollingAgg agg) {
        if (minPeriods >= 0) {
            return minPeriods;
        }
        return agg == RollingAgg.COUNT ? 0 : isTime() ? 1 : rows;
    }
}
