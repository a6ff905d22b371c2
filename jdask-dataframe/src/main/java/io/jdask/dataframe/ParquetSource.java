package io.jdask.dataframe;

import io.jdask.tokenize.TokenSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Partitions of Parquet files read through an in-memory DuckDB: one partition per file, or per
 * row group ({@link Piece}). Projections select only the named columns; filters drop the pieces
 * whose min/max statistics rule them out and become a {@code WHERE} that DuckDB uses to skip row
 * groups inside the pieces that remain. Made by {@link Parquet}.
 *
 * @param pieces what each partition reads
 * @param indexName the column made the index, or null for none
 * @param indexType its dtype (null without an index)
 * @param names the columns read besides the index
 * @param types their dtypes
 * @param timeZoned for the index (when there is one) and then each column, whether it is a
 *     timestamp with time zone
 * @param filters conditions ANDed into every read
 * @param available the dtype of every column in the files (filters may use columns not read)
 */
record ParquetSource(List<Piece> pieces, String indexName, DType indexType, List<String> names, List<DType> types,
        List<Boolean> timeZoned, List<ColumnFilter> filters, java.util.Map<String, DType> available) implements PartitionSource {

    /**
     * A file, or the rows {@code [firstRow, firstRow + numRows)} of one of its row groups.
     *
     * @param stats per column: {@code [min, max]} as DuckDB prints them, null where unknown or inexact
     */
    record Piece(String file, long firstRow, long numRows, boolean wholeFile, java.util.Map<String, List<String>> stats)
            implements java.io.Serializable {
        Piece {
            stats = java.util.Map.copyOf(stats);
        }
    }

    ParquetSource {
        pieces = List.copyOf(pieces);
        names = List.copyOf(names);
        types = List.copyOf(types);
        timeZoned = List.copyOf(timeZoned);
        filters = List.copyOf(filters);
        available = java.util.Map.copyOf(available);
    }

    @Override
    public String name() {
        return "read-parquet";
    }

    @Override
    public Frame meta() {
        return ResultSetFrames.empty(indexName, indexType, names, types);
    }

    @Override
    public int numPartitions() {
        return pieces.size();
    }

    /** Known when the index's statistics show sorted, non-overlapping pieces (see {@link ParquetStats#divisions}). */
    @Override
    public Optional<List<Comparable<?>>> divisions() {
        return ParquetStats.divisions(pieces, indexName, indexType);
    }

    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** The rows of a partition as a CTE {@code jdask_rows}, with their row number in the file as {@code jdask_rn}. */
    private String rowsCte(int partition) {
        Piece p = pieces.get(partition);
        SqlDialect d = SqlDialect.DUCKDB;
        StringBuilder sql = new StringBuilder("WITH jdask_rows AS (SELECT ");
        for (String c : columns()) {
            sql.append(d.quote(c)).append(", ");
        }
        sql.append("file_row_number AS jdask_rn FROM read_parquet(").append(literal(p.file()))
                .append(", file_row_number = true)");
        List<String> where = new ArrayList<>();
        if (!p.wholeFile()) {
            where.add("file_row_number >= " + p.firstRow());
            where.add("file_row_number < " + (p.firstRow() + p.numRows()));
        }
        for (ColumnFilter f : filters) {
            where.add(d.quote(f.column()) + " " + f.op().sql() + " ?");
        }
        if (!where.isEmpty()) {
            sql.append(" WHERE ").append(String.join(" AND ", where));
        }
        return sql.append(") ").toString();
    }

    /** The index (when there is one) and the columns, in result order. */
    private List<String> columns() {
        List<String> cols = new ArrayList<>();
        if (indexName != null) {
            cols.add(indexName);
        }
        cols.addAll(names);
        return cols;
    }

    private List<DType> columnTypes() {
        List<DType> all = new ArrayList<>();
        if (indexName != null) {
            all.add(indexType);
        }
        all.addAll(types);
        return all;
    }

    /** The sorted distinct values of a string column in a partition. */
    String dictionarySql(int partition, String column) {
        String q = SqlDialect.DUCKDB.quote(column);
        return rowsCte(partition) + "SELECT DISTINCT " + q + " FROM jdask_rows WHERE " + q + " IS NOT NULL ORDER BY " + q;
    }

    /**
     * One partition's read, in file order: strings as codes into {@link #dictionarySql}'s order,
     * dates as epoch days and timestamps as epoch microseconds (no Java object per value).
     */
    String partitionSql(int partition) {
        SqlDialect d = SqlDialect.DUCKDB;
        StringBuilder sql = new StringBuilder(rowsCte(partition));
        StringBuilder select = new StringBuilder("SELECT ");
        List<String> joins = new ArrayList<>();
        List<String> cols = columns();
        List<DType> ts = columnTypes();
        for (int i = 0; i < cols.size(); i++) {
            String q = d.quote(cols.get(i));
            select.append(i == 0 ? "" : ", ");
            switch (ts.get(i)) {
                case STRING -> {
                    String alias = "jdask_d" + i;
                    sql.append(", ").append(alias).append(" AS (SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER)")
                            .append(" AS c FROM (SELECT DISTINCT ").append(q).append(" AS v FROM jdask_rows WHERE ")
                            .append(q).append(" IS NOT NULL)) ");
                    joins.add(" LEFT JOIN " + alias + " ON r." + q + " = " + alias + ".v");
                    select.append(alias).append(".c AS ").append(q);
                }
                case DATE -> select.append(d.epochDays("r." + q)).append(" AS ").append(q);
                case TIMESTAMP -> select.append(d.epochMicros("r." + q)).append(" AS ").append(q);
                default -> select.append("r.").append(q);
            }
        }
        sql.append(select).append(" FROM jdask_rows r");
        joins.forEach(sql::append);
        return sql.append(" ORDER BY r.jdask_rn").toString();
    }

    @Override
    public Frame read(int partition) {
        if (partition < 0 || partition >= numPartitions()) {
            throw new IndexOutOfBoundsException("partition " + partition + " of " + numPartitions());
        }
        String sql = partitionSql(partition);
        List<DType> all = columnTypes();
        boolean[] tz = new boolean[timeZoned.size()];
        boolean[] epoch = new boolean[all.size()];
        for (int i = 0; i < tz.length; i++) {
            tz[i] = timeZoned.get(i);
            epoch[i] = all.get(i) == DType.DATE || all.get(i) == DType.TIMESTAMP;
        }
        String file = pieces.get(partition).file();
        try (Connection c = Jdbc.open("jdbc:duckdb:", SqlOptions.defaults(), false)) {
            List<String> cols = columns();
            StringBuilder probe = new StringBuilder("SELECT ");
            for (int i = 0; i < cols.size(); i++) {
                probe.append(i == 0 ? "" : ", ").append(SqlDialect.DUCKDB.quote(cols.get(i)));
            }
            try (PreparedStatement ps = c.prepareStatement(probe + " FROM read_parquet(" + literal(file) + ") LIMIT 0");
                    ResultSet rs = ps.executeQuery()) {
                checkTypes(rs.getMetaData(), all, file);
            }
            String[][] dictionaries = new String[all.size()][];
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i) == DType.STRING) {
                    dictionaries[i] = readDictionary(c, dictionarySql(partition, cols.get(i)));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bindFilters(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    return ResultSetFrames.read(rs, indexName, names, all, tz, false, epoch, dictionaries);
                }
            }
        } catch (SQLException e) {
            throw new DataSourceException("reading partition " + partition + " (" + file + ") with " + sql + ": "
                    + e.getMessage(), e);
        }
    }

    private void bindFilters(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < filters.size(); i++) {
            Jdbc.bind(ps, i + 1, filters.get(i).value());
        }
    }

    private String[] readDictionary(Connection c, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindFilters(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values.toArray(String[]::new);
    }

    private static void checkTypes(ResultSetMetaData md, List<DType> expected, String file) throws SQLException {
        for (int i = 0; i < expected.size(); i++) {
            DType t = JdbcTypes.dtypeOf(md, i + 1, SqlDialect.DUCKDB, file);
            if (t != expected.get(i)) {
                throw new DataSourceException(file + ": column '" + md.getColumnLabel(i + 1) + "' is " + t.label()
                        + " but " + expected.get(i).label() + " in the first file");
            }
        }
    }

    @Override
    public PartitionSource project(List<String> columns) {
        LinkedHashSet<String> keep = new LinkedHashSet<>();
        for (String c : columns) {
            if (c.equals(indexName)) {
                continue;
            }
            if (!names.contains(c)) {
                throw new IllegalArgumentException("cannot project onto column '" + c + "': the Parquet files have "
                        + names + (indexName == null ? "" : " and index '" + indexName + "'"));
            }
            keep.add(c);
        }
        if (keep.isEmpty() && indexName == null && !names.isEmpty()) {
            keep.add(names.get(0)); // a frame without columns would lose its row count
        }
        List<String> ns = new ArrayList<>(keep);
        List<DType> ts = new ArrayList<>();
        List<Boolean> tz = new ArrayList<>();
        int offset = indexName == null ? 0 : 1;
        if (indexName != null) {
            tz.add(timeZoned.get(0));
        }
        for (String n : ns) {
            int i = names.indexOf(n);
            ts.add(types.get(i));
            tz.add(timeZoned.get(i + offset));
        }
        return new ParquetSource(pieces, indexName, indexType, ns, ts, tz, filters, available);
    }

    @Override
    public PartitionSource filter(List<ColumnFilter> conjunction) {
        for (ColumnFilter f : conjunction) {
            if (!available.containsKey(f.column())) {
                throw new IllegalArgumentException("cannot filter on column '" + f.column() + "': the Parquet files have "
                        + new java.util.TreeSet<>(available.keySet()));
            }
        }
        List<Piece> kept = new ArrayList<>();
        for (Piece p : pieces) {
            if (ParquetStats.mayMatch(p, conjunction, available::get)) {
                kept.add(p);
            }
        }
        if (kept.isEmpty() && !pieces.isEmpty()) {
            kept.add(pieces.get(0)); // keep one partition so the frame keeps its shape; the WHERE empties it
        }
        List<ColumnFilter> fs = new ArrayList<>(filters);
        fs.addAll(conjunction);
        return new ParquetSource(kept, indexName, indexType, names, types, timeZoned, fs, available);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString("read-parquet").putLong(pieces.size());
        for (Piece p : pieces) {
            sink.putString(p.file()).putLong(p.firstRow()).putLong(p.numRows()).putLong(p.wholeFile() ? 1 : 0);
        }
        sink.putString(indexName == null ? "" : indexName);
        for (int i = 0; i < names.size(); i++) {
            sink.putString(names.get(i)).putString(types.get(i).name());
        }
        sink.putLong(filters.size());
        for (ColumnFilter f : filters) {
            sink.putString(f.column()).putString(f.op().name()).putString(f.value().getClass().getSimpleName())
                    .putString(f.value().toString());
        }
    }
}
