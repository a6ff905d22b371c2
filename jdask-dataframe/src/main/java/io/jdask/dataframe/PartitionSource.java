package io.jdask.dataframe;

import io.jdask.tokenize.Tokenizable;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Where a {@code DataFrame}'s partitions come from when they are read rather than computed: blocks
 * of CSV files, range queries on a SQL table, Parquet files. The lazy layer turns a source into one
 * task per partition, and its optimiser pushes column projections and simple filters into it.
 *
 * <p>Sources are immutable values: serializable (tasks that read them run on workers), tokenizable
 * (equal sources give equal task keys), and {@link #read} returns the same partition every time.
 */
public interface PartitionSource extends Serializable, Tokenizable {

    /** A short name for task keys and error messages, e.g. {@code "read-csv"}. */
    String name();

    /** An empty frame with the names, dtypes and index of every partition this source reads. */
    Frame meta();

    /** How many partitions {@link #read} accepts. */
    int numPartitions();

    /**
     * The index boundaries when the partitions are sorted by index and split at known values:
     * {@code numPartitions() + 1} non-decreasing values (partition i holds {@code [d_i, d_i+1)},
     * the last one closed), or an empty optional when they are unknown.
     */
    Optional<List<Comparable<?>>> divisions();

    /**
     * Reads one partition.
     *
     * @param partition 0 ... numPartitions()-1
     * @return a frame shaped like {@link #meta()}
     * @throws DataSourceException naming the file, line and column, or the query, that failed
     */
    Frame read(int partition);

    /**
     * A source that reads only these columns (in this order; the index is always kept).
     * Sources that cannot do better read everything and select.
     */
    default PartitionSource project(List<String> columns) {
        return new ProjectedSource(this, columns);
    }

    /**
     * A source that may skip rows that fail every one of these conditions (a conjunction). The
     * lazy layer still applies the filter to what is read, so a source may prune coarsely (row
     * groups, partitions) or exactly (a SQL WHERE), and may return itself when it cannot use them.
     */
    default PartitionSource filter(List<ColumnFilter> conjunction) {
        return this;
    }
}
