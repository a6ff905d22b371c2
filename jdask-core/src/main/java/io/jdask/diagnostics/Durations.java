package io.jdask.diagnostics;

import java.math.BigDecimal;
import java.util.Locale;

/** Formatting of durations for people (progress lines, summaries) and for files (microseconds). */
final class Durations {
    private static final long SECOND = 1_000_000_000L;

    private Durations() {}

    /**
     * @param nanos a duration in nanoseconds
     * @return {@code 850ms}-style below a second, {@code 12.3s} below a minute, {@code 2m 05s} below
     *     an hour, {@code 1h 02m 05s} above
     */
    static String human(long nanos) {
        if (nanos < 0) {
            return "-" + human(-nanos);
        }
        if (nanos < 1_000_000L) {
            return String.format(Locale.ROOT, "%.1fus", nanos / 1e3);
        }
        if (nanos < SECOND) {
            return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
        }
        return elapsed(nanos);
    }

    /**
     * @param nanos elapsed time in nanoseconds
     * @return {@code 0.4s}, {@code 12.3s}, {@code 2m 05s} or {@code 1h 02m 05s}
     */
    static String elapsed(long nanos) {
        long n = Math.max(0, nanos);
        if (n < 60 * SECOND) {
            long tenths = n / (SECOND / 10);
            return (tenths / 10) + "." + (tenths % 10) + "s";
        }
        long seconds = n / SECOND;
        long h = seconds / 3600;
        long m = seconds / 60 % 60;
        long s = seconds % 60;
        return h == 0
                ? String.format(Locale.ROOT, "%dm %02ds", m, s)
                : String.format(Locale.ROOT, "%dh %02dm %02ds", h, m, s);
    }

    /**
     * @param nanos a time in nanoseconds
     * @return the same time in microseconds, exactly (three decimals)
     */
    static BigDecimal micros(long nanos) {
        return BigDecimal.valueOf(nanos, 3);
    }
}
