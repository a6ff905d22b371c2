package io.jdask.dataframe;

import java.util.List;

/**
 * SQL input and output over JDBC, at the partition level: {@link PartitionSource}s that read a
 * table or query as ranges of a sorted index column, and a writer that inserts one partition in
 * committed chunks.
 *
 * <p>Reading: the source's columns and dtypes come from the result's metadata (floating and
 * decimal numbers to f64, or f32 for 4-byte floats; integers to i32/i64; booleans; text to
 * dictionary-encoded strings; dates; timestamps, those with a time zone converted to UTC). Without
 * explicit divisions the bounds are {@code MIN} and {@code MAX} of the index, split evenly; each
 * partition is one range query on its own connection, rows ordered by the index, rows with a
 * missing index left out. Projections select only the named columns, filters become {@code WHERE}
 * conditions with bound parameters.
 *
 * <p>Writing: {@link #prepareTable} applies {@link IfExists} once and creates the table from the
 * frame's dtypes if needed; then {@link #write} inserts each partition (in parallel if wanted),
 * each chunk of {@code chunkSize} rows in its own transaction.
 *
 * <p>An embedded DuckDB file ({@code jdbc:duckdb:/path/file.db}) needs no server; PostgreSQL
 * ({@code jdbc:postgresql:}) and MariaDB/MySQL ({@code jdbc:mariadb:}) drivers are on the class path.
 * Credentials go in the URL or in {@link SqlOptions}.
 */
public final class Sql {
    private Sql() {}

    /** A table split into {@code npartitions} ranges of {@code indexColumn}, default options. */
    public static PartitionSource tableSource(String jdbcUrl, String table, String indexColumn, int npartitions) {
        return tableSource(jdbcUrl, table, indexColumn, npartitions, SqlOptions.defaults());
    }

    /**
     * A table split into ranges of {@code indexColumn} between its MIN and MAX.
     *
     * @param table a table name, optionally {@code schema.table}; quoted as given
     * @param indexColumn a numeric, date or timestamp column: the frame's sorted index
     * @param npartitions the number of ranges (fewer when an integer, date or timestamp index has
     *     fewer steps between MIN and MAX; one, without divisions, when the table is empty)
     * @throws DataSourceException when the database cannot be reached, the index column is missing
     *     or of another type, or a column's type has no dtype
     */
    public static PartitionSource tableSource(String jdbcUrl, String table, String indexColumn, int npartitions,
            SqlOptions options) {
        return SqlSources.create(jdbcUrl, options, SqlSources.tableFrom(SqlDialect.of(jdbcUrl), table), indexColumn,
                npartitions, null);
    }

    /** A table split at explicit index values; see {@link #querySource(String, String, String, List, SqlOptions)}. */
    public static PartitionSource tableSource(String jdbcUrl, String table, String indexColumn, List<?> divisions,
            SqlOptions options) {
        return SqlSources.create(jdbcUrl, options, SqlSources.tableFrom(SqlDialect.of(jdbcUrl), table), indexColumn, 0,
                divisions);
    }

    /** A query split into {@code npartitions} ranges of {@code indexColumn}, default options. */
    public static PartitionSource querySource(String jdbcUrl, String query, String indexColumn, int npartitions) {
        return querySource(jdbcUrl, query, indexColumn, npartitions, SqlOptions.defaults());
    }

    /**
     * The result of a query (used as a subquery), split into ranges of {@code indexColumn}.
     *
     * @param query a SELECT whose result has a column {@code indexColumn}
     * @see #tableSource(String, String, String, int, SqlOptions)
     */
    public static PartitionSource querySource(String jdbcUrl, String query, String indexColumn, int npartitions,
            SqlOptions options) {
        return SqlSources.create(jdbcUrl, options, SqlSources.queryFrom(query), indexColumn, npartitions, null);
    }

    /**
     * The result of a query split at explicit index values: partition {@code i} holds
     * {@code divisions[i] <= index < divisions[i+1]}, the last range closed; rows outside are not read.
     *
     * @param divisions non-decreasing values of the index's type: numbers, {@code LocalDate}s, or
     *     {@code Instant}s / {@code LocalDateTime}s (UTC) for timestamps
     */
    public static PartitionSource querySource(String jdbcUrl, String query, String indexColumn, List<?> divisions,
            SqlOptions options) {
        return SqlSources.create(jdbcUrl, options, SqlSources.queryFrom(query), indexColumn, 0, divisions);
    }

