package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.dataframe.TestDatabases.Kind;
import io.jdask.dataframe.TestDatabases.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Frame -> SQL table -> partitioned read, on DuckDB, PostgreSQL and MariaDB. */
@ExtendWith(TestDatabases.Resolver.class)
class SqlRoundTripTest {

    /** What a frame looks like after a trip through SQL: f16 widens to f32, categories become strings, timestamps keep microseconds. */
    static Frame asStored(Frame f) {
        Frame g = f;
        for (String n : f.columnNames()) {
            Column c = f.column(n);
            switch (c.dtype()) {
                case F16 -> g = g.withColumn(n, c.astype(DType.F32));
                case CATEGORY -> g = g.withColumn(n, c.astype(DType.STRING));
                case TIMESTAMP -> {
                    long[] v = new long[c.length()];
                    boolean[] ok = new boolean[c.length()];
                    for (int i = 0; i < v.length; i++) {
                        ok[i] = !c.isNull(i);
                        v[i] = ok[i] ? Math.floorDiv(c.getLong(i), 1000L) * 1000L : 0;
                    }
                    g = g.withColumn(n, Column.ofTimestamps(v, ok));
                }
                default -> { }
            }
        }
        return g;
    }

    static List<Frame> readAll(PartitionSource s) {
        List<Frame> parts = new ArrayList<>();
        for (int p = 0; p < s.numPartitions(); p++) {
            parts.add(s.read(p));
        }
        return parts;
    }

    /** Writes the partitions in parallel after one prepareTable, as DataFrame.toSql does. */
    static void writeParallel(List<Frame> parts, Target t, String table, IfExists ifExists, int chunk) throws Exception {
        Sql.prepareTable(t.url(), table, parts.get(0), ifExists, t.options());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Long>> fs = new ArrayList<>();
            for (int p = 0; p < parts.size(); p++) {
                int q = p;
                fs.add(pool.submit(() -> Sql.write(parts.get(q), t.url(), table, chunk, q, t.options())));
            }
            for (Future<Long> f : fs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everyDtypeWithMissingValuesRoundTrips(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("every_dtype");
        Frame f = RandomColumns.frame(157, 42);
        writeParallel(List.of(f.slice(0, 50), f.slice(50, 51), f.slice(51, 157)), t, table, IfExists.FAIL, 13);
        assertThat(t.count(table)).isEqualTo(157);

        PartitionSource s = Sql.tableSource(t.url(), table, "row", 4, t.options());
        assertThat(s.numPartitions()).isEqualTo(4);
        assertThat(s.divisions()).contains(List.of(0L, 39L, 78L, 117L, 156L));
        Frame meta = s.meta();
        assertThat(meta.numRows()).isZero();
        assertThat(meta.indexName()).isEqualTo("row");
        List<Frame> parts = readAll(s);
        assertThat(parts).allSatisfy(p -> assertThat(p.isSorted()).isTrue());
        assertThat(parts.get(0).numRows()).isEqualTo(39);
        assertThat(parts.get(3).numRows()).isEqualTo(40); // [117, 156] closed
        Frame back = Frame.concat(parts);
        assertThat(back).isEqualTo(asStored(f));
        for (String n : meta.columnNames()) {
            assertThat(meta.column(n).dtype()).as(n).isEqualTo(back.column(n).dtype());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void emptyPartitionsAndGapsInTheIndex(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("gaps");
        long[] idx = {0, 1, 2, 3, 4, 1000, 1001, 1002};
        Frame f = Frame.builder().index("k", Column.ofLongs(idx))
                .column("s", Column.ofStrings("a", null, "b", "a", "c", null, "d", "e"))
                .column("x", Column.ofDoubles(1, Double.NaN, 3, 4, 5, 6, 7, 8)).build();
        Sql.write(f, t.url(), table, IfExists.FAIL, 3, t.options());
        PartitionSource s = Sql.tableSource(t.url(), table, "k", 5, t.options());
        List<Frame> parts = readAll(s);
        assertThat(parts.stream().map(Frame::numRows).toList()).containsExactly(5, 0, 0, 0, 3);
        assertThat(parts.get(2)).isEqualTo(s.meta());
        assertThat(Frame.concat(parts)).isEqualTo(f);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ifExistsModes(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("modes");
        Frame a = Frame.builder().column("x", Column.ofInts(1, 2, 3)).build();
        Frame b = Frame.builder().column("y", Column.ofStrings("p", "q")).build();
        assertThat(Sql.tableExists(t.url(), table, t.options())).isFalse();
        Sql.write(a, t.url(), table, IfExists.FAIL, 100, t.options());
        assertThat(Sql.tableExists(t.url(), table, t.options())).isTrue();
        assertThatThrownBy(() -> Sql.write(a, t.url(), table, IfExists.FAIL, 100, t.options()))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("table " + table + " already exists");
        assertThat(t.count(table)).isEqualTo(3);
        Sql.write(a, t.url(), table, IfExists.APPEND, 2, t.options());
        assertThat(t.count(table)).isEqualTo(6);
        Sql.write(b, t.url(), table, IfExists.REPLACE, 100, t.options());
        assertThat(t.count(table)).isEqualTo(2);
        try (var c = t.connect(); var st = c.createStatement();
                var rs = st.executeQuery("SELECT * FROM " + SqlDialect.of(t.url()).quoteTable(table))) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(rs.getMetaData().getColumnLabel(1)).isEqualTo("y");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aWriteThatFailsMidwayKeepsTheCommittedChunks(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("midway");
        SqlDialect d = SqlDialect.of(t.url());
        t.execute("CREATE TABLE " + d.quoteTable(table) + " (" + d.quote("id") + " BIGINT NOT NULL, " + d.quote("x")
                + " " + d.columnType(DType.F64) + ")");
        int n = 50;
        long[] id = new long[n];
        boolean[] ok = new boolean[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            ok[i] = i != 27; // row 27 violates NOT NULL: its chunk [20, 30) fails
            x[i] = i * 0.5;
        }
        Frame f = Frame.builder().column("id", Column.ofLongs(id, ok)).column("x", Column.ofDoubles(x)).build();
        Sql.prepareTable(t.url(), table, f, IfExists.APPEND, t.options());
        assertThatThrownBy(() -> Sql.write(f, t.url(), table, 10, 3, t.options()))
                .isInstanceOf(DataSourceException.class)
                .hasMessageContaining("partition 3")
                .hasMessageContaining("rows 20 to 29 of 50 failed")
                .hasMessageContaining("rows 0 to 19 are committed");
        assertThat(t.count(table)).isEqualTo(20);
        PartitionSource s = Sql.tableSource(t.url(), table, "id", 2, t.options());
        Frame back = Frame.concat(readAll(s));
        assertThat(back.numRows()).isEqualTo(20);
        assertThat(back.index().getLong(19)).isEqualTo(19);
        assertThat(back.column("x").getDouble(19)).isEqualTo(9.5);
    }
}
