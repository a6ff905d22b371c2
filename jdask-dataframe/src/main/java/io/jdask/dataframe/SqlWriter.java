package io.jdask.dataframe;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Writes frames to SQL tables: the table is prepared once ({@link IfExists}), then each partition
 * is inserted on its own connection in chunks, each chunk committed in its own transaction.
 * DuckDB is written through its appender; other databases through batched prepared INSERTs.
 */
final class SqlWriter {
    private SqlWriter() {}

    /** The columns a frame is written as: its index first (named "index" when unnamed), then its columns. */
    static List<String> columnNames(Frame f) {
        List<String> ns = new ArrayList<>();
        if (f.hasIndex()) {
            ns.add(f.indexName() == null ? "index" : f.indexName());
        }
        ns.addAll(f.columnNames());
        return ns;
    }

    static List<Column> columns(Frame f) {
        List<Column> cs = new ArrayList<>();
        if (f.hasIndex()) {
            cs.add(f.index());
        }
        for (int i = 0; i < f.numColumns(); i++) {
            cs.add(f.column(i));
        }
        return cs;
    }

    static String createTableSql(SqlDialect d, String table, Frame meta) {
        return createTableSqlFor(d, d.quoteTable(table), meta);
    }

    private static String createTableSqlFor(SqlDialect d, String quotedTable, Frame meta) {
        List<String> ns = columnNames(meta);
        List<Column> cs = columns(meta);
        StringBuilder sql = new StringBuilder("CREATE TABLE ").append(quotedTable).append(" (");
        for (int i = 0; i < ns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(d.quote(ns.get(i))).append(' ').append(d.columnType(cs.get(i).dtype()));
        }
        return sql.append(')').toString();
    }

