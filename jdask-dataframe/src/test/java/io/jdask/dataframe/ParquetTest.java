package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTest {
    @TempDir
    Path dir;

    static Frame readAll(PartitionSource s) {
        List<Frame> parts = new ArrayList<>();
        for (int p = 0; p < s.numPartitions(); p++) {
            parts.add(s.read(p));
        }
        return Frame.concat(parts);
    }

    /** Rows of {@code f} passing {@code keep}, computed naively. */
    static Frame naiveFilter(Frame f, java.util.function.IntPredicate keep) {
        boolean[] m = new boolean[f.numRows()];
        for (int i = 0; i < m.length; i++) {
            m[i] = keep.test(i);
        }
        return f.filter(Column.ofBooleans(m));
    }

    /** [min, max] of an integer column in each row group, straight from DuckDB's parquet_metadata. */
    static List<long[]> rowGroupRanges(Path dir, String column) throws Exception {
        List<long[]> out = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:"); var st = c.createStatement();
                var rs = st.executeQuery("SELECT stats_min_value, stats_max_value FROM parquet_metadata('" + dir
                        + "/*.parquet') WHERE path_in_schema = '" + column + "' ORDER BY file_name, row_group_id")) {
            while (rs.next()) {
                out.add(new long[] {Long.parseLong(rs.getString(1)), Long.parseLong(rs.getString(2))});
            }
        }
        return out;
    }

    @Test
    void everyDtypeRoundTripsThroughTwoFiles() throws Exception {
        Frame f = RandomColumns.frame(10_000, 7);
        Parquet.write(f.slice(0, 6000), dir.resolve("part.0.parquet"), 2048);
        Parquet.write(f.slice(6000, 10_000), dir.resolve("part.1.parquet"), 2048);
        Frame expected = SqlRoundTripTest.asStored(f);

        PartitionSource byFile = Parquet.source(dir + "/part.*.parquet", "row", Parquet.Split.FILE);
        assertThat(byFile.numPartitions()).isEqualTo(2);
        assertThat(byFile.divisions()).contains(List.of(0L, 6000L, 9999L)); // from the index's statistics
        assertThat(byFile.read(1).numRows()).isEqualTo(4000);
        assertThat(readAll(byFile)).isEqualTo(expected);
        assertThat(readAll(byFile).isSorted()).isTrue();

        PartitionSource byGroup = Parquet.source(dir.toString(), "row", Parquet.Split.ROW_GROUP);
        List<long[]> ranges = rowGroupRanges(dir, "row");
        assertThat(ranges.size()).isGreaterThan(2);
        assertThat(byGroup.numPartitions()).isEqualTo(ranges.size());
        List<Comparable<?>> divisions = new ArrayList<>();
        ranges.forEach(r -> divisions.add(r[0]));
        divisions.add(ranges.get(ranges.size() - 1)[1]);
        assertThat(byGroup.divisions()).contains(divisions);
        for (int p = 0; p < ranges.size(); p++) {
            Frame part = byGroup.read(p);
            assertThat(part.index().getLong(0)).isEqualTo(ranges.get(p)[0]);
            assertThat(part.index().getLong(part.numRows() - 1)).isEqualTo(ranges.get(p)[1]);
        }
        assertThat(readAll(byGroup)).isEqualTo(expected);
        assertThat(byGroup.meta().columnNames()).isEqualTo(expected.columnNames());
    }

    @Test
    void filtersPruneRowGroupsAndFilesAndAreExact() throws Exception {
        int n = 10_000;
        long[] idx = new long[n];
        String[] s = new String[n];
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
            s[i] = i < 5000 ? "a" + (i % 7) : "b" + (i % 7);
            x[i] = i % 11 == 0 ? Double.NaN : i * 0.25;
        }
        Frame f = Frame.builder().index("k", Column.ofLongs(idx)).column("s", Column.ofStrings(s))
                .column("x", Column.ofDoubles(x)).build();
        Parquet.write(f.slice(0, 5000), dir.resolve("a.parquet"), 2048);
        Parquet.write(f.slice(5000, n), dir.resolve("b.parquet"), 2048);
        PartitionSource groups = Parquet.source(dir.toString(), "k", Parquet.Split.ROW_GROUP);
        List<long[]> ranges = rowGroupRanges(dir, "k");
        assertThat(groups.numPartitions()).isEqualTo(ranges.size()).isGreaterThan(2);

        PartitionSource late = groups.filter(List.of(new ColumnFilter("k", ColumnFilter.Op.GE, 9000L)));
        assertThat(late.numPartitions()).isEqualTo((int) ranges.stream().filter(r -> r[1] >= 9000).count())
                .isLessThan(ranges.size());
        assertThat(readAll(late)).isEqualTo(naiveFilter(f, i -> i >= 9000));

        PartitionSource bs = Parquet.source(dir.toString(), "k", Parquet.Split.FILE)
                .filter(List.of(new ColumnFilter("s", ColumnFilter.Op.EQ, "b3")));
        assertThat(bs.numPartitions()).isEqualTo(1);
        assertThat(readAll(bs)).isEqualTo(naiveFilter(f, i -> s[i].equals("b3")));

        PartitionSource none = groups.filter(List.of(new ColumnFilter("x", ColumnFilter.Op.GT, 1e9)));
        assertThat(none.numPartitions()).isEqualTo(1);
        assertThat(readAll(none).numRows()).isZero();

        PartitionSource projected = groups.project(List.of("x")).filter(
                List.of(new ColumnFilter("x", ColumnFilter.Op.LT, 100.0), new ColumnFilter("k", ColumnFilter.Op.NE, 5L)));
        assertThat(projected.numPartitions()).isEqualTo((int) ranges.stream().filter(r -> r[0] < 400).count());
        assertThat(projected.meta().columnNames()).containsExactly("x");
        assertThat(readAll(projected)).isEqualTo(naiveFilter(f.select("x"), i -> x[i] < 100.0 && i != 5));
    }

    @Test
    void overlappingFilesHaveUnknownDivisions() {
        long[] a = new long[100];
        long[] b = new long[100];
        for (int i = 0; i < 100; i++) {
            a[i] = i;
            b[i] = 50 + i;
        }
        Parquet.write(Frame.builder().column("k", Column.ofLongs(a)).build(), dir.resolve("a.parquet"));
        Parquet.write(Frame.builder().column("k", Column.ofLongs(b)).build(), dir.resolve("b.parquet"));
        PartitionSource s = Parquet.source(dir.toString(), "k", Parquet.Split.FILE);
        assertThat(s.divisions()).isEmpty();
        assertThat(s.read(1).index().getLong(0)).isEqualTo(50L);
        assertThat(Parquet.source(dir.toString()).divisions()).isEmpty(); // no index, no divisions
        PartitionSource first = s.filter(List.of(new ColumnFilter("k", ColumnFilter.Op.LT, 50L)));
        assertThat(first.numPartitions()).isEqualTo(1);
        assertThat(first.divisions()).contains(List.of(0L, 99L));
        assertThat(first.read(0).numRows()).isEqualTo(50);
    }

    @Test
    void datesAndMissingFilesAreReported() {
        Frame f = Frame.builder()
                .column("d", Column.ofDates(LocalDate.of(2020, 1, 1), null, LocalDate.of(2021, 6, 30)))
                .column("v", Column.ofInts(1, 2, 3)).build();
        Parquet.write(f, dir.resolve("d.parquet"));
        PartitionSource src = Parquet.source(dir.resolve("d.parquet").toString());
        assertThat(readAll(src)).isEqualTo(f);
        assertThat(readAll(src.filter(List.of(new ColumnFilter("d", ColumnFilter.Op.GT, LocalDate.of(2020, 6, 1))))))
                .isEqualTo(f.slice(2, 3));
        assertThatThrownBy(() -> Parquet.source(dir + "/nothing-*.parquet"))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("no Parquet files match");
        assertThatThrownBy(() -> Parquet.source(dir.resolve("d.parquet").toString(), "nope", Parquet.Split.FILE))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("no index column 'nope'");
    }
}
