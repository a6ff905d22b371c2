package io.jdask.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses human-written sizes and durations, the way configuration files and command lines write
 * them.
 *
 * <p>Sizes: a number, optionally fractional, and an optional unit, case-insensitive, with or
 * without a space: {@code B}; decimal {@code kB MB GB TB PB} (also {@code k m g t p}); binary
 * {@code KiB MiB GiB TiB PiB} (also {@code ki mi gi ti pi}). A plain number is bytes.
 *
 * <p>Durations: a number and an optional unit: {@code ns}, {@code us}/{@code µs}, {@code ms},
 * {@code s}, {@code m}/{@code min}, {@code h}, {@code d}, {@code w}, or their English words
 * ({@code "2 minutes"}); a plain number is seconds. ISO-8601 ({@code PT1M30S}) is accepted too.
 */
public final class Units {
    private static final Pattern NUMBER_UNIT =
            Pattern.compile("([+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*([a-zA-Zµ]*)");
    private static final Map<String, BigDecimal> BYTE_UNITS = new HashMap<>();
    private static final Map<String, BigDecimal> NANOS_PER_UNIT = new HashMap<>();

    static {
        BYTE_UNITS.put("", BigDecimal.ONE);
        BYTE_UNITS.put("b", BigDecimal.ONE);
        String[] prefixes = {"k", "m", "g", "t", "p"};
        for (int i = 0; i < prefixes.length; i++) {
            BigDecimal decimal = BigDecimal.TEN.pow(3 * (i + 1));
            BigDecimal binary = BigDecimal.valueOf(2).pow(10 * (i + 1));
            BYTE_UNITS.put(prefixes[i], decimal);
            BYTE_UNITS.put(prefixes[i] + "b", decimal);
            BYTE_UNITS.put(prefixes[i] + "i", binary);
            BYTE_UNITS.put(prefixes[i] + "ib", binary);
        }
        timeUnit(1L, "ns", "nanosecond", "nanoseconds");
        timeUnit(1_000L, "us", "µs", "microsecond", "microseconds");
        timeUnit(1_000_000L, "ms", "msec", "millisecond", "milliseconds");
        timeUnit(1_000_000_000L, "", "s", "sec", "secs", "second", "seconds");
        timeUnit(60_000_000_000L, "m", "min", "mins", "minute", "minutes");
        timeUnit(3_600_000_000_000L, "h", "hr", "hour", "hours");
        timeUnit(86_400_000_000_000L, "d", "day", "days");
        timeUnit(7 * 86_400_000_000_000L, "w", "week", "weeks");
    }

    private Units() {}

    private static void timeUnit(long nanos, String... names) {
        for (String n : names) {
            NANOS_PER_UNIT.put(n, BigDecimal.valueOf(nanos));
        }
    }

    /**
     * Formats a byte count in binary units, as {@link #parseBytes} reads them: whole numbers plainly
     * ({@code "4 GiB"}), others with one decimal ({@code "1.5 MiB"}).
     *
     * @param bytes a count of bytes
     * @return the count with its unit
     */
    public static String formatBytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /**
     * Parses a size in bytes.
     *
     * @param text e.g. {@code "4GiB"}, {@code "512MB"}, {@code "128 MiB"}, {@code "1.5kB"}, {@code "1000"}
     * @return the number of bytes, rounded down to a whole byte
     * @throws IllegalArgumentException when the text is not a size, is negative, or exceeds
     *     {@link Long#MAX_VALUE}
     */
    public static long parseBytes(String text) {
        Matcher m = match(text, "a size in bytes", "4GiB, 512MB, 128 MiB or 1000");
        BigDecimal unit = BYTE_UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("unknown size unit '" + m.group(2) + "' in '" + text
                    + "'; use B, kB, MB, GB, TB, PB or KiB, MiB, GiB, TiB, PiB");
        }
        return toLong(new BigDecimal(m.group(1)).multiply(unit), text, "size");
    }

    /**
     * Parses a duration.
     *
     * @param text e.g. {@code "500ms"}, {@code "2s"}, {@code "1m"}, {@code "1.5 hours"}, {@code "3"}
     *     (seconds) or {@code "PT2S"}
     * @return the duration, rounded down to a whole nanosecond
     * @throws IllegalArgumentException when the text is not a duration or is negative
     */
    public static Duration parseDuration(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.isEmpty() && (t.charAt(0) == 'P' || t.charAt(0) == 'p')) {
            try {
                Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new IllegalArgumentException("a duration must not be negative: '" + text + "'");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration", e);
            }
        }
        Matcher m = match(text, "a duration", "500ms, 2s, 1m, 1.5h or 3 (seconds)");
        BigDecimal unit = NANOS_PER_UNIT.get(m.group(2).toLowerCase(Locale.ROOT));
        if (unit == null) {
            throw new IllegalArgumentException("unknown time unit '" + m.group(2) + "' in '" + text
                    + "'; use ns, us, ms, s, m, h, d or w");
        }
        return Duration.ofNanos(toLong(new BigDecimal(m.group(1)).multiply(unit), text, "duration"));
    }

    /**
     * Converts a number of seconds to a duration.
     *
     * @param seconds a non-negative number of seconds, possibly fractional
     * @return the duration, rounded down to a whole nanosecond
     * @throws IllegalArgumentException when negative, not finite or too long
     */
    static Duration seconds(Number seconds) {
        BigDecimal s;
        if (seconds instanceof Double || seconds instanceof Float) {
            double d = seconds.doubleValue();
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("a duration must be finite: " + seconds);
            }
            s = BigDecimal.valueOf(d);
        } else {
            s = new BigDecimal(seconds.toString());
        }
        return Duration.ofNanos(toLong(s.multiply(BigDecimal.valueOf(1_000_000_000L)), seconds.toString(), "duration"));
    }

    private static Matcher match(String text, String what, String examples) {
        Matcher m = NUMBER_UNIT.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not " + what + "; write it like " + examples);
        }
        return m;
    }

    private static long toLong(BigDecimal value, String text, String what) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("a " + what + " must not be negative: '" + text + "'");
        }
        BigDecimal whole = value.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("the " + what + " '" + text + "' is too large");
        }
        return whole.longValueExact();
    }
}
