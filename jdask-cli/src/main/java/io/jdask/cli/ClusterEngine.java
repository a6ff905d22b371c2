package io.jdask.cli;

import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Frame;
import io.jdask.dataframe.IfExists;
import io.jdask.dataframe.Sql;
import io.jdask.dataframe.SqlOptions;
import io.jdask.distributed.client.Client;

/**
 * The correlation demo's stages on a cluster: persisted partitions stay on the workers, which read
 * the history themselves.
 *
 * <p>An embedded DuckDB file is locked by a process that opens it read-write, and only read-only
 * opens may share it between processes. So, with such a file: the demo's own process generates it
 * and closes it before the workers read it read-only ({@code duckdb.read_only=true}); for the
 * write, the workers close it ({@link Client#run}) and the demo's process writes the gathered
 * pairs read-write, then closes it again. A database server ({@code --jdbc-url}) needs none of
 * that: the workers read it and write the pairs in parallel, as the local run does.
 */
final class ClusterEngine implements CorrelationDemo.Engine {
    /** The DuckDB driver property that opens a database file read-only, sharable between processes. */
    static final String DUCKDB_READ_ONLY = "duckdb.read_only";

    private final Client client;
    private final boolean embedded;

    ClusterEngine(Client client, String jdbcUrl) {
        this.client = client;
        this.embedded = Sql.isEmbeddedFile(jdbcUrl);
    }

    /** Whether the history is an embedded DuckDB file, read read-only by the workers. */
    boolean embedded() {
        return embedded;
    }

    @Override
    public DataFrame persist(DataFrame df) {
        return client.persist(df);
    }

    @Override
    public SqlOptions readOptions() {
        return embedded ? SqlOptions.defaults().withProperty(DUCKDB_READ_ONLY, "true") : SqlOptions.defaults();
    }

    @Override
    public long write(DataFrame pairs, CorrelationDemo.Settings s) {
        if (!embedded) {
            return pairs.toSql(s.jdbcUrl(), s.outputTable(), IfExists.REPLACE, s.chunkSize());
        }
        Frame all = pairs.compute();
        releaseEverywhere(s.jdbcUrl());
        try {
            return Sql.write(all, s.jdbcUrl(), s.outputTable(), IfExists.REPLACE, s.chunkSize(), SqlOptions.defaults());
        } finally {
            Sql.closeEmbedded(s.jdbcUrl());
        }
    }

    /** Closes the embedded file on every worker and in this process, so that this process may open it read-write. */
    void releaseEverywhere(String jdbcUrl) {
        client.run(() -> Sql.closeEmbedded(jdbcUrl));
        Sql.closeEmbedded(jdbcUrl);
    }
}
