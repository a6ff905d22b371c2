package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.dataframe.TestDatabases.Kind;
import io.jdask.dataframe.TestDatabases.Target;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Partition bounds, divisions, projection and filter push-down of SQL sources. */
@ExtendWith(TestDatabases.Resolver.class)
class SqlSourceTest {

    static Frame readAll(PartitionSource s) {
        return Frame.concat(SqlRoundTripTest.readAll(s));
    }

    /** 20 rows: k = 0, 3, 6, ... 57 (i64), name, value (f64 with a gap), day (date). */
    static Frame sample() {
        int n = 20;
        long[] k = new long[n];
        String[] name = new String[n];
        double[] v = new double[n];
        LocalDate[] day = new LocalDate[n];
        for (int i = 0; i < n; i++) {
            k[i] = 3L * i;
            name[i] = i % 4 == 0 ? null : "n" + (i % 3);
            v[i] = i == 5 ? Double.NaN : i * 1.5 - 10;
            day[i] = LocalDate.of(2024, 2, 27).plusDays(i);
        }
        return Frame.builder().index("k", Column.ofLongs(k)).column("name", Column.ofStrings(name))
                .column("value", Column.ofDoubles(v)).column("day", Column.ofDates(day)).build();
    }

    static Frame naiveFilter(Frame f, java.util.function.IntPredicate keep) {
        return ParquetTest.naiveFilter(f, keep);
    }