    static String insertSql(SqlDialect d, String table, List<String> names) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(d.quoteTable(table)).append(" (");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(d.quote(names.get(i)));
        }
        sql.append(") VALUES (");
        for (int i = 0; i < names.size(); i++) {
            sql.append(i == 0 ? "?" : ", ?");
        }
        return sql.append(')').toString();
    }

    static boolean tableExists(Connection c, SqlDialect d, String table) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + d.quoteTable(table) + " WHERE 1 = 0").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Applies {@code ifExists} once, creating the table from {@code meta}'s dtypes when needed. */
    static void prepareTable(String url, SqlOptions options, String table, Frame meta, IfExists ifExists) {
        SqlDialect d = SqlDialect.of(url);
        try (Connection c = Jdbc.open(url, options, true)) {
            c.setAutoCommit(true);
            boolean exists = tableExists(c, d, table);
            try (Statement s = c.createStatement()) {
                if (exists) {
                    switch (ifExists) {
                        case FAIL -> throw new DataSourceException("table " + table + " already exists in "
                                + Jdbc.redact(url) + " (IfExists.FAIL)");
                        case REPLACE -> s.execute("DROP TABLE " + d.quoteTable(table));
                        case APPEND -> {
                            return;
                        }
                    }
                }
                s.execute(createTableSql(d, table, meta));
            }
        } catch (SQLException e) {
            throw new DataSourceException("preparing table " + table + " in " + Jdbc.redact(url) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Inserts the frame's rows in chunks of {@code chunkSize}, committing each chunk.
     *
     * @return the number of rows written
     * @throws DataSourceException naming the partition and the row range of the chunk that failed;
     *     the chunks before it stay committed
     */
    static long write(Frame f, String url, SqlOptions options, String table, int chunkSize, int partition) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be positive, got " + chunkSize);
        }
        SqlDialect d = SqlDialect.of(url);
        List<Column> cs = columns(f);
        int n = f.numRows();
        try (Connection c = Jdbc.open(url, options, true)) {
            c.setAutoCommit(false);
            if (d == SqlDialect.DUCKDB) {
                stageDuckDb(c.unwrap(DuckDBConnection.class), f, table, cs, n, chunkSize, partition);
            } else {
                insertBatched(c, insertSql(d, table, columnNames(f)), table, cs, n, chunkSize, partition);
            }
            return n;
        } catch (SQLException e) {
            throw new DataSourceException("writing partition " + partition + " to table " + table + " in "
                    + Jdbc.redact(url) + ": " + e.getMessage(), e);
        }
    }

    private static void insertBatched(Connection c, String sql, String table, List<Column> cs, int n, int chunkSize,
            int partition) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int from = 0; from < n; from += chunkSize) {
                int to = Math.min(n, from + chunkSize);
                try {
                    for (int r = from; r < to; r++) {
                        for (int k = 0; k < cs.size(); k++) {
                            set(ps, k + 1, cs.get(k), r);
                        }
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    c.commit();
                } catch (SQLException e) {
                    ps.clearBatch();
                    rollbackQuietly(c, e);
                    throw chunkFailed(table, partition, from, to, n, e);
                }
            }
        }
    }

    private static final java.util.concurrent.atomic.AtomicLong STAGES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * DuckDB: each chunk goes through the appender into an attached in-memory table, then into the
     * target with one {@code INSERT ... SELECT} (its own transaction). Appending straight into a
     * file-backed table measured 3-4 times slower. DuckDB writes one attached database per
     * transaction, so the staging append and the insert commit separately; the chunk is atomic in
     * the target because it arrives in one statement.
     */
    private static void stageDuckDb(DuckDBConnection c, Frame f, String table, List<Column> cs, int n, int chunkSize,
            int partition) throws SQLException {
        SqlDialect d = SqlDialect.DUCKDB;
        String stage = "jdask_stage_" + STAGES.incrementAndGet();
        String rows = stage + ".main.jdask_rows";
        List<String> names = columnNames(f);
        StringBuilder cols = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            cols.append(i == 0 ? "" : ", ").append(d.quote(names.get(i)));
        }
        c.setAutoCommit(true);
        exec(c, "ATTACH ':memory:' AS " + stage);
        SQLException failure = null;
        try {
            exec(c, createTableSqlFor(d, rows, f.head(0)));
            for (int from = 0; from < n; from += chunkSize) {
                int to = Math.min(n, from + chunkSize);
                try {
                    appendRows(c, stage, "jdask_rows", cs, from, to);
                    exec(c, "INSERT INTO " + d.quoteTable(table) + " (" + cols + ") SELECT " + cols + " FROM " + rows);
                    exec(c, "DELETE FROM " + rows);
                } catch (SQLException e) {
                    failure = e;
                    throw chunkFailed(table, partition, from, to, n, e);
                }
            }
        } finally {
            try {
                exec(c, "DETACH " + stage);
            } catch (SQLException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /** Runs one statement on a fresh Statement (DuckDB closes a statement whose execution failed). */
    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void appendRows(DuckDBConnection c, String catalog, String table, List<Column> cs, int from, int to)
            throws SQLException {
        Object[] data = new Object[cs.size()];
        long[][] validity = new long[cs.size()][];
        String[][] dicts = new String[cs.size()][];
        for (int k = 0; k < cs.size(); k++) {
            data[k] = cs.get(k).data();
            validity[k] = cs.get(k).validity();
            dicts[k] = cs.get(k).dictionaryRef();
        }
        try (DuckDBAppender a = c.createAppender(catalog, "main", table)) {
            for (int r = from; r < to; r++) {
                a.beginRow();
                for (int k = 0; k < cs.size(); k++) {
                    append(a, cs.get(k), data[k], validity[k], dicts[k], r);
                }
                a.endRow();
            }
        }
    }

    static void appendDuckDb(DuckDBConnection c, String table, List<Column> cs, int n, int chunkSize,
            int partition) throws SQLException {
        int dot = table.indexOf('.');
        String schema = dot > 0 ? table.substring(0, dot) : DuckDBConnection.DEFAULT_SCHEMA;
        String name = dot > 0 ? table.substring(dot + 1) : table;
        Object[] data = new Object[cs.size()];
        long[][] validity = new long[cs.size()][];
        String[][] dicts = new String[cs.size()][];
        for (int k = 0; k < cs.size(); k++) {
            data[k] = cs.get(k).data();
            validity[k] = cs.get(k).validity();
            dicts[k] = cs.get(k).dictionaryRef();
        }
        DuckDBAppender a = c.createAppender(schema, name);
        try {
            for (int from = 0; from < n; from += chunkSize) {
                int to = Math.min(n, from + chunkSize);
                try {
                    for (int r = from; r < to; r++) {
                        a.beginRow();
                        for (int k = 0; k < cs.size(); k++) {
                            append(a, cs.get(k), data[k], validity[k], dicts[k], r);
                        }
                        a.endRow();
                    }
                    a.flush();
                    c.commit();
                } catch (SQLException e) {
                    rollbackQuietly(c, e);
                    throw chunkFailed(table, partition, from, to, n, e);
                }
            }
        } finally {
            try {
                a.close();
            } catch (SQLException ignored) {
                // the appender is unusable after a failed flush; its rows were rolled back
            }
        }
    }

    private static DataSourceException chunkFailed(String table, int partition, int from, int to, int n, SQLException e) {
        String cause = e.getMessage();
        if (e instanceof BatchUpdateException && e.getNextException() != null) {
            cause += " (" + e.getNextException().getMessage() + ")";
        }
        return new DataSourceException("writing partition " + partition + " to table " + table + ": rows " + from
                + " to " + (to - 1) + " of " + n + " failed and were rolled back"
                + (from > 0 ? " (rows 0 to " + (from - 1) + " are committed)" : "") + ": " + cause, e);
    }

    private static void rollbackQuietly(Connection c, SQLException cause) {
        try {
            c.rollback();
        } catch (SQLException r) {
            cause.addSuppressed(r);
        }
    }

    private static void set(PreparedStatement ps, int p, Column c, int r) throws SQLException {
        switch (c.dtype()) {
            case F64 -> {
                double v = c.getDouble(r);
                if (Double.isNaN(v)) {
                    ps.setNull(p, Types.DOUBLE);
                } else {
                    ps.setDouble(p, v);
                }
            }
            case F32, F16 -> {
                float v = c.getFloat(r);
                if (Float.isNaN(v)) {
                    ps.setNull(p, Types.REAL);
                } else {
                    ps.setFloat(p, v);
                }
            }
            case I64 -> {
                if (c.isNull(r)) {
                    ps.setNull(p, Types.BIGINT);
                } else {
                    ps.setLong(p, c.getLong(r));
                }
            }
            case I32 -> {
                if (c.isNull(r)) {
                    ps.setNull(p, Types.INTEGER);
                } else {
                    ps.setInt(p, c.getInt(r));
                }
            }
            case BOOL -> {
                if (c.isNull(r)) {
                    ps.setNull(p, Types.BOOLEAN);
                } else {
                    ps.setBoolean(p, c.getBoolean(r));
                }
            }
            case STRING, CATEGORY -> {
                String s = c.getString(r);
                if (s == null) {
                    ps.setNull(p, Types.VARCHAR);
                } else {
                    ps.setString(p, s);
                }
            }
            case DATE -> {
                if (c.isNull(r)) {
                    ps.setNull(p, Types.DATE);
                } else {
                    ps.setObject(p, LocalDate.ofEpochDay(c.getLong(r)));
                }
            }
            case TIMESTAMP -> {
                if (c.isNull(r)) {
                    ps.setNull(p, Types.TIMESTAMP);
                } else {
                    // truncated to microseconds, the precision of every dialect's column type
                    long micros = Math.floorDiv(c.getLong(r), 1000L);
                    ps.setObject(p, java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            (int) Math.floorMod(micros, 1_000_000L) * 1000, java.time.ZoneOffset.UTC));
                }
            }
        }
    }

    /** Appends row {@code r} of a column straight from its arrays (no boxing, no per-value type checks). */
    private static void append(DuckDBAppender a, Column c, Object data, long[] validity, String[] dict, int r)
            throws SQLException {
        if (validity != null && !Bits.get(validity, r)) {
            a.appendNull();
            return;
        }
        switch (c.dtype()) {
            case F64 -> {
                double v = ((double[]) data)[r];
                if (Double.isNaN(v)) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
            }
            case F32 -> {
                float v = ((float[]) data)[r];
                if (Float.isNaN(v)) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
            }
            case F16 -> {
                float v = Float.float16ToFloat(((short[]) data)[r]);
                if (Float.isNaN(v)) {
                    a.appendNull();
                } else {
                    a.append(v);
                }
            }
            case I64 -> a.append(((long[]) data)[r]);
            case I32 -> a.append(((int[]) data)[r]);
            case BOOL -> a.append(((boolean[]) data)[r]);
            case STRING, CATEGORY -> a.append(dict[((int[]) data)[r]]);
            case DATE -> a.appendEpochDays(((int[]) data)[r]);
            case TIMESTAMP -> a.appendEpochMicros(Math.floorDiv(((long[]) data)[r], 1000L));
        }
    }
}
