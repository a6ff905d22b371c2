package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Sql#closeEmbedded}: a DuckDB file opened read-write is held by this process's open
 * database (so a read-only open of it fails, as it would in another process); after closing it, it
 * can be read read-only, and after closing that, written again.
 */
class DuckDbCloseEmbeddedTest {
    @TempDir
    Path temp;

    @Test
    void closingLetsTheFileBeOpenedReadOnlyAndThenReadWriteAgain() {
        String url = "jdbc:duckdb:" + temp.resolve("f.duckdb").toAbsolutePath();
        SqlOptions readOnly = SqlOptions.defaults().withProperty("duckdb.read_only", "true");
        Frame f = Frame.builder().index("i", Column.ofLongs(1, 2, 3)).column("x", Column.ofDoubles(0.5, 1.5, 2.5)).build();
        assertThat(Sql.write(f, url, "t", IfExists.FAIL, 10, SqlOptions.defaults())).isEqualTo(3);

        assertThatThrownBy(() -> DataFrame.readSqlTable(url, "t", "i", 1, readOnly).compute())
                .isInstanceOf(DataSourceException.class).hasMessageContaining(url);
        assertThat(Sql.closeEmbedded(url)).isEqualTo(1);
        assertThat(Sql.closeEmbedded(url)).isZero();

        Frame back = DataFrame.readSqlTable(url, "t", "i", 2, readOnly).compute();
        assertThat(back.column("x").getDouble(2)).isEqualTo(2.5);
        assertThatThrownBy(() -> Sql.write(f, url, "u", IfExists.FAIL, 10, SqlOptions.defaults()))
                .isInstanceOf(DataSourceException.class);

        assertThat(Sql.closeEmbedded(url + "?threads=1")).as("parameters are ignored").isEqualTo(1);
        assertThat(Sql.write(f, url, "u", IfExists.FAIL, 10, SqlOptions.defaults())).isEqualTo(3);
        assertThat(Sql.closeEmbedded(url)).isEqualTo(1);
        assertThat(Sql.closeEmbedded("jdbc:duckdb:")).as("in memory: nothing to close").isZero();
        assertThat(Sql.closeEmbedded("jdbc:postgresql://localhost/x")).isZero();
    }
}
