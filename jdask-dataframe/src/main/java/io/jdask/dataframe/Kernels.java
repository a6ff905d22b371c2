package io.jdask.dataframe;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Element-wise column kernels behind Series arithmetic, comparisons and logic. Missing values
 * propagate through arithmetic; a comparison with a missing value is false (not-equal is true),
 * like pandas with NumPy dtypes.
 */
final class Kernels {
    private Kernels() {}

    /** Arithmetic operators. */
    enum Arith { ADD, SUB, MUL, DIV }

    static boolean isIntegral(DType t) {
        return t == DType.I64 || t == DType.I32 || t == DType.BOOL;
    }

    private static boolean isSmallFloat(DType t) {
        return t == DType.F32 || t == DType.F16;
    }

    private static void checkNumeric(Column c, String op) {
        if (!c.dtype().isNumeric() && c.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("cannot " + op + " a " + c.dtype().label() + " column");
        }
    }

    /** @return the values as doubles, NaN where missing */
    static double[] doubles(Column c) {
        if (c.data() instanceof double[] d) {
            return d;
        }
        double[] y = new double[c.length()];
        for (int i = 0; i < y.length; i++) {
            y[i] = c.getDouble(i);
        }
        return y;
    }

    /** @return the values of an integral column as longs (0 where missing) */
    static long[] longs(Column c) {
        if (c.data() instanceof long[] l) {
            return l;
        }
        long[] y = new long[c.length()];
        switch (c.data()) {
            case int[] x -> { for (int i = 0; i < y.length; i++) y[i] = x[i]; }
            case boolean[] x -> { for (int i = 0; i < y.length; i++) y[i] = x[i] ? 1 : 0; }
            default -> throw new IllegalStateException("not integral: " + c.dtype());
        }
        return y;
    }

    private static long[] andValidity(Column a, Column b, int n) {
        long[] va = a.validity();
        long[] vb = b == null ? null : b.validity();
        if (va == null && vb == null) {
            return null;
        }
        long[] w = new long[Bits.words(n)];
        for (int k = 0; k < w.length; k++) {
            w[k] = (va == null ? -1L : va[k]) & (vb == null ? -1L : vb[k]);
        }
        return w;
    }

