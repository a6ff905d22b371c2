package io.jdask.dataframe;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** Text forms of values: plain (for casts to string) and pandas-like (for printing a frame). */
final class ValueFormat {
    private ValueFormat() {}

    /** @return a present value as text: shortest round-trip numbers, ISO-8601 timestamps and dates */
    static String plain(Column c, int i) {
        return switch (c.dtype()) {
            case F64 -> Double.toString(c.getDouble(i));
            case F32, F16 -> Float.toString(c.getFloat(i));
            case I64, I32 -> Long.toString(c.getLong(i));
            case BOOL -> Boolean.toString(c.getBoolean(i));
            case STRING, CATEGORY -> c.getString(i);
            case TIMESTAMP -> c.getInstant(i).toString();
            case DATE -> c.getDate(i).toString();
        };
    }

    /** @return the text pandas uses for a missing value of this type */
    static String missing(DType t) {
        return switch (t) {
            case F64, F32, F16, CATEGORY -> "NaN";
            case TIMESTAMP, DATE -> "NaT";
            case STRING -> "None";
            case I64, I32, BOOL -> "<NA>";
        };
    }

    /**
     * Formats the given rows of a column the way pandas prints a frame's cells: floats with a common
     * number of decimals (1 to 6), booleans as True/False, timestamps without a time part when
     * every shown value is midnight. As in pandas, a cell of a data column starts with a space (for
     * numbers without missing values, a minus sign takes that place), except timestamps.
     *
     * @param asIndex format for the index: no leading space
     */
    static String[] cells(Column c, int[] rows, boolean asIndex) {
        String[] out = new String[rows.length];
        DType t = c.dtype();
        int decimals = 1;
        boolean allMidnight = true;
        int fraction = 0;
        boolean anyMissing = false;
        for (int r : rows) {
            if (c.isNull(r)) {
                anyMissing = true;
                continue;
            }
            if (t.isFloating()) {
                double v = c.getDouble(r);
                if (!Double.isInfinite(v)) {
                    String s = new BigDecimal(t == DType.F64 ? Double.toString(v) : Float.toString((float) v))
                            .setScale(6, java.math.RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
                    int dot = s.indexOf('.');
                    decimals = Math.max(decimals, dot < 0 ? 0 : s.length() - dot - 1);
                }
            } else if (t == DType.TIMESTAMP) {
                long n = c.getLong(r);
                allMidnight &= Math.floorMod(n, 86_400_000_000_000L) == 0;
                long nanos = Math.floorMod(n, 1_000_000_000L);
                fraction = Math.max(fraction, nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1000 == 0 ? 6 : 9);
            }
        }
        boolean signSlot = t.isFloating() || ((t == DType.I64 || t == DType.I32) && !anyMissing);
        for (int k = 0; k < rows.length; k++) {
            int r = rows[k];
            String v;
            if (c.isNull(r)) {
                v = missing(t);
            } else {
                v = switch (t) {
                    case F64, F32, F16 -> {
                        double d = c.getDouble(r);
                        yield Double.isInfinite(d) ? (d > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%." + decimals + "f", d);
                    }
                    case BOOL -> c.getBoolean(r) ? "True" : "False";
                    case TIMESTAMP -> timestamp(c.getInstant(r), allMidnight, fraction);
                    default -> plain(c, r);
                };
            }
            if (!asIndex && t != DType.TIMESTAMP && !(signSlot && v.startsWith("-"))) {
                v = " " + v;
            }
            out[k] = v;
        }
        return out;
    }

    private static String timestamp(Instant t, boolean dateOnly, int fraction) {
        LocalDateTime d = LocalDateTime.ofInstant(t, ZoneOffset.UTC);
        if (dateOnly) {
            return d.toLocalDate().toString();
        }
        String s = String.format(Locale.ROOT, "%s %02d:%02d:%02d", d.toLocalDate(), d.getHour(), d.getMinute(), d.getSecond());
        if (fraction > 0) {
            s += "." + String.format(Locale.ROOT, "%09d", d.getNano()).substring(0, fraction);
        }
        return s;
    }
}
