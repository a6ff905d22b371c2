package io.jdask.dataframe;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

/**
 * Parses CSV field text straight from the parser's {@code char[]} buffer into primitive values, so
 * no String is made per field. A value that does not parse throws the shared, stackless {@link #BAD}.
 */
final class CsvText {
    private CsvText() {}

    /** Thrown (always the same instance, without a stack trace) when a field does not parse. */
    static final RuntimeException BAD = new RuntimeException("unparsable", null, false, false) {
        private static final long serialVersionUID = 1L;
    };

    private static final double[] POW10 = new double[23];
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }

    /** @return a 64-bit integer: optional spaces around, optional sign, decimal digits */
    static long parseLong(char[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && isSpace(b[i])) {
            i++;
        }
        while (end > i && isSpace(b[end - 1])) {
            end--;
        }
        if (i == end) {
            throw BAD;
        }
        boolean neg = false;
        char c0 = b[i];
        if (c0 == '-' || c0 == '+') {
            neg = c0 == '-';
            if (++i == end) {
                throw BAD;
            }
        }
        int n = end - i;
        if (n > 18) {
            if (b[i] < '0' || b[i] > '9') {
                throw BAD;
            }
            // 19 digits or more may not fit: let the JDK check the range
            try {
                return Long.parseLong(new String(b, i, n)) * (neg ? -1 : 1);
            } catch (NumberFormatException e) {
                if (neg && n == 19 && new String(b, i, n).equals("9223372036854775808")) {
                    return Long.MIN_VALUE;
                }
                throw BAD;
            }
        }
        long v = 0;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw BAD;
            }
            v = v * 10 + d;
        }
        return neg ? -v : v;
    }

    /**
     * @return a double: decimal notation with optional sign, fraction and exponent, or
     *     nan/inf/infinity (any case, optional sign)
     */
    static double parseDouble(char[] b, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end && isSpace(b[i])) {
            i++;
        }
        while (end > i && isSpace(b[end - 1])) {
            end--;
        }
        if (i == end) {
            throw BAD;
        }
        int start = i;
        boolean neg = false;
        char c0 = b[i];
        if (c0 == '-' || c0 == '+') {
            neg = c0 == '-';
            i++;
        }
        long m = 0;
        int intStart = i;
        for (; i < end; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            m = m * 10 + d;
        }
        int digits = i - intStart;
        int scale = 0;
        if (i < end && b[i] == '.') {
            int fracStart = ++i;
            for (; i < end; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                m = m * 10 + d;
            }
            scale = fracStart - i;
            digits += i - fracStart;
        }
        boolean any = digits > 0;
        if (digits > 18) {
            // the mantissa may have overflowed: the exact general parser decides (it also checks the syntax)
            return slowDouble(b, start, end);
        }
        if (!any) {
            return special(b, start, end);
        }
        if (i < end) {
            char e = b[i];
            if (e != 'e' && e != 'E') {
                throw BAD;
            }
            i++;
            boolean eneg = false;
            if (i < end && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            if (i == end) {
                throw BAD;
            }
            int x = 0;
            for (; i < end; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    throw BAD;
                }
                if (x < 100_000) {
                    x = x * 10 + d;
                }
            }
            scale += eneg ? -x : x;
        }
        double v;
        if (m == 0) {
            v = 0;
        } else if (m < (1L << 53) && scale >= -22 && scale <= 22) {
            // both operands exact, so the one rounding of * or / gives the correctly rounded result
            v = scale >= 0 ? m * POW10[scale] : m / POW10[-scale];
        } else {
            return slowDouble(b, start, end);
        }
        return neg ? -v : v;
    }

    private static double slowDouble(char[] b, int start, int end) {
        char last = b[end - 1];
        if (!(last >= '0' && last <= '9') && last != '.') {
            throw BAD;
        }
        for (int i = start; i < end; i++) {
            char c = b[i];
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                throw BAD;
            }
        }
        try {
            return JavaDoubleParser.parseDouble(b, start, end - start);
        } catch (NumberFormatException e) {
            throw BAD;
        }
    }

    private static double special(char[] b, int start, int end) {
        int i = start;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        if (equalsIgnoreCase(b, i, end, "nan")) {
            return Double.NaN;
        }
        if (equalsIgnoreCase(b, i, end, "inf") || equalsIgnoreCase(b, i, end, "infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw BAD;
    }

    static boolean equalsIgnoreCase(char[] b, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int k = 0; k < s.length(); k++) {
            if (Character.toLowerCase(b[from + k]) != s.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** @return true/false in any case */
    static boolean parseBoolean(char[] b, int off, int len) {
        if (equalsIgnoreCase(b, off, off + len, "true")) {
            return true;
        }
        if (equalsIgnoreCase(b, off, off + len, "false")) {
            return false;
        }
        throw BAD;
    }

    private static int digits(char[] b, int at, int n) {
        int v = 0;
        for (int k = 0; k < n; k++) {
            int d = b[at + k] - '0';
            if (d < 0 || d > 9) {
                throw BAD;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** @return whether the field is exactly a date {@code yyyy-mm-dd} */
    static boolean isDate(char[] b, int off, int len) {
        try {
            parseDate(b, off, len);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return epoch days of {@code yyyy-mm-dd} */
    static int parseDate(char[] b, int off, int len) {
        if (len != 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            throw BAD;
        }
        return (int) epochDay(digits(b, off, 4), digits(b, off + 5, 2), digits(b, off + 8, 2));
    }

    private static long epochDay(int y, int m, int d) {
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
            throw BAD;
        }
        // days from civil (proleptic Gregorian), shifted so that March is the first month
        int yy = m <= 2 ? y - 1 : y;
        int era = Math.floorDiv(yy, 400);
        int yoe = yy - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097L + doe - 719_468L;
    }

    private static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /**
     * @return epoch nanoseconds (UTC) of {@code yyyy-mm-dd}, optionally followed by {@code T} or a
     *     space and {@code hh:mm[:ss[.fffffffff]]}, optionally followed by {@code Z} or an offset
     *     {@code ±hh:mm}/{@code ±hhmm}/{@code ±hh}
     */
    static long parseTimestamp(char[] b, int off, int len) {
        if (len < 10 || b[off + 4] != '-' || b[off + 7] != '-') {
            throw BAD;
        }
        long days = epochDay(digits(b, off, 4), digits(b, off + 5, 2), digits(b, off + 8, 2));
        long nanos = 0;
        int i = off + 10;
        int end = off + len;
        if (i < end) {
            char t = b[i];
            if ((t != 'T' && t != ' ') || end - i < 6 || b[i + 3] != ':') {
                throw BAD;
            }
            int h = digits(b, i + 1, 2);
            int mi = digits(b, i + 4, 2);
            int s = 0;
            i += 6;
            if (i < end && b[i] == ':') {
                if (end - i < 3) {
                    throw BAD;
                }
                s = digits(b, i + 1, 2);
                i += 3;
                if (i < end && (b[i] == '.' || b[i] == ',')) {
                    i++;
                    int n = 0;
                    int scale = 100_000_000;
                    int start = i;
                    for (; i < end && b[i] >= '0' && b[i] <= '9'; i++) {
                        n += (b[i] - '0') * scale;
                        scale /= 10;
                        if (i - start >= 9) {
                            throw BAD;
                        }
                    }
                    if (i == start) {
                        throw BAD;
                    }
                    nanos += n;
                }
            }
            if (h > 23 || mi > 59 || s > 59) {
                throw BAD;
            }
            nanos += (h * 3600L + mi * 60L + s) * 1_000_000_000L;
            if (i < end) {
                nanos -= offsetSeconds(b, i, end) * 1_000_000_000L;
            }
        }
        return Math.addExact(Math.multiplyExact(days, NANOS_PER_DAY), nanos);
    }

    private static long offsetSeconds(char[] b, int i, int end) {
        if (b[i] == 'Z' && end - i == 1) {
            return 0;
        }
        char sign = b[i];
        if (sign != '+' && sign != '-') {
            throw BAD;
        }
        int n = end - i - 1;
        int h;
        int m = 0;
        if (n == 2) {
            h = digits(b, i + 1, 2);
        } else if (n == 4) {
            h = digits(b, i + 1, 2);
            m = digits(b, i + 3, 2);
        } else if (n == 5 && b[i + 3] == ':') {
            h = digits(b, i + 1, 2);
            m = digits(b, i + 4, 2);
        } else {
            throw BAD;
        }
        if (h > 18 || m > 59) {
            throw BAD;
        }
        long s = h * 3600L + m * 60L;
        return sign == '-' ? -s : s;
    }
}
