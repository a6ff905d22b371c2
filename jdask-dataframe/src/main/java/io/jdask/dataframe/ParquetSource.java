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

    /** The SQL of one partition's read, with {@code ?} for the filter values. */
    String partitionSql(int partition) {
        Piece p = pieces.get(partition);
        SqlDialect d = SqlDialect.DUCKDB;
        List<String> cols = new ArrayList<>();
        if (indexName != null) {
            cols.add(d.quote(indexName));
        }
        for (String n : names) {
            cols.add(d.quote(n));
        }
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", cols))
                .append(" FROM read_parquet(").append(literal(p.file()))
                .append(p.wholeFile() ? ")" : ", file_row_number = true)");
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
        if (!p.wholeFile()) {
            sql.append(" ORDER BY file_row_number");
        }
        return sql.toString();
    }

    @Override
    public Frame read(int partition) {
        if (partition < 0 || partition >= numPartitions()) {
            throw new IndexOutOfBoundsException("partition " + partition + " of " + numPartitions());
        }
        String sql = partitionSql(partition);
        List<DType> all = new ArrayList<>();
        if (indexName != null) {
            all.add(indexType);
        }
        all.addAll(types);
        boolean[] tz = new boolean[timeZoned.size()];
        for (int i = 0; i < tz.length; i++) {
            tz[i] = timeZoned.get(i);
        }
        String file = pieces.get(partition).file();
        try (Connection c = Jdbc.open("jdbc:duckdb:", SqlOptions.defaults(), false);
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < filters.size(); i++) {
                Jdbc.bind(ps, i + 1, filters.get(i).value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                checkTypes(rs.getMetaData(), all, file);
                return ResultSetFrames.read(rs, indexName, names, all, tz, false, null, null);
            }
        } catch (SQLException e) {
            throw new DataSourceException("reading partition " + partition + " (" + file + ") with " + sql + ": "
                    + e.getMessage(), e);
        }
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
