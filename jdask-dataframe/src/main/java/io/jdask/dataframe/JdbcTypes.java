package io.jdask.dataframe;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Locale;

/** Maps the JDBC type of a result column to the dtype it is read into. */
final class JdbcTypes {
    private JdbcTypes() {}

    /**
     * @throws DataSourceException naming the column and its database type when there is no mapping
     */
    static DType dtypeOf(ResultSetMetaData md, int column, SqlDialect dialect, String what) throws SQLException {
        int type = md.getColumnType(column);
        String name = md.getColumnTypeName(column);
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        DType t = switch (type) {
            case Types.DOUBLE, Types.DECIMAL, Types.NUMERIC -> DType.F64;
            // JDBC's FLOAT is double precision, but DuckDB reports its 4-byte FLOAT/REAL as FLOAT
            case Types.FLOAT -> dialect == SqlDialect.DUCKDB && (lower.equals("float") || lower.equals("real")
                    || lower.equals("float4")) ? DType.F32 : DType.F64;
            case Types.REAL -> DType.F32;
            case Types.BIGINT -> DType.I64;
            case Types.INTEGER, Types.SMALLINT, Types.TINYINT -> DType.I32;
            case Types.BOOLEAN -> DType.BOOL;
            // PostgreSQL reports boolean as BIT; MariaDB reports BIT(1) / TINYINT(1) as BIT
            case Types.BIT -> md.getPrecision(column) > 1 && !lower.startsWith("bool") ? null : DType.BOOL;
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                    Types.CLOB, Types.NCLOB -> DType.STRING;
            case Types.DATE -> DType.DATE;
            case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> DType.TIMESTAMP;
            default -> null;
        };
        if (t == null) {
            throw new DataSourceException(what + ": column '" + md.getColumnLabel(column) + "' has database type "
                    + name + " (JDBC type " + type + "), which has no dtype; CAST it in the query to a number, text, "
                    + "date or timestamp");
        }
        return t;
    }

    /** Whether a TIMESTAMP column carries a time zone (read as an instant rather than a local date-time). */
    static boolean withTimeZone(ResultSetMetaData md, int column) throws SQLException {
        String n = md.getColumnTypeName(column);
        String lower = n == null ? "" : n.toLowerCase(Locale.ROOT);
        return md.getColumnType(column) == Types.TIMESTAMP_WITH_TIMEZONE || lower.equals("timestamptz")
                || lower.contains("with time zone");
    }
}
