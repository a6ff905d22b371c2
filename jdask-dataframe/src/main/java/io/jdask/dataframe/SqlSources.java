package io.jdask.dataframe;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link SqlSource}s: reads the result's columns, then the index bounds, then splits them. */
final class SqlSources {
    private SqlSources() {}

    static String tableFrom(SqlDialect d, String table) {
        return d.quoteTable(table);
    }

    static String queryFrom(String query) {
        String q = query.strip();
        while (q.endsWith(";")) {
            q = q.substring(0, q.length() - 1).strip();
        }
        return "(" + q + ") AS jdask_q";
    }

    /**
     * @param npartitions the number of ranges wanted (fewer when the index has fewer distinct steps)
     * @param divisions explicit boundaries, or null to split MIN..MAX of the index
     */
    static SqlSource create(String url, SqlOptions options, String from, String indexColumn, int npartitions,
            List<?> divisions) {
        if (divisions == null && npartitions < 1) {
            throw new IllegalArgumentException("npartitions must be positive, got " + npartitions);
        }
        SqlDialect d = SqlDialect.of(url);
        String what = "reading " + from + " from " + Jdbc.redact(url);
        try (Connection c = Jdbc.open(url, options, false)) {
            List<String> names = new ArrayList<>();
            List<DType> types = new ArrayList<>();
            List<Boolean> tz = new ArrayList<>();
            DType indexType = null;
            boolean indexTz = false;
            List<String> all = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + from + " WHERE 1 = 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String n = md.getColumnLabel(i);
                    all.add(n);
                    DType t = JdbcTypes.dtypeOf(md, i, d, what);
                    boolean z = t == DType.TIMESTAMP && JdbcTypes.withTimeZone(md, i);
                    if (n.equals(indexColumn)) {
                        indexType = t;
                        indexTz = z;
                    } else {
                        names.add(n);
                        types.add(t);
                        tz.add(z);
                    }
                }
            }
            if (indexType == null) {
                throw new DataSourceException(what + ": no index column '" + indexColumn + "' among " + all);
            }
            if (!(indexType.isNumeric() || indexType == DType.DATE || indexType == DType.TIMESTAMP)) {
                throw new DataSourceException(what + ": index column '" + indexColumn + "' is " + indexType.label()
                        + "; a partitioning index must be numeric, a date or a timestamp");
            }
            tz.add(0, indexTz);
            List<Comparable<?>> divs = divisions != null
                    ? explicitDivisions(divisions, indexType, indexColumn)
                    : boundsDivisions(c, d, from, indexColumn, indexType, indexTz, npartitions, what);
            return new SqlSource(url, options, from, indexColumn, indexType, names, types, tz, divs, List.of(), all);
        } catch (SQLException e) {
            throw new DataSourceException(what + ": " + e.getMessage(), e);
        }
    }

    private static List<Comparable<?>> boundsDivisions(Connection c, SqlDialect d, String from, String index, DType t,
            boolean tz, int n, String what) throws SQLException {
        String q = d.quote(index);
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT MIN(" + q + "), MAX(" + q + ") FROM " + from)) {
            rs.next();
            Comparable<?> lo = value(rs, 1, t, tz);
            Comparable<?> hi = value(rs, 2, t, tz);
            if (lo == null) {
                return List.of(); // no rows: one partition, divisions unknown
            }
            return split(t, lo, hi, n);
        }
    }

    private static Comparable<?> value(ResultSet rs, int col, DType t, boolean tz) throws SQLException {
        Object v = switch (t) {
            case I32 -> rs.getInt(col);
            case I64 -> rs.getLong(col);
            case F64, F32, F16 -> rs.getDouble(col);
            case DATE -> rs.getObject(col, LocalDate.class);
            case TIMESTAMP -> tz ? rs.getObject(col, OffsetDateTime.class) : rs.getObject(col, LocalDateTime.class);
            default -> throw new IllegalStateException();
        };
        if (rs.wasNull() || v == null) {
            return null;
        }
        return switch (v) {
            case OffsetDateTime o -> o.toInstant();
            case LocalDateTime l -> l.toInstant(ZoneOffset.UTC);
            case Double x when t == DType.F32 -> (float) (double) x;
            default -> (Comparable<?>) v;
        };
    }

    /** Splits [lo, hi] into at most n ranges; integer-like indexes get no more ranges than steps. */
    static List<Comparable<?>> split(DType t, Comparable<?> lo, Comparable<?> hi, int n) {
        List<Comparable<?>> out = new ArrayList<>();
        switch (t) {
            case F64, F32, F16 -> {
                double a = ((Number) lo).doubleValue();
                double b = ((Number) hi).doubleValue();
                int parts = a == b ? 1 : n;
                for (int i = 0; i <= parts; i++) {
                    double v = i == parts ? b : a + (b - a) * i / parts;
                    out.add(t == DType.F64 ? (Comparable<?>) v : (Comparable<?>) (float) v);
                }
                // float rounding may repeat a boundary; keep them non-decreasing and distinct
                for (int i = out.size() - 2; i > 0; i--) {
                    if (((Comparable) out.get(i)).compareTo(out.get(i + 1)) >= 0
                            || ((Comparable) out.get(i)).compareTo(out.get(i - 1)) <= 0) {
                        out.remove(i);
                    }
                }
            }
            default -> {
                long a = asLong(t, lo);
                long b = asLong(t, hi);
                BigInteger span = BigInteger.valueOf(b).subtract(BigInteger.valueOf(a));
                int parts = (int) Math.max(1, Math.min(n, span.min(BigInteger.valueOf(Integer.MAX_VALUE)).longValue()));
                for (int i = 0; i <= parts; i++) {
                    long v = BigInteger.valueOf(a).add(span.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(parts)))
                            .longValueExact();
                    out.add(fromLong(t, v));
                }
            }
        }
        return out;
    }

    private static long asLong(DType t, Comparable<?> v) {
        return switch (t) {
            case I32, I64 -> ((Number) v).longValue();
            case DATE -> ((LocalDate) v).toEpochDay();
            case TIMESTAMP -> {
                Instant i = (Instant) v;
                yield Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
            }
            default -> throw new IllegalStateException();
        };
    }

    private static Comparable<?> fromLong(DType t, long v) {
        return switch (t) {
            case I32 -> (int) v;
            case I64 -> v;
            case DATE -> LocalDate.ofEpochDay(v);
            case TIMESTAMP -> Jdbc.instant(v);
            default -> throw new IllegalStateException();
        };
    }

    /** Converts user-given divisions to the index's value type and checks their order. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static List<Comparable<?>> explicitDivisions(List<?> given, DType t, String index) {
        if (given.size() < 2) {
            throw new IllegalArgumentException("divisions need at least two values (one partition), got " + given);
        }
        List<Comparable<?>> out = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Object v = given.get(i);
            Comparable<?> c = switch (t) {
                case I32 -> v instanceof Number x && x.longValue() == (int) x.longValue() && !(v instanceof Double)
                        && !(v instanceof Float) ? (Comparable<?>) (int) x.longValue() : null;
                case I64 -> v instanceof Integer || v instanceof Long || v instanceof Short ? (Comparable<?>) ((Number) v).longValue() : null;
                case F64 -> v instanceof Number x ? (Comparable<?>) x.doubleValue() : null;
                case F32, F16 -> v instanceof Number x ? (Comparable<?>) x.floatValue() : null;
                case DATE -> v instanceof LocalDate x ? x : null;
                case TIMESTAMP -> v instanceof Instant x ? x : v instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC) : null;
                default -> null;
            };
            if (c == null) {
                throw new IllegalArgumentException("division " + i + " (" + v + (v == null ? "" : ", a " + v.getClass().getSimpleName())
                        + ") does not fit index '" + index + "' of type " + t.label());
            }
            if (!out.isEmpty() && ((Comparable) out.get(out.size() - 1)).compareTo(c) > 0) {
                throw new IllegalArgumentException("divisions must not decrease: division " + i + " (" + v
                        + ") is below division " + (i - 1) + " (" + given.get(i - 1) + ")");
            }
            out.add(c);
        }
        return out;
    }
}