    /**
     * Whether a table exists (and can be selected from) in the database.
     *
     * @throws DataSourceException when the database cannot be reached
     */
    public static boolean tableExists(String jdbcUrl, String table, SqlOptions options) {
        try (java.sql.Connection c = Jdbc.open(jdbcUrl, options, false)) {
            return SqlWriter.tableExists(c, SqlDialect.of(jdbcUrl), table);
        } catch (java.sql.SQLException e) {
            throw new DataSourceException("checking table " + table + " in " + Jdbc.redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lets other processes open an embedded DuckDB file: closes the connections this process keeps
     * open to it (the reads and writes of a DuckDB file share one open database per process, kept
     * open until this call). A process that opened the file read-write holds a lock that keeps
     * every other process out; read-only connections (driver property {@code duckdb.read_only=true},
     * e.g. {@code SqlOptions.defaults().withProperty("duckdb.read_only", "true")}) may be held by
     * any number of processes at once, but not beside a read-write one. Call it in the process
     * that wrote the file before workers in other processes read it read-only, and on those
     * workers (e.g. with a client's {@code run}) before a process opens it read-write again. The
     * next connection opens the file again. Other URLs are left alone.
     *
     * @param jdbcUrl {@code jdbc:duckdb:/path/file.db} (its parameters ignored)
     * @return how many open databases were closed (0 when none was open or the URL is not a DuckDB file)
     * @throws DataSourceException when closing fails
     */
    public static int closeEmbedded(String jdbcUrl) {
        if (!isEmbeddedFile(jdbcUrl)) {
            return 0;
        }
        try {
            return DuckDbInstances.close(jdbcUrl);
        } catch (java.sql.SQLException e) {
            throw new DataSourceException("closing " + Jdbc.redact(jdbcUrl) + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param jdbcUrl a JDBC URL
     * @return whether it names an embedded DuckDB file (not an in-memory database), the kind of
     *     database one process at a time may open read-write ({@link #closeEmbedded})
     */
    public static boolean isEmbeddedFile(String jdbcUrl) {
        return SqlDialect.of(jdbcUrl) == SqlDialect.DUCKDB && DuckDbInstances.isFile(jdbcUrl);
    }

    /**
     * Makes the table ready for partition writes: with {@link IfExists#FAIL} throws when it exists,
     * with {@link IfExists#REPLACE} drops it, and creates it when missing, with one column per
     * column of {@code meta} (its index first, named {@code "index"} when unnamed) typed for the
     * database (DuckDB, PostgreSQL, MariaDB/MySQL; others get standard SQL types).
     *
     * @param meta a frame (possibly empty) with the names and dtypes to write
     */
    public static void prepareTable(String jdbcUrl, String table, Frame meta, IfExists ifExists, SqlOptions options) {
        SqlWriter.prepareTable(jdbcUrl, options, table, meta, ifExists);
    }

    /**
     * Inserts one partition into a prepared table, {@code chunkSize} rows per transaction, on its
     * own connection; partitions may be written in parallel. PostgreSQL connections rewrite
     * batches into multi-row INSERTs; DuckDB is written through its appender.
     *
     * @param partition the partition number, for error messages
     * @return the number of rows written
     * @throws DataSourceException naming the partition and the rows of the chunk that failed; the
     *     chunks before it stay committed
     */
    public static long write(Frame frame, String jdbcUrl, String table, int chunkSize, int partition, SqlOptions options) {
        return SqlWriter.write(frame, jdbcUrl, options, table, chunkSize, partition);
    }

    /** {@link #prepareTable} then {@link #write} of a single frame as partition 0. */
    public static long write(Frame frame, String jdbcUrl, String table, IfExists ifExists, int chunkSize,
            SqlOptions options) {
        prepareTable(jdbcUrl, table, frame, ifExists, options);
        return write(frame, jdbcUrl, table, chunkSize, 0, options);
    }
}
