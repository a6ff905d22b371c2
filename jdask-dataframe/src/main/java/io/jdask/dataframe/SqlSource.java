package io.jdask.dataframe;

import io.jdask.tokenize.TokenSink;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Partitions of a SQL table or query, split into ranges of a sorted index column: partition
 * {@code i} runs {@code SELECT index, columns FROM source WHERE index >= d_i AND index < d_i+1
 * [AND filters] ORDER BY index} (the last range closed) on its own connection. Made by {@link Sql}.
 *
 * @param url the JDBC URL
 * @param options driver properties and fetch size
 * @param from the rendered FROM clause: a quoted table, or a parenthesised query with an alias
 * @param indexName the index column
 * @param indexType its dtype
 * @param names the columns read besides the index
 * @param types their dtypes
 * @param timeZoned for the index and then each column, whether it is a timestamp with time zone
 * @param bounds the range boundaries (the divisions); empty when the source held no rows (one partition, no range)
 * @param filters conditions ANDed into every partition query
 * @param available every column of the table or query (filters may use columns not read)
 */
record SqlSource(String url, SqlOptions options, String from, String indexName, DType indexType, List<String> names,
        List<DType> types, List<Boolean> timeZoned, List<Comparable<?>> bounds, List<ColumnFilter> filters,
        List<String> available)
        implements PartitionSource {

    SqlSource {
        names = List.copyOf(names);
        types = List.copyOf(types);
        timeZoned = List.copyOf(timeZoned);
        bounds = List.copyOf(bounds);
        filters = List.copyOf(filters);
        available = List.copyOf(available);
    }

    @Override
    public String name() {
        return "read-sql";
    }

    @Override
    public Frame meta() {
        return ResultSetFrames.empty(indexName, indexType, names, types);
    }

    @Override
    public int numPartitions() {
        return bounds.isEmpty() ? 1 : bounds.size() - 1;
    }

    @Override
    public Optional<List<Comparable<?>>> divisions() {
        return bounds.isEmpty() ? Optional.empty() : Optional.of(bounds);
    }

    private SqlDialect dialect() {
        return SqlDialect.of(url);
    }

    /** The SQL of one partition's query, with {@code ?} for the bounds and filter values. */
    String partitionSql(int partition) {
        SqlDialect d = dialect();
        StringBuilder sql = new StringBuilder("SELECT ").append(selectItem(d, "", indexName, indexType));
        for (int i = 0; i < names.size(); i++) {
            sql.append(", ").append(selectItem(d, "", names.get(i), types.get(i)));
        }
        sql.append(" FROM ").append(from).append(where(partition));
        return sql.append(" ORDER BY ").append(d.quote(indexName)).toString();
    }

    /** The WHERE clause (with a leading space) of a partition, or an empty string. */
    private String where(int partition) {
        SqlDialect d = dialect();
        List<String> where = new ArrayList<>();
        if (!bounds.isEmpty()) {
            where.add(d.quote(indexName) + " >= ?");
            where.add(d.quote(indexName) + (partition == numPartitions() - 1 ? " <= ?" : " < ?"));
        }
        for (ColumnFilter f : filters) {
            where.add(d.quote(f.column()) + " " + f.op().sql() + " ?");
        }
        return where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    }

    /** Whether string columns are read as codes into a dictionary fetched first (DuckDB: no Java string per row). */
    private boolean codedStrings() {
        return dialect() == SqlDialect.DUCKDB && types.contains(DType.STRING);
    }

    /** DuckDB: the rows of a partition as a CTE, then each string column's sorted distinct values. */
    private String rowsCte(int partition) {
        SqlDialect d = dialect();
        StringBuilder cols = new StringBuilder(d.quote(indexName));
        for (String n : names) {
            cols.append(", ").append(d.quote(n));
        }
        return "WITH jdask_rows AS (SELECT " + cols + " FROM " + from + where(partition) + ") ";
    }

    String dictionarySql(int partition, String column) {
        String q = dialect().quote(column);
        return rowsCte(partition) + "SELECT DISTINCT " + q + " FROM jdask_rows WHERE " + q + " IS NOT NULL ORDER BY " + q;
    }

    /** DuckDB: a partition's query with each string column replaced by its code in {@link #dictionarySql}'s order. */
    String codedPartitionSql(int partition) {
        SqlDialect d = dialect();
        StringBuilder sql = new StringBuilder(rowsCte(partition));
        List<String> joins = new ArrayList<>();
        StringBuilder select = new StringBuilder("SELECT ").append(selectItem(d, "r.", indexName, indexType));
        for (int i = 0; i < names.size(); i++) {
            String q = d.quote(names.get(i));
            if (types.get(i) == DType.STRING) {
                String alias = "jdask_d" + i;
                sql.append(", ").append(alias).append(" AS (SELECT v, CAST(row_number() OVER (ORDER BY v) - 1 AS INTEGER) AS c")
                        .append(" FROM (SELECT DISTINCT ").append(q).append(" AS v FROM jdask_rows WHERE ").append(q)
                        .append(" IS NOT NULL)) ");
                joins.add(" LEFT JOIN " + alias + " ON r." + q + " = " + alias + ".v");
                select.append(", ").append(alias).append(".c AS ").append(q);
            } else {
                select.append(", ").append(selectItem(d, "r.", names.get(i), types.get(i)));
            }
        }
        sql.append(select).append(" FROM jdask_rows r");
        joins.forEach(sql::append);
        return sql.append(" ORDER BY r.").append(d.quote(indexName)).toString();
    }

    /** A column, or for dates and timestamps an epoch-number expression named like the column where the dialect has one. */
    private static String selectItem(SqlDialect d, String qualifier, String name, DType t) {
        String q = d.quote(name);
        String e = t == DType.DATE ? d.epochDays(qualifier + q) : t == DType.TIMESTAMP ? d.epochMicros(qualifier + q) : null;
        return e == null ? qualifier + q : e + " AS " + q;
    }

    private boolean[] epochColumns() {
        SqlDialect d = dialect();
        boolean[] e = new boolean[names.size() + 1];
        for (int i = 0; i <= names.size(); i++) {
            DType t = i == 0 ? indexType : types.get(i - 1);
            e[i] = t == DType.DATE ? d.epochDays("x") != null : t == DType.TIMESTAMP && d.epochMicros("x") != null;
        }
        return e;
    }

    /** The values bound to the {@code ?} of {@link #partitionSql}, in order. */
    List<Object> partitionParameters(int partition) {
        List<Object> ps = new ArrayList<>();
        if (!bounds.isEmpty()) {
            ps.add(bounds.get(partition));
            ps.add(bounds.get(partition + 1));
        }
        for (ColumnFilter f : filters) {
            ps.add(f.value());
        }
        return ps;
    }

    @Override
    public Frame read(int partition) {
        if (partition < 0 || partition >= numPartitions()) {
            throw new IndexOutOfBoundsException("partition " + partition + " of " + numPartitions());
        }
        String sql = partitionSql(partition);
        List<DType> all = new ArrayList<>();
        all.add(indexType);
        all.addAll(types);
        boolean[] tz = new boolean[timeZoned.size()];
        for (int i = 0; i < tz.length; i++) {
            tz[i] = timeZoned.get(i);
        }
        try (Connection c = Jdbc.open(url, options, false)) {
            // PostgreSQL streams a result only inside a transaction with a fetch size; in DuckDB the
            // transaction keeps the dictionaries and the coded rows consistent
            c.setAutoCommit(false);
            try {
                String[][] dictionaries = null;
                if (codedStrings()) {
                    dictionaries = new String[all.size()][];
                    for (int i = 0; i < names.size(); i++) {
                        if (types.get(i) == DType.STRING) {
                            sql = dictionarySql(partition, names.get(i));
                            dictionaries[i + 1] = readDictionary(c, sql, partition);
                        }
                    }
                    sql = codedPartitionSql(partition);
                }
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(options.fetchSize());
                    bindAll(ps, partition);
                    try (ResultSet rs = ps.executeQuery()) {
                        return ResultSetFrames.read(rs, indexName, names, all, tz, true, epochColumns(), dictionaries);
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new DataSourceException("reading partition " + partition + " of " + Jdbc.redact(url) + " with query "
                    + sql + " " + partitionParameters(partition) + ": " + e.getMessage(), e);
        }
    }

    private void bindAll(PreparedStatement ps, int partition) throws SQLException {
        List<Object> params = partitionParameters(partition);
        for (int i = 0; i < params.size(); i++) {
            Jdbc.bind(ps, i + 1, params.get(i));
        }
    }

    private String[] readDictionary(Connection c, String sql, int partition) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bindAll(ps, partition);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values.toArray(String[]::new);
    }

    @Override
    public PartitionSource project(List<String> columns) {
        LinkedHashSet<String> keep = new LinkedHashSet<>();
        for (String c : columns) {
            if (c.equals(indexName)) {
                continue;
            }
            if (!names.contains(c)) {
                throw new IllegalArgumentException("cannot project onto column '" + c + "': the query has columns "
                        + names + " and index '" + indexName + "'");
            }
            keep.add(c);
        }
        List<String> ns = new ArrayList<>(keep);
        List<DType> ts = new ArrayList<>();
        List<Boolean> tz = new ArrayList<>();
        tz.add(timeZoned.get(0));
        for (String n : ns) {
            int i = names.indexOf(n);
            ts.add(types.get(i));
            tz.add(timeZoned.get(i + 1));
        }
        return new SqlSource(url, options, from, indexName, indexType, ns, ts, tz, bounds, filters, available);
    }

    @Override
    public PartitionSource filter(List<ColumnFilter> conjunction) {
        for (ColumnFilter f : conjunction) {
            if (!available.contains(f.column())) {
                throw new IllegalArgumentException("cannot filter on column '" + f.column() + "': the query has columns "
                        + available);
            }
        }
        List<ColumnFilter> fs = new ArrayList<>(filters);
        fs.addAll(conjunction);
        return new SqlSource(url, options, from, indexName, indexType, names, types, timeZoned, bounds, fs, available);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString("read-sql").putString(url);
        options.tokenize(sink);
        sink.putString(from).putString(indexName).putString(indexType.name());
        for (int i = 0; i < names.size(); i++) {
            sink.putString(names.get(i)).putString(types.get(i).name());
        }
        sink.putLong(bounds.size());
        for (Comparable<?> d : bounds) {
            sink.putString(d.getClass().getSimpleName()).putString(d.toString());
        }
        sink.putLong(filters.size());
        for (ColumnFilter f : filters) {
            sink.putString(f.column()).putString(f.op().name()).putString(f.value().getClass().getSimpleName())
                    .putString(f.value().toString());
        }
    }

    @Override
    public String toString() {
        return "SqlSource[" + Jdbc.redact(url) + " " + from + ", index " + indexName + ", " + numPartitions()
                + " partitions, columns " + names + (filters.isEmpty() ? "" : ", filters " + filters) + "]";
    }
}
