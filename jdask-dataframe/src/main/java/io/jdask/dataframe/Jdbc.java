package io.jdask.dataframe;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

/** Opening connections and binding values, shared by the SQL readers and writers. */
final class Jdbc {
    private Jdbc() {}

    /**
     * Opens a connection. PostgreSQL connections for writing get {@code reWriteBatchedInserts=true}
     * unless the caller set it, so that a batch travels as multi-row INSERTs; MariaDB connections
     * for reading get {@code useServerPrepStmts=true} (results in the exact binary encoding).
     */
    static Connection open(String url, SqlOptions options, boolean forWriting) {
        Properties p = options.toProperties();
        if (forWriting && SqlDialect.of(url) == SqlDialect.POSTGRESQL && !p.containsKey("reWriteBatchedInserts")
                && !url.contains("reWriteBatchedInserts")) {
            p.setProperty("reWriteBatchedInserts", "true");
        }
        if (!forWriting && SqlDialect.of(url) == SqlDialect.MARIADB && !p.containsKey("useServerPrepStmts")
                && !url.contains("useServerPrepStmts")) {
            // the text protocol prints FLOAT columns with 6 digits; the binary protocol sends the exact value
            p.setProperty("useServerPrepStmts", "true");
        }
        try {
            if (SqlDialect.of(url) == SqlDialect.DUCKDB && DuckDbInstances.isFile(url)) {
                return DuckDbInstances.connect(url, p);
            }
            return DriverManager.getConnection(url, p);
        } catch (SQLException e) {
            throw new DataSourceException("cannot connect to " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** The URL with any {@code password=...} parameter value hidden, for error messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    /** Binds a boxed filter or division value: Double, Float, Long, Integer, Boolean, String, Instant or LocalDate. */
    static void bind(PreparedStatement ps, int position, Object value) throws SQLException {
        switch (value) {
            case Double d -> ps.setDouble(position, d);
            case Float f -> ps.setDouble(position, f);
            case Long l -> ps.setLong(position, l);
            case Integer i -> ps.setInt(position, i);
            case Boolean b -> ps.setBoolean(position, b);
            case String s -> ps.setString(position, s);
            case LocalDate d -> ps.setObject(position, d);
            case Instant t -> ps.setObject(position, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
            default -> throw new IllegalArgumentException("cannot bind a " + value.getClass().getName() + " (" + value
                    + "): expected Double, Float, Long, Integer, Boolean, String, Instant or LocalDate");
        }
    }

    static long epochNanos(LocalDateTime t) {
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), t.getNano());
    }

    static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }
}