    static Column arith(Column a, Column b, Arith op) {
        checkNumeric(a, op.name().toLowerCase());
        checkNumeric(b, op.name().toLowerCase());
        int n = a.length();
        if (b.length() != n) {
            throw new IllegalArgumentException("cannot " + op.name().toLowerCase() + " columns of " + n + " and " + b.length() + " rows");
        }
        if (op != Arith.DIV && isIntegral(a.dtype()) && isIntegral(b.dtype())) {
            long[] x = longs(a);
            long[] y = longs(b);
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = longOp(x[i], y[i], op);
            }
            return new Column(DType.I64, n, r, andValidity(a, b, n), null);
        }
        double[] x = doubles(a);
        double[] y = doubles(b);
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = doubleOp(x[i], y[i], op);
        }
        return floatResult(r, isSmallFloat(a.dtype()) && isSmallFloat(b.dtype()));
    }

    static Column arith(Column a, Number s, Arith op, boolean scalarFirst) {
        checkNumeric(a, op.name().toLowerCase());
        int n = a.length();
        boolean integralScalar = s instanceof Long || s instanceof Integer || s instanceof Short || s instanceof Byte;
        if (op != Arith.DIV && isIntegral(a.dtype()) && integralScalar) {
            long[] x = longs(a);
            long v = s.longValue();
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = scalarFirst ? longOp(v, x[i], op) : longOp(x[i], v, op);
            }
            return new Column(DType.I64, n, r, andValidity(a, null, n), null);
        }
        double[] x = doubles(a);
        double v = s.doubleValue();
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = scalarFirst ? doubleOp(v, x[i], op) : doubleOp(x[i], v, op);
        }
        return floatResult(r, isSmallFloat(a.dtype()));
    }

    private static Column floatResult(double[] r, boolean small) {
        if (!small) {
            return new Column(DType.F64, r.length, r, null, null);
        }
        float[] f = new float[r.length];
        for (int i = 0; i < r.length; i++) {
            f[i] = (float) r[i];
        }
        return new Column(DType.F32, f.length, f, null, null);
    }

    private static long longOp(long x, long y, Arith op) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> throw new IllegalStateException();
        };
    }

    private static double doubleOp(double x, double y, Arith op) {
        return switch (op) {
            case ADD -> x + y;
            case SUB -> x - y;
            case MUL -> x * y;
            case DIV -> x / y;
        };
    }

    // ---- comparisons ----

    static boolean test(int cmp, ColumnFilter.Op op) {
        return switch (op) {
            case EQ -> cmp == 0;
            case NE -> cmp != 0;
            case LT -> cmp < 0;
            case LE -> cmp <= 0;
            case GT -> cmp > 0;
            case GE -> cmp >= 0;
        };
    }

    private static boolean testDouble(double x, double y, ColumnFilter.Op op) {
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return op == ColumnFilter.Op.NE;
        }
        return switch (op) {
            case EQ -> x == y;
            case NE -> x != y;
            case LT -> x < y;
            case LE -> x <= y;
            case GT -> x > y;
            case GE -> x >= y;
        };
    }

    /** The column compared with a constant (a boxed value of a matching kind); never missing. */
    static Column compare(Column a, ColumnFilter.Op op, Object value) {
        int n = a.length();
        boolean[] r = new boolean[n];
        DType t = a.dtype();
        if (t.isDictionary()) {
            if (!(value instanceof String s)) {
                throw mismatch(a, value);
            }
            String[] dict = a.dictionaryRef();
            boolean[] byCode = new boolean[dict.length];
            for (int k = 0; k < dict.length; k++) {
                byCode[k] = test(dict[k].compareTo(s), op);
            }
            int[] codes = (int[]) a.data();
            for (int i = 0; i < n; i++) {
                r[i] = a.isNull(i) ? op == ColumnFilter.Op.NE : byCode[codes[i]];
            }
        } else if (t == DType.TIMESTAMP || t == DType.DATE || t == DType.BOOL || (isIntegral(t) && isIntegralBox(value))) {
            long v = constantAsLong(a, value);
            for (int i = 0; i < n; i++) {
                r[i] = a.isNull(i) ? op == ColumnFilter.Op.NE : test(Long.compare(a.getLong(i), v), op);
            }
        } else if (t.isNumeric() && value instanceof Number num) {
            double v = num.doubleValue();
            double[] x = doubles(a);
            for (int i = 0; i < n; i++) {
                r[i] = testDouble(x[i], v, op);
            }
        } else {
            throw mismatch(a, value);
        }
        return new Column(DType.BOOL, n, r, null, null);
    }

    private static boolean isIntegralBox(Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte;
    }

    private static long constantAsLong(Column a, Object value) {
        return switch (a.dtype()) {
            case TIMESTAMP -> {
                if (value instanceof Instant t) {
                    yield Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
                }
                throw mismatch(a, value);
            }
            case DATE -> {
                if (value instanceof LocalDate d) {
                    yield d.toEpochDay();
                }
                throw mismatch(a, value);
            }
            case BOOL -> {
                if (value instanceof Boolean b) {
                    yield b ? 1 : 0;
                }
                throw mismatch(a, value);
            }
            default -> ((Number) value).longValue();
        };
    }

    private static IllegalArgumentException mismatch(Column a, Object value) {
        return new IllegalArgumentException("cannot compare a " + a.dtype().label() + " column with "
                + (value == null ? "null" : "a " + value.getClass().getSimpleName() + " (" + value + ")"));
    }

    /** Row-by-row comparison of two columns; a missing side makes the row false (true for NE). */
    static Column compare(Column a, ColumnFilter.Op op, Column b) {
        int n = a.length();
        if (b.length() != n) {
            throw new IllegalArgumentException("cannot compare columns of " + n + " and " + b.length() + " rows");
        }
        boolean[] r = new boolean[n];
        DType ta = a.dtype();
        DType tb = b.dtype();
        if (ta.isDictionary() && tb.isDictionary()) {
            for (int i = 0; i < n; i++) {
                r[i] = a.isNull(i) || b.isNull(i) ? op == ColumnFilter.Op.NE : test(a.getString(i).compareTo(b.getString(i)), op);
            }
        } else if ((ta == tb && (ta == DType.TIMESTAMP || ta == DType.DATE || ta == DType.BOOL))
                || (isIntegral(ta) && isIntegral(tb))) {
            for (int i = 0; i < n; i++) {
                r[i] = a.isNull(i) || b.isNull(i) ? op == ColumnFilter.Op.NE : test(Long.compare(a.getLong(i), b.getLong(i)), op);
            }
        } else if ((ta.isNumeric() || ta == DType.BOOL) && (tb.isNumeric() || tb == DType.BOOL)) {
            double[] x = doubles(a);
            double[] y = doubles(b);
            for (int i = 0; i < n; i++) {
                r[i] = testDouble(x[i], y[i], op);
            }
        } else {
            throw new IllegalArgumentException("cannot compare a " + ta.label() + " column with a " + tb.label() + " column");
        }
        return new Column(DType.BOOL, n, r, null, null);
    }

    /** The rows of {@code f} that pass every filter (a conjunction). */
    static Column mask(Frame f, java.util.List<ColumnFilter> conjunction) {
        Column m = null;
        for (ColumnFilter cf : conjunction) {
            Column c = cf.column().equals(f.indexName()) && !f.hasColumn(cf.column()) ? f.index() : f.column(cf.column());
            Column t = compare(c, cf.op(), cf.value());
            m = m == null ? t : logic(m, t, true);
        }
        return m;
    }

    // ---- logic ----

    private static boolean[] bools(Column c, String op) {
        if (c.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("'" + op + "' needs bool columns, got " + c.dtype().label());
        }
        boolean[] x = (boolean[]) c.data();
        if (c.validity() == null) {
            return x;
        }
        boolean[] y = new boolean[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] && !c.isNull(i);
        }
        return y;
    }

    /** And ({@code and} true) or or of two bool columns; missing counts as false. */
    static Column logic(Column a, Column b, boolean and) {
        boolean[] x = bools(a, and ? "and" : "or");
        boolean[] y = bools(b, and ? "and" : "or");
        if (x.length != y.length) {
            throw new IllegalArgumentException("cannot combine masks of " + x.length + " and " + y.length + " rows");
        }
        boolean[] r = new boolean[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = and ? x[i] && y[i] : x[i] || y[i];
        }
        return new Column(DType.BOOL, r.length, r, null, null);
    }

    /** Not of a bool column; missing counts as false, so it becomes true. */
    static Column not(Column a) {
        boolean[] x = bools(a, "not");
        boolean[] r = new boolean[x.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = !x[i];
        }
        return new Column(DType.BOOL, r.length, r, null, null);
    }

    // ---- missing values ----

    static Column isna(Column a) {
        boolean[] r = new boolean[a.length()];
        for (int i = 0; i < r.length; i++) {
            r[i] = a.isNull(i);
        }
        return new Column(DType.BOOL, r.length, r, null, null);
    }

    /** Missing values replaced by {@code value} (converted to the column's type). */
    static Column fillna(Column a, Object value) {
        int n = a.length();
        Column filler = constant(a.dtype(), value, a.nullCount() == 0 ? 0 : n, a);
        if (a.nullCount() == 0) {
            return a;
        }
        int[] rows = new int[n];
        Column joined = Columns.concat(java.util.List.of(a, filler));
        for (int i = 0; i < n; i++) {
            rows[i] = a.isNull(i) ? n + i : i;
        }
        return joined.take(rows);
    }

    /** A column of {@code n} copies of {@code value}, of type {@code t} (CATEGORY keeps {@code like}'s categories). */
    static Column constant(DType t, Object value, int n, Column like) {
        if (value == null) {
            throw new IllegalArgumentException("the fill value must not be null");
        }
        Column one = switch (t) {
            case F64, F32, F16 -> Column.ofDoubles(number(value, t).doubleValue()).astype(t);
            case I64, I32 -> Column.ofLongs(number(value, t).longValue()).astype(t);
            case BOOL -> Column.ofBooleans(cast(value, Boolean.class, t));
            case STRING -> Column.ofStrings(cast(value, String.class, t));
            case CATEGORY -> Column.categorical(like.dictionary(), cast(value, String.class, t));
            case TIMESTAMP -> Column.ofInstants(cast(value, Instant.class, t));
            case DATE -> Column.ofDates(cast(value, LocalDate.class, t));
        };
        return one.take(new int[n]);
    }

    private static Number number(Object v, DType t) {
        return cast(v, Number.class, t);
    }

    private static <T> T cast(Object v, Class<T> type, DType t) {
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("cannot use " + v.getClass().getSimpleName() + " " + v + " as a " + t.label() + " value");
        }
        return type.cast(v);
    }
}
