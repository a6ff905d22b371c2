package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The char-buffer parsers against the JDK's parsers. */
class CsvTextTest {
    private static double d(String s) {
        char[] c = ("##" + s + "#").toCharArray();
        return CsvText.parseDouble(c, 2, s.length());
    }

    private static long l(String s) {
        char[] c = ("#" + s + "##").toCharArray();
        return CsvText.parseLong(c, 1, s.length());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void doublesAreCorrectlyRounded(long seed) {
        Random r = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            String s = switch (i % 6) {
                case 0 -> Double.toString(Double.longBitsToDouble(r.nextLong())); // any bit pattern, E notation
                case 1 -> Double.toString(r.nextGaussian() * Math.pow(10, r.nextInt(40) - 20));
                case 2 -> String.format(Locale.ROOT, "%." + r.nextInt(12) + "f", r.nextDouble() * 1e6 - 5e5);
                case 3 -> new BigDecimal(r.nextLong()).movePointLeft(r.nextInt(25)).toPlainString(); // many digits
                case 4 -> (r.nextBoolean() ? "-" : "+") + r.nextInt(100_000) + "e" + (r.nextInt(60) - 30);
                default -> "." + r.nextInt(1_000_000);
            };
            if (s.equals("NaN") || s.contains("Infinity")) {
                continue;
            }
            assertThat(d(s)).as(s).isEqualTo(Double.parseDouble(s));
        }
    }

    @Test
    void specialAndInvalidDoubles() {
        assertThat(d("nan")).isNaN();
        assertThat(d("-inf")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(d("Infinity")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(d(" 1.5 ")).isEqualTo(1.5);
        assertThat(d("5.")).isEqualTo(5.0);
        assertThat(d("-0")).isEqualTo(-0.0);
        for (String bad : new String[] {"", "-", "1.5d", "1f", "0x10", "1e", "1e+", "1..2", "abc", "1,5", "1 2", "--1", "."}) {
            assertThatThrownBy(() -> d(bad)).as(bad).isSameAs(CsvText.BAD);
        }
    }

    @Test
    void longs() {
        Random r = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long v = r.nextLong() >> r.nextInt(64);
            assertThat(l(Long.toString(v))).isEqualTo(v);
        }
        assertThat(l("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
        assertThat(l("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(l("+12")).isEqualTo(12);
        assertThat(l(" 12 ")).isEqualTo(12);
        assertThat(l("0000000000000000000000012")).isEqualTo(12);
        for (String bad : new String[] {"", "-", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "1.0",
            "1e3", "--1", "+-1", "12a"}) {
            assertThatThrownBy(() -> l(bad)).as(bad).isSameAs(CsvText.BAD);
        }
    }

    @Test
    void datesAndTimestamps() {
        Random r = new Random(3);
        for (int i = 0; i < 5_000; i++) {
            LocalDate day = LocalDate.ofEpochDay(r.nextInt(200_000) - 100_000);
            if (day.getYear() < 0 || day.getYear() > 9999) {
                continue;
            }
            String s = day.toString();
            assertThat(CsvText.parseDate(s.toCharArray(), 0, s.length())).isEqualTo((int) day.toEpochDay());
            LocalDateTime t = day.atTime(r.nextInt(24), r.nextInt(60), r.nextInt(60), r.nextInt(1_000_000_000));
            String ts = t.toString().replace('T', r.nextBoolean() ? 'T' : ' ');
            long nanos = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + t.getNano();
            assertThat(CsvText.parseTimestamp(ts.toCharArray(), 0, ts.length())).as(ts).isEqualTo(nanos);
            ZoneOffset off = ZoneOffset.ofHoursMinutes(r.nextInt(25) - 12, 0);
            String z = OffsetDateTime.of(t, off).toString();
            long zn = OffsetDateTime.of(t, off).toEpochSecond() * 1_000_000_000L + t.getNano();
            assertThat(CsvText.parseTimestamp(z.toCharArray(), 0, z.length())).as(z).isEqualTo(zn);
        }
        for (String bad : new String[] {"2023-02-29", "2024-13-01", "2024-1-01", "20240101", "2024-01-01x", "2024-01-01T25:00",
            "2024-01-01T10:00:00.", "2024-01-01T10:00+25:00"}) {
            assertThatThrownBy(() -> CsvText.parseTimestamp(bad.toCharArray(), 0, bad.length())).as(bad).isSameAs(CsvText.BAD);
        }
    }
}