    @Test
    void splitsRangesOfEachIndexType() {
        assertThat(SqlSources.split(DType.I64, 0L, 57L, 4)).containsExactly(0L, 14L, 28L, 42L, 57L);
        assertThat(SqlSources.split(DType.I32, 5, 7, 10)).containsExactly(5, 6, 7); // no more ranges than steps
        assertThat(SqlSources.split(DType.I64, 9L, 9L, 3)).containsExactly(9L, 9L);
        assertThat(SqlSources.split(DType.F64, 0.0, 1.0, 4)).containsExactly(0.0, 0.25, 0.5, 0.75, 1.0);
        assertThat(SqlSources.split(DType.F64, 2.0, 2.0, 4)).containsExactly(2.0, 2.0);
        assertThat(SqlSources.split(DType.DATE, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 31), 3))
                .containsExactly(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 11), LocalDate.of(2024, 1, 21),
                        LocalDate.of(2024, 1, 31));
        assertThat(SqlSources.split(DType.TIMESTAMP, Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2024-01-01T06:00:00Z"), 2)).containsExactly(Instant.parse("2024-01-01T00:00:00Z"),
                        Instant.parse("2024-01-01T03:00:00Z"), Instant.parse("2024-01-01T06:00:00Z"));
        assertThat(SqlSources.split(DType.I64, Long.MIN_VALUE, Long.MAX_VALUE, 2))
                .containsExactly(Long.MIN_VALUE, -1L, Long.MAX_VALUE);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void projectionAndFilterArePushedIntoTheQuery(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("pushdown");
        Frame f = sample();
        Sql.write(f, t.url(), table, IfExists.FAIL, 7, t.options());
        SqlDialect d = SqlDialect.of(t.url());
        PartitionSource s = Sql.tableSource(t.url(), table, "k", 3, t.options());
        assertThat(s.divisions()).contains(List.of(0L, 19L, 38L, 57L));

        SqlSource p = (SqlSource) s.project(List.of("value", "k"))
                .filter(List.of(new ColumnFilter("value", ColumnFilter.Op.GT, 0.0),
                        new ColumnFilter("day", ColumnFilter.Op.LE, LocalDate.of(2024, 3, 10))));
        assertThat(p.partitionSql(0)).isEqualTo("SELECT " + d.quote("k") + ", " + d.quote("value") + " FROM "
                + d.quote(table) + " WHERE " + d.quote("k") + " >= ? AND " + d.quote("k") + " < ? AND "
                + d.quote("value") + " > ? AND " + d.quote("day") + " <= ? ORDER BY " + d.quote("k"));
        assertThat(p.partitionSql(2)).contains(d.quote("k") + " <= ?"); // the last range is closed
        assertThat(p.partitionParameters(2)).containsExactly(38L, 57L, 0.0, LocalDate.of(2024, 3, 10));
        assertThat(p.meta().columnNames()).containsExactly("value");
        Frame got = readAll(p);
        Frame want = naiveFilter(f, i -> f.column("value").getDouble(i) > 0
                && !f.column("day").getDate(i).isAfter(LocalDate.of(2024, 3, 10))).select("value");
        assertThat(got).isEqualTo(want);
        assertThat(got.numRows()).isEqualTo(6); // i = 7 .. 12 (i = 5 is missing)

        // values are bound, never spliced into the SQL
        PartitionSource evil = s.filter(List.of(new ColumnFilter("name", ColumnFilter.Op.EQ, "n1' OR '1'='1")));
        assertThat(readAll(evil).numRows()).isZero();
        PartitionSource n1 = s.filter(List.of(new ColumnFilter("name", ColumnFilter.Op.EQ, "n1")));
        assertThat(readAll(n1)).isEqualTo(naiveFilter(f, i -> "n1".equals(f.column("name").getString(i))));
        assertThatThrownBy(() -> s.project(List.of("nope"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
        assertThatThrownBy(() -> s.filter(List.of(new ColumnFilter("nope", ColumnFilter.Op.EQ, 1L))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope'");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void queriesDateIndexesAndExplicitDivisions(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("query");
        Frame f = sample();
        Sql.write(f, t.url(), table, IfExists.FAIL, 100, t.options());
        SqlDialect d = SqlDialect.of(t.url());
        String q = "SELECT " + d.quote("day") + ", " + d.quote("value") + " * 2 AS " + d.quote("twice") + ", CAST("
                + d.quote("k") + " AS DECIMAL(10, 2)) AS " + d.quote("kd") + " FROM " + d.quote(table) + " WHERE "
                + d.quote("k") + " < 45;";
        PartitionSource s = Sql.querySource(t.url(), q, "day", 4, t.options());
        assertThat(s.meta().indexName()).isEqualTo("day");
        assertThat(s.meta().column("twice").dtype()).isEqualTo(DType.F64);
        assertThat(s.meta().column("kd").dtype()).isEqualTo(DType.F64); // decimals read as f64
        // days 2024-02-27 .. 2024-03-12 (15 rows, leap day included): 14 days split into 4 ranges
        assertThat(s.divisions()).contains(List.of(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 12)));
        Frame got = readAll(s);
        assertThat(got.numRows()).isEqualTo(15);
        for (int i = 0; i < 15; i++) {
            assertThat(got.index().getDate(i)).isEqualTo(LocalDate.of(2024, 2, 27).plusDays(i));
            assertThat(got.column("kd").getDouble(i)).isEqualTo(3.0 * i);
            assertThat(got.column("twice").getDouble(i)).isEqualTo(Double.valueOf(i == 5 ? Double.NaN : 2 * (i * 1.5 - 10)));
        }

        PartitionSource explicit = Sql.tableSource(t.url(), table, "k", List.of(10, 20, 20, 30), t.options());
        assertThat(explicit.numPartitions()).isEqualTo(3);
        assertThat(explicit.divisions()).contains(List.of(10L, 20L, 20L, 30L));
        assertThat(SqlRoundTripTest.readAll(explicit).stream().map(Frame::numRows).toList()).containsExactly(3, 0, 4); // 12 15 18 | none | 21 24 27 30
        assertThat(readAll(explicit)).isEqualTo(naiveFilter(f, i -> 3 * i >= 10 && 3 * i <= 30));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void fewRowsEmptyTablesAndTimestampIndexes(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        Frame one = Frame.builder().index("ts", Column.ofInstants(Instant.parse("2024-05-01T12:00:00.123456Z")))
                .column("x", Column.ofInts(7)).build();
        String single = dbs.table("single");
        Sql.write(one, t.url(), single, IfExists.FAIL, 10, t.options());
        PartitionSource s = Sql.tableSource(t.url(), single, "ts", 8, t.options());
        assertThat(s.numPartitions()).isEqualTo(1);
        assertThat(s.divisions()).contains(List.of(Instant.parse("2024-05-01T12:00:00.123456Z"),
                Instant.parse("2024-05-01T12:00:00.123456Z")));
        assertThat(readAll(s)).isEqualTo(one);

        Frame three = Frame.builder().index("ts", Column.ofInstants(Instant.parse("2024-05-01T00:00:00Z"),
                Instant.parse("2024-05-01T00:00:00.000002Z"), Instant.parse("2024-05-01T00:00:00.000009Z")))
                .column("x", Column.ofInts(1, 2, 3)).build();
        String few = dbs.table("few");
        Sql.write(three, t.url(), few, IfExists.FAIL, 10, t.options());
        PartitionSource many = Sql.tableSource(t.url(), few, "ts", 100, t.options());
        assertThat(many.numPartitions()).isEqualTo(100); // more partitions than rows: most are empty
        assertThat(readAll(many)).isEqualTo(three);

        String empty = dbs.table("empty");
        Sql.prepareTable(t.url(), empty, three, IfExists.FAIL, t.options());
        PartitionSource e = Sql.tableSource(t.url(), empty, "ts", 4, t.options());
        assertThat(e.numPartitions()).isEqualTo(1);
        assertThat(e.divisions()).isEmpty();
        assertThat(e.read(0)).isEqualTo(e.meta());
        assertThat(e.meta().column("x").dtype()).isEqualTo(DType.I32);
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"DUCKDB", "POSTGRESQL"})
    void timestampsWithTimeZoneAreReadAsUtc(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        PartitionSource s = Sql.querySource(t.url(), "SELECT 1 AS k, CAST('2024-01-01 12:00:00.25+02' AS TIMESTAMP WITH TIME ZONE)"
                + " AS t UNION ALL SELECT 2, NULL", "k", 2, t.options());
        assertThat(s.meta().column("t").dtype()).isEqualTo(DType.TIMESTAMP);
        Frame f = readAll(s);
        assertThat(f.column("t").getInstant(0)).isEqualTo(Instant.parse("2024-01-01T10:00:00.25Z"));
        assertThat(f.column("t").isNull(1)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void partitionsReadInParallelOnTheirOwnConnections(Kind kind, TestDatabases dbs) throws Exception {
        Target t = dbs.target(kind);
        String table = dbs.table("parallel");
        Frame f = RandomColumns.frame(3000, 11);
        Sql.write(f, t.url(), table, IfExists.FAIL, 500, t.options());
        PartitionSource s = Sql.tableSource(t.url(), table, "row", 12, t.options());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Frame>> parts = new java.util.ArrayList<>();
            for (int p = 0; p < s.numPartitions(); p++) {
                int q = p;
                parts.add(pool.submit(() -> s.read(q)));
            }
            List<Frame> got = new java.util.ArrayList<>();
            for (var p : parts) {
                got.add(p.get(120, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(Frame.concat(got)).isEqualTo(SqlRoundTripTest.asStored(f));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void duckDbReadsStringsAsCodesIntoAPartitionDictionary(TestDatabases dbs) throws Exception {
        Target t = dbs.target(Kind.DUCKDB);
        String table = dbs.table("coded");
        Frame f = sample();
        Sql.write(f, t.url(), table, IfExists.FAIL, 100, t.options());
        SqlSource s = (SqlSource) Sql.tableSource(t.url(), table, "k", 3, t.options());
        assertThat(s.codedPartitionSql(0)).contains("LEFT JOIN jdask_d0 ON r.\"name\" = jdask_d0.v")
                .endsWith("ORDER BY r.\"k\"");
        assertThat(s.dictionarySql(1, "name")).startsWith("WITH jdask_rows AS (SELECT \"k\", \"name\", \"value\", \"day\" FROM")
                .endsWith("SELECT DISTINCT \"name\" FROM jdask_rows WHERE \"name\" IS NOT NULL ORDER BY \"name\"");
        for (int p = 0; p < s.numPartitions(); p++) {
            Frame part = s.read(p);
            java.util.TreeSet<String> present = new java.util.TreeSet<>();
            for (int i = 0; i < part.numRows(); i++) {
                if (!part.column("name").isNull(i)) {
                    present.add(part.column("name").getString(i));
                }
            }
            assertThat(part.column("name").dictionary()).containsExactlyElementsOf(present);
        }
        assertThat(readAll(s)).isEqualTo(f);
        assertThat(readAll(s.filter(List.of(new ColumnFilter("name", ColumnFilter.Op.NE, "n1")))))
                .isEqualTo(naiveFilter(f, i -> f.column("name").getString(i) != null && !"n1".equals(f.column("name").getString(i))));
    }

    @Test
    void optionsNeverPrintPasswords() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("user", "me");
        p.setProperty("password", "hunter2");
        SqlOptions o = SqlOptions.of(p).withFetchSize(500);
        assertThat(o.toString()).contains("password").contains("500").doesNotContain("hunter2");
        assertThat(o.toProperties().getProperty("password")).isEqualTo("hunter2");
        assertThat(SqlOptions.defaults().withCredentials("me", "hunter2")).isEqualTo(o.withFetchSize(SqlOptions.DEFAULT_FETCH_SIZE));
        assertThatThrownBy(() -> o.withFetchSize(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sourcesAreSerializableAndTokenizeByContent(TestDatabases dbs) throws Exception {
        Target t = dbs.target(Kind.DUCKDB);
        String table = dbs.table("ser");
        Sql.write(sample(), t.url(), table, IfExists.FAIL, 100, t.options());
        PartitionSource s = Sql.tableSource(t.url(), table, "k", 2, t.options())
                .filter(List.of(new ColumnFilter("value", ColumnFilter.Op.GE, 0.0)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        PartitionSource back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (PartitionSource) in.readObject();
        }
        assertThat(back.read(1)).isEqualTo(s.read(1));
        assertThat(io.jdask.tokenize.Tokens.token(back)).isEqualTo(io.jdask.tokenize.Tokens.token(s));
        assertThat(io.jdask.tokenize.Tokens.token(s.project(List.of("name"))))
                .isNotEqualTo(io.jdask.tokenize.Tokens.token(s));
    }

    @Test
    void badInputIsNamed(TestDatabases dbs) throws Exception {
        Target t = dbs.target(Kind.DUCKDB);
        String table = dbs.table("bad");
        Sql.write(sample(), t.url(), table, IfExists.FAIL, 100, t.options());
        assertThatThrownBy(() -> Sql.tableSource(t.url(), table, "nope", 2))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("no index column 'nope'")
                .hasMessageContaining("[k, name, value, day]");
        assertThatThrownBy(() -> Sql.tableSource(t.url(), table, "name", 2))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("index column 'name' is string");
        assertThatThrownBy(() -> Sql.querySource(t.url(), "SELECT 1::HUGEINT AS h, 2 AS k", "k", 2, t.options()))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("column 'h' has database type HUGEINT");
        assertThatThrownBy(() -> Sql.tableSource(t.url(), "missing_table", "k", 2))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("missing_table");
        assertThatThrownBy(() -> Sql.tableSource(t.url(), table, "k", List.of(30, 10), t.options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not decrease");
        assertThatThrownBy(() -> Sql.tableSource(t.url(), table, "k", List.of(1.5, 10), t.options()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit index 'k' of type i64");
        assertThatThrownBy(() -> Sql.tableSource("jdbc:postgresql://127.0.0.1:1/x?password=hunter2", "t", "k", 2))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("password=***")
                .hasMessageNotContaining("hunter2");
    }
}
