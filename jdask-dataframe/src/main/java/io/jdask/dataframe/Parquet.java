package io.jdask.dataframe;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;

/**
 * Parquet input and output through DuckDB's JDBC driver (no Hadoop). Sources read one partition
 * per file or per row group; projections read only the named columns; filters prune files and row
 * groups by their min/max statistics and are applied exactly while reading.
 */
public final class Parquet {
    /** Rows per row group when writing, unless another size is given. */
    public static final int DEFAULT_ROW_GROUP_SIZE = 122_880;

    private Parquet() {}

    /** How a source splits its files into partitions. */
    public enum Split {
        /** One partition per file. */
        FILE,
        /** One partition per row group. */
        ROW_GROUP
    }

    /** One partition per file of {@code pathOrGlob}, no index. */
    public static PartitionSource source(String pathOrGlob) {
        return source(pathOrGlob, null, Split.FILE);
    }

    /**
     * @param pathOrGlob a file, a directory (its {@code *.parquet} files) or a glob such as
     *     {@code data/2024-*.parquet}; files are read in name order and must share the first file's schema
     * @param indexColumn the column to make the frame's index, or null for none
     * @param split one partition per file or per row group
     * @throws DataSourceException when nothing matches, the index column is missing, or a column's
     *     type has no dtype
     */
    public static PartitionSource source(String pathOrGlob, String indexColumn, Split split) {
        return ParquetScan.open(pathOrGlob, indexColumn, split);
    }

    /** Writes a frame to one Parquet file with the default row-group size. */
    public static long write(Frame frame, Path file) {
        return write(frame, file, DEFAULT_ROW_GROUP_SIZE);
    }

    /**
     * Writes a frame to one Parquet file (replacing it; missing parent directories are created): the index first, as a column named after
     * it ({@code "index"} when unnamed), then the columns. f16 is stored as float, categories as
     * strings, timestamps with microsecond precision.
     *
     * @param rowGroupSize rows per row group (DuckDB rounds small sizes up to its 2,048-row vectors)
     * @return the number of rows written
     */
    public static long write(Frame frame, Path file, int rowGroupSize) {
        if (rowGroupSize < 1) {
            throw new IllegalArgumentException("rowGroupSize must be positive, got " + rowGroupSize);
        }
        try {
            java.nio.file.Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                java.nio.file.Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new DataSourceException("writing Parquet file " + file + ": cannot create its directory: " + e.getMessage(), e);
        }
        try (Connection c = Jdbc.open("jdbc:duckdb:", SqlOptions.defaults(), true); Statement s = c.createStatement()) {
            s.execute(SqlWriter.createTableSql(SqlDialect.DUCKDB, "jdask_frame", frame));
            c.setAutoCommit(false);
            SqlWriter.appendDuckDb(c.unwrap(DuckDBConnection.class), "jdask_frame", SqlWriter.columns(frame),
                    frame.numRows(), Math.max(1, frame.numRows()), 0);
            c.setAutoCommit(true);
            s.execute("COPY jdask_frame TO " + ParquetSource.literal(file.toAbsolutePath().toString())
                    + " (FORMAT parquet, ROW_GROUP_SIZE " + rowGroupSize + ")");
            return frame.numRows();
        } catch (SQLException e) {
            throw new DataSourceException("writing Parquet file " + file + ": " + e.getMessage(), e);
        }
    }
}
