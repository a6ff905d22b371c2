package io.jdask.dataframe;

import java.util.Locale;

/** What differs between the databases jdask talks to: identifier quoting and column types. */
enum SqlDialect {
    DUCKDB, POSTGRESQL, MARIADB, GENERIC;

    static SqlDialect of(String jdbcUrl) {
        String u = jdbcUrl.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:duckdb:")) {
            return DUCKDB;
        }
        if (u.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        if (u.startsWith("jdbc:mariadb:") || u.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        return GENERIC;
    }

    /** Quotes one identifier, doubling the quote character inside it. */
    String quote(String identifier) {
        if (this == MARIADB) {
            return '`' + identifier.replace("`", "``") + '`';
        }
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes a table name, treating one dot as a schema separator ({@code schema.table}). */
    String quoteTable(String table) {
        int dot = table.indexOf('.');
        if (dot > 0 && dot == table.lastIndexOf('.')) {
            return quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
        }
        return quote(table);
    }

    /** The column type a frame column of this dtype is stored as. */
    String columnType(DType t) {
        return switch (t) {
            case F64 -> this == POSTGRESQL || this == GENERIC ? "DOUBLE PRECISION" : "DOUBLE";
            case F32, F16 -> this == MARIADB ? "FLOAT" : "REAL";
            case I64 -> "BIGINT";
            case I32 -> "INTEGER";
            case BOOL -> "BOOLEAN";
            case STRING, CATEGORY -> switch (this) {
                case DUCKDB -> "VARCHAR";
                case POSTGRESQL -> "TEXT";
                case MARIADB -> "TEXT CHARACTER SET utf8mb4";
                case GENERIC -> "VARCHAR(4000)";
            };
            case TIMESTAMP -> this == MARIADB ? "DATETIME(6)" : "TIMESTAMP";
            case DATE -> "DATE";
        };
    }

    /**
     * An expression of a DATE column's epoch days as an integer, which reads without allocating a
     * date per row, or null where the dialect has none.
     */
    String epochDays(String quotedColumn) {
        return switch (this) {
            case DUCKDB, POSTGRESQL -> "(" + quotedColumn + " - DATE '1970-01-01')";
            case MARIADB -> "DATEDIFF(" + quotedColumn + ", '1970-01-01')";
            case GENERIC -> null;
        };
    }

    /** An expression of a TIMESTAMP column's epoch microseconds (UTC) as a BIGINT, or null. */
    String epochMicros(String quotedColumn) {
        return this == DUCKDB ? "epoch_us(" + quotedColumn + ")" : null;
    }
}
