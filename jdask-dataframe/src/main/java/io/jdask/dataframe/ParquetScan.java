package io.jdask.dataframe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the files of a glob, their row groups and statistics, and the schema, to build a {@link ParquetSource}. */
final class ParquetScan {
    private ParquetScan() {}

    private record RowGroup(String file, long firstRow, long rows, Map<String, List<String>> stats) {}

    static ParquetSource open(String pathOrGlob, String indexColumn, Parquet.Split split) {
        String glob = Files.isDirectory(Path.of(pathOrGlob)) ? pathOrGlob + "/*.parquet" : pathOrGlob;
        try (Connection c = Jdbc.open("jdbc:duckdb:", SqlOptions.defaults(), false); Statement s = c.createStatement()) {
            List<String> files = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT file FROM glob(" + ParquetSource.literal(glob) + ") ORDER BY file")) {
                while (rs.next()) {
                    files.add(rs.getString(1));
                }
            }
            if (files.isEmpty()) {
                throw new DataSourceException("no Parquet files match " + glob);
            }
            List<String> names = new ArrayList<>();
            List<DType> types = new ArrayList<>();
            List<Boolean> tz = new ArrayList<>();
            DType indexType = null;
            boolean indexTz = false;
            try (ResultSet rs = s.executeQuery("SELECT * FROM read_parquet(" + ParquetSource.literal(files.get(0)) + ") LIMIT 0")) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    DType t = JdbcTypes.dtypeOf(md, i, SqlDialect.DUCKDB, files.get(0));
                    boolean z = t == DType.TIMESTAMP && JdbcTypes.withTimeZone(md, i);
                    if (md.getColumnLabel(i).equals(indexColumn)) {
                        indexType = t;
                        indexTz = z;
                    } else {
                        names.add(md.getColumnLabel(i));
                        types.add(t);
                        tz.add(z);
                    }
                }
            }
            if (indexColumn != null) {
                if (indexType == null) {
                    throw new DataSourceException(files.get(0) + ": no index column '" + indexColumn + "' among " + names);
                }
                tz.add(0, indexTz);
            }
            Map<String, DType> typeOf = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                typeOf.put(names.get(i), types.get(i));
            }
            if (indexColumn != null) {
                typeOf.put(indexColumn, indexType);
            }
            List<ParquetSource.Piece> pieces = new ArrayList<>();
            for (String f : files) {
                List<RowGroup> groups = rowGroups(s, f);
                if (split == Parquet.Split.ROW_GROUP && !groups.isEmpty()) {
                    for (RowGroup g : groups) {
                        pieces.add(new ParquetSource.Piece(f, g.firstRow(), g.rows(), groups.size() == 1, g.stats()));
                    }
                } else {
                    pieces.add(new ParquetSource.Piece(f, 0, groups.stream().mapToLong(RowGroup::rows).sum(), true,
                            combine(groups, typeOf)));
                }
            }
            return new ParquetSource(pieces, indexColumn, indexType, names, types, tz, List.of(), typeOf);
        } catch (SQLException e) {
            throw new DataSourceException("reading Parquet metadata of " + glob + ": " + e.getMessage(), e);
        }
    }

    private static List<RowGroup> rowGroups(Statement s, String file) throws SQLException {
        Map<Long, RowGroup> groups = new LinkedHashMap<>();
        String sql = "SELECT row_group_id, row_group_num_rows, path_in_schema, stats_min_value, stats_max_value, "
                + "min_is_exact, max_is_exact FROM parquet_metadata(" + ParquetSource.literal(file)
                + ") ORDER BY row_group_id, column_id";
        long first = 0;
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                long id = rs.getLong(1);
                RowGroup g = groups.get(id);
                if (g == null) {
                    g = new RowGroup(file, first, rs.getLong(2), new HashMap<>());
                    first += g.rows();
                    groups.put(id, g);
                }
                String min = rs.getString(4);
                String max = rs.getString(5);
                boolean exact = !Boolean.FALSE.equals(rs.getObject(6)) && !Boolean.FALSE.equals(rs.getObject(7));
                List<String> mm = new ArrayList<>();
                mm.add(exact ? min : null);
                mm.add(exact ? max : null);
                g.stats().put(rs.getString(3), mm);
            }
        }
        return new ArrayList<>(groups.values());
    }

    private static Map<String, List<String>> combine(List<RowGroup> groups, Map<String, DType> typeOf) {
        Map<String, List<String>> out = new HashMap<>();
        if (groups.isEmpty()) {
            return out;
        }
        for (String col : groups.get(0).stats().keySet()) {
            DType t = typeOf.get(col);
            if (t == null) {
                continue;
            }
            String lo = groups.get(0).stats().get(col).get(0);
            String hi = groups.get(0).stats().get(col).get(1);
            for (RowGroup g : groups.subList(1, groups.size())) {
                List<String> mm = g.stats().get(col);
                lo = mm == null ? null : ParquetStats.extreme(lo, mm.get(0), t, false);
                hi = mm == null ? null : ParquetStats.extreme(hi, mm.get(1), t, true);
            }
            List<String> mm = new ArrayList<>();
            mm.add(lo);
            mm.add(hi);
            out.put(col, mm);
        }
        return out;
    }
}
