package io.jdask.dataframe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An immutable, typed column of a {@link Frame}: one primitive array plus, for non-floating
 * types, a validity bitmap (one bit per row, set when the value is present; {@code null} when all
 * are present). Floating columns mark missing values with NaN. STRING and CATEGORY columns hold
 * {@code int} codes into a dictionary of strings.
 *
 * <p>The arrays are never mutated after construction; factories copy their inputs.
 */
public final class Column {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private final DType dtype;
    private final int length;
    private final Object data;
    private final long[] validity;
    private final String[] dictionary;

    Column(DType dtype, int length, Object data, long[] validity, String[] dictionary) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.length = length;
        this.data = data;
        this.validity = dtype.isFloating() || validity == null || Bits.allSet(validity, length) ? null : validity;
        this.dictionary = dictionary;
    }

    // ---- factories ----

    /** @return an F64 column; NaN marks a missing value */
    public static Column ofDoubles(double... values) {
        return new Column(DType.F64, values.length, values.clone(), null, null);
    }

    /** @return an F32 column; NaN marks a missing value */
    public static Column ofFloats(float... values) {
        return new Column(DType.F32, values.length, values.clone(), null, null);
    }

    /** @return an F16 column holding each value rounded to half precision; NaN marks a missing value */
    public static Column ofHalfs(float... values) {
        short[] s = new short[values.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Float.floatToFloat16(values[i]);
        }
        return new Column(DType.F16, s.length, s, null, null);
    }

    /** @return an I64 column with every value present */
    public static Column ofLongs(long... values) {
        return new Column(DType.I64, values.length, values.clone(), null, null);
    }

    /**
     * @param values the values (ignored where missing)
     * @param valid which values are present, or null for all
     * @return an I64 column
     */
    public static Column ofLongs(long[] values, boolean[] valid) {
        return new Column(DType.I64, values.length, values.clone(), Bits.of(valid, values.length), null);
    }

    /** @return an I32 column with every value present */
    public static Column ofInts(int... values) {
        return new Column(DType.I32, values.length, values.clone(), null, null);
    }

    /** @return an I32 column; {@code valid} null means all present */
    public static Column ofInts(int[] values, boolean[] valid) {
        return new Column(DType.I32, values.length, values.clone(), Bits.of(valid, values.length), null);
    }

    /** @return a BOOL column with every value present */
    public static Column ofBooleans(boolean... values) {
        return new Column(DType.BOOL, values.length, values.clone(), null, null);
    }

    /** @return a BOOL column; {@code valid} null means all present */
    public static Column ofBooleans(boolean[] values, boolean[] valid) {
        return new Column(DType.BOOL, values.length, values.clone(), Bits.of(valid, values.length), null);
    }

    /**
     * @param values the strings; null marks a missing value
     * @return a STRING column whose dictionary lists the distinct strings in order of first use
     */
    public static Column ofStrings(String... values) {
        Map<String, Integer> codes = new HashMap<>();
        List<String> dict = new ArrayList<>();
        int[] c = new int[values.length];
        boolean[] valid = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                valid[i] = true;
                c[i] = codes.computeIfAbsent(values[i], s -> {
                    dict.add(s);
                    return dict.size() - 1;
                });
            }
        }
        return new Column(DType.STRING, c.length, c, Bits.of(valid, c.length), dict.toArray(String[]::new));
    }

    /** @return a TIMESTAMP column of epoch nanoseconds; {@code valid} null means all present */
    public static Column ofTimestamps(long[] epochNanos, boolean[] valid) {
        return new Column(DType.TIMESTAMP, epochNanos.length, epochNanos.clone(), Bits.of(valid, epochNanos.length), null);
    }

    /** @return a TIMESTAMP column; null marks a missing value */
    public static Column ofInstants(Instant... values) {
        long[] v = new long[values.length];
        boolean[] ok = new boolean[values.length];
        for (int i = 0; i < v.length; i++) {
            if (values[i] != null) {
                ok[i] = true;
                v[i] = Math.addExact(Math.multiplyExact(values[i].getEpochSecond(), 1_000_000_000L), values[i].getNano());
            }
        }
        return new Column(DType.TIMESTAMP, v.length, v, Bits.of(ok, v.length), null);
    }

    /** @return a DATE column of epoch days; {@code valid} null means all present */
    public static Column ofDates(int[] epochDays, boolean[] valid) {
        return new Column(DType.DATE, epochDays.length, epochDays.clone(), Bits.of(valid, epochDays.length), null);
    }

    /** @return a DATE column; null marks a missing value */
    public static Column ofDates(LocalDate... values) {
        int[] v = new int[values.length];
        boolean[] ok = new boolean[values.length];
        for (int i = 0; i < v.length; i++) {
            if (values[i] != null) {
                ok[i] = true;
                v[i] = Math.toIntExact(values[i].toEpochDay());
            }
        }
        return new Column(DType.DATE, v.length, v, Bits.of(ok, v.length), null);
    }

    /**
     * @param categories the fixed, ordered categories (distinct, not null)
     * @param values the values; null marks a missing value
     * @return a CATEGORY column
     * @throws IllegalArgumentException when a value is not one of the categories
     */
    public static Column categorical(List<String> categories, String... values) {
        Map<String, Integer> codes = new HashMap<>();
        for (String c : categories) {
            if (codes.put(Objects.requireNonNull(c, "category"), codes.size()) != null) {
                throw new IllegalArgumentException("duplicate category '" + c + "'");
            }
        }
        int[] c = new int[values.length];
        boolean[] valid = new boolean[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                Integer code = codes.get(values[i]);
                if (code == null) {
                    throw new IllegalArgumentException("row " + i + ": '" + values[i] + "' is not one of the categories " + categories);
                }
                valid[i] = true;
                c[i] = code;
            }
        }
        return new Column(DType.CATEGORY, c.length, c, Bits.of(valid, c.length), categories.toArray(String[]::new));
    }

    // ---- accessors ----

    /** @return the number of rows */
    public int length() {
        return length;
    }

    /** @return the type */
    public DType dtype() {
        return dtype;
    }

    /** @return whether row {@code i} is missing */
    public boolean isNull(int i) {
        Objects.checkIndex(i, length);
        return switch (dtype) {
            case F64 -> Double.isNaN(((double[]) data)[i]);
            case F32 -> Float.isNaN(((float[]) data)[i]);
            case F16 -> Float.isNaN(Float.float16ToFloat(((short[]) data)[i]));
            default -> validity != null && !Bits.get(validity, i);
        };
    }

    /** @return the number of missing rows */
    public int nullCount() {
        if (!dtype.isFloating()) {
            return validity == null ? 0 : length - Bits.count(validity, length);
        }
        int n = 0;
        for (int i = 0; i < length; i++) {
            if (isNull(i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * @return row {@code i} as a double: NaN when missing; integers, booleans (1/0), timestamps and
     *     dates (epoch units) are converted
     * @throws IllegalStateException for STRING and CATEGORY columns
     */
    public double getDouble(int i) {
        if (isNull(i)) {
            return Double.NaN;
        }
        return switch (dtype) {
            case F64 -> ((double[]) data)[i];
            case F32 -> ((float[]) data)[i];
            case F16 -> Float.float16ToFloat(((short[]) data)[i]);
            case I64, TIMESTAMP -> ((long[]) data)[i];
            case I32, DATE -> ((int[]) data)[i];
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> throw wrongType("getDouble");
        };
    }

    /** @return row {@code i} as a float (F16 and F32 exactly, others rounded); NaN when missing */
    public float getFloat(int i) {
        return (float) getDouble(i);
    }

    /**
     * @return row {@code i} of an I64, I32, BOOL, TIMESTAMP (epoch nanoseconds) or DATE (epoch days) column
     * @throws IllegalStateException when the row is missing or the column has another type
     */
    public long getLong(int i) {
        if (isNull(i)) {
            throw new IllegalStateException("row " + i + " is missing");
        }
        return switch (dtype) {
            case I64, TIMESTAMP -> ((long[]) data)[i];
            case I32, DATE -> ((int[]) data)[i];
            case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
            default -> throw wrongType("getLong");
        };
    }

    /** @return row {@code i} of an I32 or DATE column; see {@link #getLong} */
    public int getInt(int i) {
        if (dtype != DType.I32 && dtype != DType.DATE) {
            throw wrongType("getInt");
        }
        return (int) getLong(i);
    }

    /** @return row {@code i} of a BOOL column; throws when missing */
    public boolean getBoolean(int i) {
        if (dtype != DType.BOOL) {
            throw wrongType("getBoolean");
        }
        return getLong(i) != 0;
    }

    /** @return row {@code i} of a STRING or CATEGORY column, null when missing */
    public String getString(int i) {
        if (!dtype.isDictionary()) {
            throw wrongType("getString");
        }
        return isNull(i) ? null : dictionary[((int[]) data)[i]];
    }

    /** @return the dictionary code of row {@code i} of a STRING or CATEGORY column (meaningless when missing) */
    public int getCode(int i) {
        if (!dtype.isDictionary()) {
            throw wrongType("getCode");
        }
        return ((int[]) data)[Objects.checkIndex(i, length)];
    }

    /** @return the dictionary (STRING) or the categories (CATEGORY) */
    public List<String> dictionary() {
        if (!dtype.isDictionary()) {
            throw wrongType("dictionary");
        }
        return List.of(dictionary);
    }

    /** @return row {@code i} of a TIMESTAMP column, null when missing */
    public Instant getInstant(int i) {
        if (dtype != DType.TIMESTAMP) {
            throw wrongType("getInstant");
        }
        if (isNull(i)) {
            return null;
        }
        long n = ((long[]) data)[i];
        return Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
    }

    /** @return row {@code i} of a DATE column, null when missing */
    public LocalDate getDate(int i) {
        if (dtype != DType.DATE) {
            throw wrongType("getDate");
        }
        return isNull(i) ? null : LocalDate.ofEpochDay(((int[]) data)[i]);
    }

    /**
     * @return row {@code i} boxed (Double, Float, Long, Integer, Boolean, String, Instant or
     *     LocalDate), null when missing
     */
    public Object get(int i) {
        if (isNull(i)) {
            return null;
        }
        return switch (dtype) {
            case F64 -> getDouble(i);
            case F32, F16 -> getFloat(i);
            case I64 -> getLong(i);
            case I32 -> getInt(i);
            case BOOL -> getBoolean(i);
            case STRING, CATEGORY -> getString(i);
            case TIMESTAMP -> getInstant(i);
            case DATE -> getDate(i);
        };
    }

    Object data() {
        return data;
    }

    long[] validity() {
        return validity;
    }

    String[] dictionaryRef() {
        return dictionary;
    }

    private IllegalStateException wrongType(String op) {
        return new IllegalStateException(op + " is not defined for a " + dtype.label() + " column");
    }

    // ---- slicing ----

    /** @return rows {@code [from, to)} */
    public Column slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        Object d = switch (data) {
            case double[] x -> Arrays.copyOfRange(x, from, to);
            case float[] x -> Arrays.copyOfRange(x, from, to);
            case short[] x -> Arrays.copyOfRange(x, from, to);
            case long[] x -> Arrays.copyOfRange(x, from, to);
            case int[] x -> Arrays.copyOfRange(x, from, to);
            case boolean[] x -> Arrays.copyOfRange(x, from, to);
            default -> throw new IllegalStateException();
        };
        return new Column(dtype, to - from, d, validity == null ? null : Bits.slice(validity, from, to), dictionary);
    }

    /** @return the given rows, in the given order (repeats allowed) */
    public Column take(int[] rows) {
        for (int r : rows) {
            Objects.checkIndex(r, length);
        }
        int n = rows.length;
        Object d = switch (data) {
            case double[] x -> { double[] y = new double[n]; for (int i = 0; i < n; i++) y[i] = x[rows[i]]; yield y; }
            case float[] x -> { float[] y = new float[n]; for (int i = 0; i < n; i++) y[i] = x[rows[i]]; yield y; }
            case short[] x -> { short[] y = new short[n]; for (int i = 0; i < n; i++) y[i] = x[rows[i]]; yield y; }
            case long[] x -> { long[] y = new long[n]; for (int i = 0; i < n; i++) y[i] = x[rows[i]]; yield y; }
            case int[] x -> { int[] y = new int[n]; for (int i = 0; i < n; i++) y[i] = x[rows[i]]; yield y; }
            case boolean[] x -> { boolean[] y = new boolean[n]; for (int i = 0; i < n; i++) y[i] = x[rows[i]]; yield y; }
            default -> throw new IllegalStateException();
        };
        long[] v = null;
        if (validity != null) {
            v = new long[Bits.words(n)];
            for (int i = 0; i < n; i++) {
                if (Bits.get(validity, rows[i])) {
                    Bits.set(v, i);
                }
            }
        }
        return new Column(dtype, n, d, v, dictionary);
    }

    /**
     * Compares two rows by value; missing rows sort last. Strings compare lexicographically,
     * categories by their position in the category list.
     */
    int compareRows(int i, int j) {
        boolean ni = isNull(i);
        boolean nj = isNull(j);
        if (ni || nj) {
            return Boolean.compare(ni, nj);
        }
        return switch (dtype) {
            case STRING -> getString(i).compareTo(getString(j));
            case CATEGORY -> Integer.compare(getCode(i), getCode(j));
            case I64, TIMESTAMP, I32, DATE, BOOL -> Long.compare(getLong(i), getLong(j));
            default -> Double.compare(getDouble(i), getDouble(j));
        };
    }

    // ---- casting ----

    /**
     * Converts to another type. Numbers, booleans, timestamps (epoch nanoseconds) and dates (epoch
     * days) convert among each other where it makes sense; every type converts to STRING and
     * CATEGORY, and STRING/CATEGORY parse into every type. Missing values stay missing; floats
     * cast to integers truncate toward zero.
     *
     * @throws IllegalArgumentException for an impossible cast, naming the row and value where a
     *     single value is the cause
     */
    public Column astype(DType target) {
        if (target == dtype) {
            return this;
        }
        if (!castable(dtype, target)) {
            throw new IllegalArgumentException("cannot cast a " + dtype.label() + " column to " + target.label());
        }
        int n = length;
        switch (target) {
            case F64, F32, F16 -> {
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    y[i] = isNull(i) ? Double.NaN : dtype.isDictionary() ? parseDouble(i) : getDouble(i);
                }
                if (target == DType.F64) {
                    return new Column(DType.F64, n, y, null, null);
                }
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) y[i];
                }
                return target == DType.F32 ? new Column(DType.F32, n, f, null, null) : ofHalfs(f);
            }
            case I64, I32, TIMESTAMP, DATE -> {
                long[] y = new long[n];
                boolean[] ok = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (!isNull(i)) {
                        ok[i] = true;
                        y[i] = toLong(i, target);
                    }
                }
                if (target == DType.I64 || target == DType.TIMESTAMP) {
                    return new Column(target, n, y, Bits.of(ok, n), null);
                }
                int[] z = new int[n];
                for (int i = 0; i < n; i++) {
                    if (y[i] != (int) y[i]) {
                        throw new IllegalArgumentException("row " + i + ": " + y[i] + " does not fit in " + target.label());
                    }
                    z[i] = (int) y[i];
                }
                return new Column(target, n, z, Bits.of(ok, n), null);
            }
            case BOOL -> {
                boolean[] y = new boolean[n];
                boolean[] ok = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (!isNull(i)) {
                        ok[i] = true;
                        y[i] = dtype.isDictionary() ? parseBoolean(i) : getDouble(i) != 0;
                    }
                }
                return new Column(DType.BOOL, n, y, Bits.of(ok, n), null);
            }
            case STRING -> {
                if (dtype == DType.CATEGORY) {
                    return new Column(DType.STRING, n, data, validity, dictionary);
                }
                String[] s = new String[n];
                for (int i = 0; i < n; i++) {
                    s[i] = isNull(i) ? null : ValueFormat.plain(this, i);
                }
                return ofStrings(s);
            }
            case CATEGORY -> {
                Column s = astype(DType.STRING);
                TreeSet<String> used = new TreeSet<>();
                String[] values = new String[n];
                for (int i = 0; i < n; i++) {
                    values[i] = s.getString(i);
                    if (values[i] != null) {
                        used.add(values[i]);
                    }
                }
                return categorical(new ArrayList<>(used), values);
            }
            default -> throw new IllegalStateException();
        }
    }

    private static boolean castable(DType from, DType to) {
        if (from.isDictionary() || to.isDictionary() || from == to) {
            return true;
        }
        boolean fromNum = from.isNumeric() || from == DType.BOOL;
        boolean toNum = to.isNumeric() || to == DType.BOOL;
        if (fromNum && toNum) {
            return true;
        }
        return switch (to) {
            case TIMESTAMP -> from == DType.I64 || from == DType.DATE;
            case DATE -> from == DType.I32 || from == DType.I64 || from == DType.TIMESTAMP;
            case I64 -> from == DType.TIMESTAMP || from == DType.DATE;
            case I32 -> from == DType.DATE;
            default -> false;
        };
    }

    private long toLong(int i, DType target) {
        if (dtype.isDictionary()) {
            String s = getString(i);
            try {
                return switch (target) {
                    case TIMESTAMP -> parseTimestamp(s.strip());
                    case DATE -> LocalDate.parse(s.strip()).toEpochDay();
                    default -> Long.parseLong(s.strip());
                };
            } catch (NumberFormatException | DateTimeParseException e) {
                throw cannotParse(i, s, target);
            }
        }
        if (dtype.isFloating()) {
            double d = getDouble(i);
            if (Double.isInfinite(d) || d >= 0x1p63 || d < -0x1p63) {
                throw new IllegalArgumentException("row " + i + ": " + d + " cannot be cast to " + target.label());
            }
            return (long) d;
        }
        long v = getLong(i);
        if (dtype == DType.DATE && target == DType.TIMESTAMP) {
            return Math.multiplyExact(v, NANOS_PER_DAY);
        }
        if (dtype == DType.TIMESTAMP && target == DType.DATE) {
            return Math.floorDiv(v, NANOS_PER_DAY);
        }
        return v;
    }

    private static long parseTimestamp(String s) {
        try {
            Instant t = Instant.parse(s);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException e) {
            LocalDateTime t = s.length() == 10 ? LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T'));
            Instant u = t.toInstant(ZoneOffset.UTC);
            return Math.addExact(Math.multiplyExact(u.getEpochSecond(), 1_000_000_000L), u.getNano());
        }
    }

    private double parseDouble(int i) {
        String s = getString(i);
        String t = s.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "nan" -> { return Double.NaN; }
            case "inf", "+inf", "infinity" -> { return Double.POSITIVE_INFINITY; }
            case "-inf", "-infinity" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        try {
            if (t.isEmpty() || t.endsWith("d") || t.endsWith("f")) {
                throw new NumberFormatException();
            }
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw cannotParse(i, s, DType.F64);
        }
    }

    private boolean parseBoolean(int i) {
        String s = getString(i);
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw cannotParse(i, s, DType.BOOL);
        };
    }

    private static IllegalArgumentException cannotParse(int row, String value, DType target) {
        return new IllegalArgumentException("row " + row + ": cannot convert '" + value + "' to " + target.label());
    }

    // ---- equality ----

    /** Columns are equal when type, length, and every row's value (or missingness) are equal; NaN equals NaN. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Column c) || c.dtype != dtype || c.length != length) {
            return false;
        }
        if (dtype == DType.CATEGORY && !Arrays.equals(dictionary, c.dictionary)) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (!Objects.equals(get(i), c.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = dtype.hashCode() * 31 + length;
        for (int i = 0; i < length; i++) {
            h = h * 31 + Objects.hashCode(get(i));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(dtype.label()).append('[');
        for (int i = 0; i < Math.min(length, 10); i++) {
            b.append(i == 0 ? "" : ", ").append(isNull(i) ? "null" : ValueFormat.plain(this, i));
        }
        return b.append(length > 10 ? ", ...] (" + length + " rows)" : "]").toString();
    }
}
