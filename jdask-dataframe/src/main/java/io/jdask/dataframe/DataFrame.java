package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.function.Fn1;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lazy, partitioned table, like Dask's {@code DataFrame}: a sequence of {@link Frame}
 * partitions with one schema, computed by a task graph.
 *
 * <pre>{@code
 * DataFrame df = DataFrame.fromFrame(frame, 4);
 * Frame first = df.head(5);                               // computes only what it needs
 * Series x = df.filter(df.col("y").eq("a")).col("x").add(1);
 * Frame means = Datasets.timeseries().groupBy("name").agg(Agg.mean("x")).compute();
 * }</pre>
 *
 * <p>The schema is always known: {@link #meta()} is an empty frame with the column names, types
 * and index, worked out while building by running each operation on the meta. The divisions (the
 * index value at which each partition starts, and the last value) are known when the partitions
 * are sorted by index and split at known values, as {@link PartitionSource#divisions()}.
 *
 * <p>A frame read from a {@link PartitionSource} pushes work into the source as it is built:
 * selecting columns reads only those columns ({@link PartitionSource#project}), and filtering with
 * {@code df.col(c).op(constant)} (and {@code and} of such) asks the source to skip rows ({@link
 * PartitionSource#filter}) and still applies the filter to what is read.
 *
 * <p>Operations on two collections ({@link #filter}, {@link #withColumn(String, Series)}) pair
 * their partitions one to one: both must come from the same frame (same partitions and row counts);
 * jdask does not realign by index. Immutable and thread-safe.
 */
public final class DataFrame extends Partitioned {
    private final SourcePlan plan;

    DataFrame(Parts parts, SourcePlan plan) {
        super(parts);
        this.plan = plan;
    }

    DataFrame(Parts parts) {
        this(parts, null);
    }

    // ---------------------------------------------------------------- sources

    /**
     * Splits a local frame into partitions of near-equal row counts. When its index is sorted the
     * divisions are known (split points move forward past equal index values, so a value never
     * spans two partitions; there may then be fewer partitions).
     *
     * @param frame the frame
     * @param npartitions how many partitions (fewer when the frame has fewer rows)
     * @return the DataFrame
     */
    public static DataFrame fromFrame(Frame frame, int npartitions) {
        return FrameSources.fromFrame(frame, npartitions);
    }

    /**
     * A DataFrame whose partitions are the given frames, as they are (empty ones included). The
     * divisions are known when every frame has a sorted index, none is empty and each one's last
     * index value is below the next one's first.
     *
     * @param frames the partitions, at least one, all with the same columns, types and index
     * @return the DataFrame
     * @throws IllegalArgumentException naming the frame and column that differ
     */
    public static DataFrame fromFrames(List<Frame> frames) {
        return FrameSources.fromFrames(frames);
    }


    /**
     * A DataFrame with one partition per delayed frame, like Dask's {@code from_delayed}. Each
     * partition is checked against the meta when it is computed.
     *
     * @param parts the delayed partitions, at least one
     * @param meta a frame (usually empty) with the partitions' columns, types and index
     * @return the DataFrame (divisions unknown)
     */
    public static DataFrame fromDelayed(List<Delayed<Frame>> parts, Frame meta) {
        return FrameSources.fromDelayed(parts, meta);
    }

    /**
     * A DataFrame read from a source, one task per partition. Column selections and simple
     * filters built on it are pushed into the source (see the class comment).
     *
     * @param source the source
     * @return the DataFrame
     */
    public static DataFrame fromSource(PartitionSource source) {
        SourcePlan p = SourcePlan.of(source);
        return new DataFrame(p.parts(), p);
    }

    // ---------------------------------------------------------------- structure

    /** @return the column names */
    public List<String> columns() {
        return parts.meta().columnNames();
    }

    /** @return the type of each column, in order */
    public Map<String, DType> dtypes() {
        Map<String, DType> m = new LinkedHashMap<>();
        for (String c : columns()) {
            m.put(c, meta().column(c).dtype());
        }
        return m;
    }

    /** @return whether the divisions are known */
    public boolean knownDivisions() {
        return parts.divisions().isPresent();
    }

    /**
     * @param i a partition number
     * @return that partition alone, as a one-partition DataFrame
     */
    public DataFrame partition(int i) {
        java.util.Objects.checkIndex(i, npartitions());
        String n = "partition-" + Tokens.token(parts.name(), i);
        Key k = Key.of(n, 0);
        Graph g = Graph.of(new io.jdask.graph.Alias(k, parts.key(i)), List.of(parts.graph()));
        Optional<List<Comparable<?>>> d = parts.divisions().map(x -> List.of(x.get(i), x.get(i + 1)));
        return new DataFrame(new Parts(n, meta(), 1, d, g));
    }

    // ---------------------------------------------------------------- eager results

    /** @return the first 5 rows */
    public Frame head() {
        return head(5);
    }

    /**
     * Computes the DataFrame and returns it backed by its computed partitions.
     *
     * @return the persisted DataFrame
     */
    public DataFrame persist() {
        return Jdask.persist(this).get(this);
    }

    // ---------------------------------------------------------------- columns

    /**
     * @param columns the columns to keep, in this order
     * @return the selection (read from the source only, for a source-backed frame)
     */
    public DataFrame select(String... columns) {
        List<String> cols = List.of(columns);
        for (String c : cols) {
            meta().column(c);
        }
        if (plan != null) {
            SourcePlan p = plan.select(cols);
            return new DataFrame(p.parts(), p);
        }
        return new DataFrame(parts.map("select", new PartitionOps.Select(cols), true));
    }

    /**
     * @param columns the columns to drop
     * @return the frame without them
     */
    public DataFrame drop(String... columns) {
        Frame m = meta().drop(columns);
        if (plan != null) {
            return select(m.columnNames().toArray(String[]::new));
        }
        return new DataFrame(parts.map("drop", new PartitionOps.Drop(List.of(columns)), true));
    }

    /**
     * @param oldToNew new names of some columns
     * @return the renamed frame
     */
    public DataFrame rename(Map<String, String> oldToNew) {
        return new DataFrame(parts.map("rename", new PartitionOps.Rename(Map.copyOf(oldToNew)), true));
    }

    /**
     * @param name a column
     * @return the column as a Series (with the index)
     */
    public Series col(String name) {
        meta().column(name);
        if (plan != null) {
            SourcePlan p = plan.select(List.of(name));
            return new Series(p.parts(), new Series.Push(plan, name, List.of()));
        }
        return new Series(parts.map("getitem", new PartitionOps.ColumnOf(name), true), null);
    }

    /**
     * Adds a column, or replaces the one of that name in place, like pandas' {@code assign}.
     *
     * @param name the column's name
     * @param values an aligned Series (derived from this frame)
     * @return the new frame
     */
    public DataFrame withColumn(String name, Series values) {
        return new DataFrame(parts.zip(values.parts(), "assign", new PartitionOps.WithColumn(name)));
    }

    /**
     * Adds or replaces a column holding one constant.
     *
     * @param name the column's name
     * @param value a Double, Float, Long, Integer, Boolean, String, Instant or LocalDate
     * @return the new frame
     */
    public DataFrame withColumn(String name, Object value) {
        return new DataFrame(parts.map("assign", PartitionOps.WithConstant.of(name, value), true));
    }

    /**
     * @param dtype the new type of every column
     * @return the cast frame (a failed cast names the column, row and value)
     */
    public DataFrame astype(DType dtype) {
        return new DataFrame(parts.map("astype", new PartitionOps.AsType(Map.of(), dtype), true));
    }

    /**
     * @param types new types of some columns
     * @return the cast frame
     */
    public DataFrame astype(Map<String, DType> types) {
        for (String c : types.keySet()) {
            meta().column(c);
        }
        return new DataFrame(parts.map("astype", new PartitionOps.AsType(Map.copyOf(types), null), true));
    }

    /** @return a frame of bool columns, true where a value is missing */
    public DataFrame isna() {
        return new DataFrame(parts.map("isna", new PartitionOps.IsNa(), true));
    }

    /**
     * @param value replaces missing values in every column (converted to each column's type)
     * @return the filled frame
     */
    public DataFrame fillna(Object value) {
        return new DataFrame(parts.map("fillna", new PartitionOps.FillNa(Map.of(), value), true));
    }

    /**
     * @param values replacement per column
     * @return the filled frame
     */
    public DataFrame fillna(Map<String, Object> values) {
        return new DataFrame(parts.map("fillna", new PartitionOps.FillNa(Map.copyOf(values), null), true));
    }

    /** @return the rows with no missing value in any column */
    public DataFrame dropna() {
        return new DataFrame(parts.map("dropna", new PartitionOps.DropNa(List.of()), true));
    }

    /**
     * @param subset the columns to look at
     * @return the rows with no missing value in those columns
     */
    public DataFrame dropna(String... subset) {
        return new DataFrame(parts.map("dropna", new PartitionOps.DropNa(List.of(subset)), true));
    }

    /**
     * Drops the columns that have no value in any partition. The resulting columns depend on the
     * data, so — like Dask when metadata is unknown — this computes the per-column counts now
     * (one pass, a tree reduction) and returns a lazy selection.
     *
     * @return the frame without its all-missing columns
     */
    public DataFrame dropEmptyColumns() {
        return LazyReshape.dropEmptyColumns(this);
    }

    /**
     * Keeps the rows where a bool Series (derived from this frame) is true; missing counts as
     * false. On a source-backed frame, {@code col(c).op(constant)} masks (and their {@code and})
     * are also pushed into the source.
     *
     * @param mask the bool Series
     * @return the filtered frame (divisions kept)
     */
    public DataFrame filter(Series mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("a filter mask must be bool, got " + mask.dtype().label());
        }
        Series.Push push = mask.push();
        if (plan != null && push != null && push.column() == null && push.plan().sameRows(plan)) {
            SourcePlan p = plan.filter(push.filters());
            return new DataFrame(p.parts(), p);
        }
        return new DataFrame(parts.zip(mask.parts(), "filter", new PartitionOps.FilterRows()));
    }

    /**
     * Runs a function on every partition, like Dask's {@code map_partitions}. The result's schema
     * comes from running the function on the (empty) meta.
     *
     * @param fn a serializable function of a partition
     * @return the DataFrame of results (divisions unknown)
     */
    public DataFrame mapPartitions(Fn1<Frame, Frame> fn) {
        Frame m;
        try {
            m = fn.apply(meta());
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot work out the result's columns by running the function on the empty meta ("
                    + e + "); pass the meta with mapPartitions(fn, meta)", e);
        }
        return mapPartitions(fn, m);
    }

    /**
     * @param fn a serializable function of a partition
     * @param meta the result's columns, types and index (checked on every partition)
     * @return the DataFrame of results (divisions unknown)
     */
    public DataFrame mapPartitions(Fn1<Frame, Frame> fn, Frame meta) {
        PartitionOps.UserMap op = new PartitionOps.UserMap(fn, meta.columnNames(), PartitionOps.dtypes(meta));
        return new DataFrame(parts.map(mapName(fn), op, meta, false));
    }

    static String mapName(Object fn) {
        String s = Tokens.functionName(fn);
        return s.equals("lambda") || s.isEmpty() ? "map-partitions" : s;
    }

    // ---------------------------------------------------------------- reductions

    /** @return the sum of each numeric (and bool) column, as a Series indexed by column name */
    public Series sum() {
        return FrameStats.stat(this, Moments.Stat.SUM, 0);
    }

    /** @return the mean of each numeric column, as a Series indexed by column name */
    public Series mean() {
        return FrameStats.stat(this, Moments.Stat.MEAN, 0);
    }

    /** @return the number of present values of every column, as a Series indexed by column name */
    public Series count() {
        return FrameStats.stat(this, Moments.Stat.COUNT, 0);
    }

    /** @return the sample variance (ddof 1, like pandas) of each numeric column */
    public Series var() {
        return FrameStats.stat(this, Moments.Stat.VAR, 1);
    }

    /** @return the sample standard deviation (ddof 1, like pandas) of each numeric column */
    public Series std() {
        return FrameStats.stat(this, Moments.Stat.STD, 1);
    }

    /** @return the minimum of each numeric column (NaN when all missing), as a Series */
    public Series min() {
        return FrameStats.extreme(this, false);
    }

    /** @return the maximum of each numeric column (NaN when all missing), as a Series */
    public Series max() {
        return FrameStats.extreme(this, true);
    }

    // ---------------------------------------------------------------- groupby

    /**
     * Groups rows by the values of some columns, like pandas' {@code groupby} (rows with a
     * missing key are left out).
     *
     * @param keys the key columns
     * @return the grouping, to aggregate
     */
    public GroupBy groupBy(String... keys) {
        if (keys.length == 0) {
            throw new IllegalArgumentException("groupBy needs at least one key column");
        }
        for (String k : keys) {
            meta().column(k);
        }
        return new GroupBy(this, List.of(keys), 1);
    }

    // ---------------------------------------------------------------- correlation and reshapes

    /** @return pairwise-complete Pearson correlation of the numeric columns (pandas' {@code df.corr()}) */
    public DataFrame corr() {
        return corr(1);
    }

    /**
     * Pairwise-complete Pearson correlation of the numeric columns, exactly like pandas' {@code
     * df.corr(min_periods=minPeriods)}: each pair uses the rows where both are present; NaN below
     * {@code minPeriods} common rows or for a constant column. Computed from masked BLAS products
     * per partition ({@link PairwiseMoments}), merged as a tree; the square result is cut into
     * blocks of rows so that what follows runs in parallel.
     *
     * @param minPeriods the least number of common rows for a value
     * @return a square frame indexed by the column names
     */
    public DataFrame corr(int minPeriods) {
        return Correlations.square(this, true, minPeriods, 1);
    }

    /** @return {@link #corr(CorrMethod, int)} with {@code minPeriods} 1 */
    public DataFrame corr(CorrMethod method) {
        return corr(method, 1);
    }

    /**
     * Pairwise correlation of the numeric columns, exactly like pandas' {@code df.corr(method=...,
     * min_periods=minPeriods)}. {@link CorrMethod#PEARSON} is {@link #corr(int)}. {@link
     * CorrMethod#SPEARMAN} correlates average ranks: every column is ranked over all its rows (one
     * task per block of 256 columns holds those columns whole), the Pearson correlation of the
     * ranks is computed as for {@link #corr(int)}, and the pairs whose columns are present on
     * different rows are re-ranked on their common rows, pair by pair, as pandas does (so missing
     * values make Spearman much slower than Pearson; without them it costs the ranking more).
     * Infinities count as missing but are ranked, as in pandas.
     *
     * @param method the coefficient
     * @param minPeriods the least number of common rows for a value
     * @return a square frame indexed by the column names
     */
    public DataFrame corr(CorrMethod method, int minPeriods) {
        return switch (method) {
            case PEARSON -> corr(minPeriods);
            case SPEARMAN -> RankCorrelation.spearman(this, minPeriods);
        };
    }

    /** @return pairwise-complete covariance of the numeric columns (pandas' {@code df.cov()}) */
    public DataFrame cov() {
        return cov(1, 1);
    }

    /**
     * @param minPeriods the least number of common rows for a value
     * @param ddof delta degrees of freedom (honoured as pandas 1.5 does: see {@link PairwiseMoments#covariance})
     * @return pairwise-complete covariance of the numeric columns, like pandas' {@code df.cov}
     */
    public DataFrame cov(int minPeriods, int ddof) {
        return Correlations.square(this, false, minPeriods, ddof);
    }

    /**
     * Masks a square frame whose index labels are its column names (like {@link #corr()}'s result)
     * to its upper triangle, like {@code df.where(np.triu(np.ones(df.shape), k=1 or 0).astype(bool))}.
     *
     * @param includeDiagonal whether the diagonal stays
     * @return the frame with the cells below (and on, unless included) the diagonal missing
     */
    public DataFrame upperTriangle(boolean includeDiagonal) {
        return new DataFrame(parts.map("upper-triangle", new Correlations.Triangle(columns(), true, includeDiagonal), true));
    }

    /** The lower-triangle counterpart of {@link #upperTriangle(boolean)}. */
    public DataFrame lowerTriangle(boolean includeDiagonal) {
        return new DataFrame(parts.map("lower-triangle", new Correlations.Triangle(columns(), false, includeDiagonal), true));
    }

    /**
     * Wide to long, like pandas' {@code df.stack().reset_index()}: one row {@code (row label, column
     * name, value)} per present cell, missing cells skipped.
     *
     * @return a frame of the three named columns, no index
     */
    public DataFrame stack(String rowName, String colName, String valueName) {
        return new DataFrame(parts.map("stack", new Correlations.Stack(rowName, colName, valueName), false));
    }

    /**
     * Long to wide, like pandas' {@code df.pivot(index=..., columns=..., values=...)}: one row per
     * index value (sorted), one column per distinct value of {@code columns} (sorted). Like Dask's
     * pivot, the output columns must be known: this computes the distinct labels now (one pass over
     * {@code columns} only); pass them with {@link #pivot(String, String, String, List)} to skip it.
     * Each index value must lie in one partition: {@code index} is this frame's index with known
     * divisions (as read from SQL by that column), or there is one partition.
     *
     * @return the wide frame, partitioned like this one, with its divisions
     */
    public DataFrame pivot(String index, String columns, String values) {
        return pivot(index, columns, values, LazyReshape.distinctLabels(col(columns)));
    }

    /**
     * {@link #pivot(String, String, String)} with the output columns given (labels that never occur
     * give all-missing columns; a value not listed is an error naming it).
     */
    public DataFrame pivot(String index, String columns, String values, List<String> labels) {
        return LazyReshape.pivot(this, index, columns, values, labels);
    }

    // ---------------------------------------------------------------- reading and writing

    /** @return the CSV files matching a path or glob, one partition per file or block (see {@link Csv}) */
    public static DataFrame readCsv(String globOrPath) {
        return fromSource(Csv.source(globOrPath));
    }

    /** @return the CSV files matching a path or glob, read with these options */
    public static DataFrame readCsv(String globOrPath, CsvOptions options) {
        return fromSource(Csv.source(globOrPath, options));
    }

    /** @return the Parquet files matching a path, directory or glob, one partition per file */
    public static DataFrame readParquet(String pathOrGlob) {
        return fromSource(Parquet.source(pathOrGlob));
    }

    /** @return Parquet files with an index column, one partition per file or row group */
    public static DataFrame readParquet(String pathOrGlob, String indexColumn, Parquet.Split split) {
        return fromSource(Parquet.source(pathOrGlob, indexColumn, split));
    }

    /**
     * A SQL table read in {@code npartitions} ranges of an index column (bounds from its MIN and
     * MAX, one query per partition, read in parallel), like Dask's {@code read_sql_table}.
     */
    public static DataFrame readSqlTable(String jdbcUrl, String table, String indexColumn, int npartitions) {
        return fromSource(Sql.tableSource(jdbcUrl, table, indexColumn, npartitions));
    }

    /** {@link #readSqlTable(String, String, String, int)} with credentials or a fetch size. */
    public static DataFrame readSqlTable(String jdbcUrl, String table, String indexColumn, int npartitions, SqlOptions options) {
        return fromSource(Sql.tableSource(jdbcUrl, table, indexColumn, npartitions, options));
    }

    /** The result of a query, read in {@code npartitions} ranges of an index column, like Dask's {@code read_sql_query}. */
    public static DataFrame readSqlQuery(String jdbcUrl, String query, String indexColumn, int npartitions) {
        return fromSource(Sql.querySource(jdbcUrl, query, indexColumn, npartitions));
    }

    /** {@link #readSqlQuery(String, String, String, int)} with credentials or a fetch size. */
    public static DataFrame readSqlQuery(String jdbcUrl, String query, String indexColumn, int npartitions, SqlOptions options) {
        return fromSource(Sql.querySource(jdbcUrl, query, indexColumn, npartitions, options));
    }

    /**
     * Writes every partition to a table, now: the table is made ready once ({@code ifExists}, created
     * when missing), then partitions are inserted in parallel, {@code chunkSize} rows per
     * transaction. A failure names the partition and the rows; chunks already committed stay.
     *
     * @return the number of rows written
     */
    public long toSql(String jdbcUrl, String table, IfExists ifExists, int chunkSize) {
        return Writes.toSql(this, jdbcUrl, table, ifExists, chunkSize, SqlOptions.defaults());
    }

    /** {@link #toSql(String, String, IfExists, int)} with credentials. */
    public long toSql(String jdbcUrl, String table, IfExists ifExists, int chunkSize, SqlOptions options) {
        return Writes.toSql(this, jdbcUrl, table, ifExists, chunkSize, options);
    }

    /**
     * Writes one CSV file per partition, now, in parallel.
     *
     * @param pattern a file name with one {@code *}, replaced by the partition number ({@code out/part-*.csv.gz})
     * @return the files written, in partition order
     */
    public List<java.nio.file.Path> toCsv(String pattern) {
        return Writes.toCsv(this, pattern, CsvWriteOptions.defaults());
    }

    /** {@link #toCsv(String)} with options. */
    public List<java.nio.file.Path> toCsv(String pattern, CsvWriteOptions options) {
        return Writes.toCsv(this, pattern, options);
    }

    /** Writes all partitions, in order, to one CSV file (replacing it), now. */
    public java.nio.file.Path toSingleCsv(java.nio.file.Path file, CsvWriteOptions options) {
        return Writes.toSingleCsv(this, file, options);
    }

    /** Writes one Parquet file per partition ({@code *} in the pattern is the partition number), now. */
    public List<java.nio.file.Path> toParquet(String pattern) {
        return Writes.toParquet(this, pattern);
    }

    // ---------------------------------------------------------------- joins, sorting, shuffles

    /**
     * Joins with another DataFrame like pandas' {@code merge}: on key columns or on the indexes,
     * inner, left, right or outer, with suffixes for shared column names (see {@link Joins#merge}
     * for keys, types and columns). The plan depends on the partitioning: an index join of two
     * frames with known divisions is aligned partition by partition (the result keeps the union of
     * the divisions); a side with at most {@code dataframe.merge.broadcast-npartitions} partitions
     * (default 1) is broadcast to every partition of the other when the join type allows it;
     * otherwise both sides are hash-shuffled on their keys. The rows equal pandas' merge up to
     * their order.
     *
     * @param other the right side
     * @param spec the join type, keys and suffixes, e.g. {@code MergeSpec.on(JoinType.LEFT, "k")}
     * @return the joined frame
     * @throws IllegalArgumentException when a key is missing or the key types cannot be compared
     */
    public DataFrame merge(DataFrame other, MergeSpec spec) {
        return new DataFrame(LazyMerge.merge(parts, other.parts, spec));
    }

    /**
     * @param other the right side
     * @param how the join type
     * @param on key columns both sides have (kept once in the result)
     * @return the joined frame; see {@link #merge(DataFrame, MergeSpec)}
     */
    public DataFrame merge(DataFrame other, JoinType how, String... on) {
        return merge(other, MergeSpec.on(how, on));
    }

    /**
     * Joins on the indexes, like pandas' {@code join}; shared column names get the suffixes
     * {@code _x} and {@code _y}.
     *
     * @param other the right side
     * @param how the join type
     * @return the joined frame; see {@link #merge(DataFrame, MergeSpec)}
     */
    public DataFrame join(DataFrame other, JoinType how) {
        return merge(other, MergeSpec.onIndex(how));
    }

    /**
     * Moves rows so that equal values of the key columns are in one partition, like Dask's {@code
     * shuffle(on)}: a task shuffle by a hash of the keys (strings by text, integers of any width
     * alike), staged beyond {@code dataframe.shuffle.max-branch} partitions. Rows that land in one
     * partition keep their order.
     *
     * @param on the key columns (none: the index)
     * @param npartitions the number of output partitions
     * @return the shuffled frame (divisions unknown)
     */
    public DataFrame shuffle(List<String> on, int npartitions) {
        for (String c : on) {
            meta().column(c);
        }
        if (on.isEmpty() && !meta().hasIndex()) {
            throw new IllegalArgumentException("shuffle on the index needs an index; name key columns instead");
        }
        return new DataFrame(Shuffles.shuffle(parts, new Shuffles.HashRouter(List.copyOf(on)), null, npartitions, "shuffle"));
    }

    /** @return {@link #shuffle(List, int)} into as many partitions as this frame has */
    public DataFrame shuffle(String... on) {
        return shuffle(List.of(on), npartitions());
    }

    /**
     * Makes a column the index and sorts the rows by it across partitions, like Dask's {@code
     * set_index}: the divisions are computed now from a quantile summary of each partition, then
     * the rows are range-shuffled and each partition sorted. The result has as many partitions
     * (fewer when the column has few distinct values), a sorted index and known divisions; rows
     * with a missing key come last, in the last partition.
     *
     * @param column the new index
     * @return the re-indexed frame
     */
    public DataFrame setIndex(String column) {
        return setIndex(column, npartitions());
    }

    /**
     * @param column the new index
     * @param npartitions how many partitions the result should have (at most)
     * @return the re-indexed frame; see {@link #setIndex(String)}
     */
    public DataFrame setIndex(String column, int npartitions) {
        return new DataFrame(SetIndex.setIndex(parts, column, npartitions));
    }

    /**
     * @param column the new index
     * @param sorted whether the column is already sorted across partitions: then no rows move,
     *     the divisions are each partition's first value (computed now) and empty partitions are
     *     dropped; a partition that is not sorted or overlaps its predecessor is an error
     * @return the re-indexed frame
     */
    public DataFrame setIndex(String column, boolean sorted) {
        return sorted ? new DataFrame(SetIndex.setSortedIndex(parts, column)) : setIndex(column);
    }

    /**
     * Sorts the rows by columns across partitions, like pandas' {@code sort_values(kind="stable")}
     * with missing values last: range-partitions on the first column (divisions computed now),
     * then sorts each partition. The result's concatenation is the sorted frame.
     *
     * @param by the sort columns, most significant first
     * @return the sorted frame (ascending)
     */
    public DataFrame sortValues(String... by) {
        boolean[] asc = new boolean[by.length];
        java.util.Arrays.fill(asc, true);
        return sortValues(List.of(by), asc);
    }

    /**
     * @param by the sort columns, most significant first
     * @param ascending the direction of each
     * @return the sorted frame; see {@link #sortValues(String...)}
     */
    public DataFrame sortValues(List<String> by, boolean[] ascending) {
        return new DataFrame(SetIndex.sortValues(parts, by, ascending));
    }

    /**
     * Changes the number of partitions without a shuffle: fewer by concatenating neighbours
     * (divisions kept), more by splitting partitions (at interpolated divisions when they are
     * known and numeric, timestamps or dates, keeping them known; otherwise by rows, divisions
     * unknown).
     *
     * @param npartitions the number of partitions wanted
     * @return the repartitioned frame (splitting at interpolated divisions may give fewer)
     */
    public DataFrame repartition(int npartitions) {
        return new DataFrame(Repartition.toCount(parts, npartitions));
    }

    /**
     * Moves rows between neighbouring partitions so that the frame has the given divisions.
     *
     * @param divisions the new divisions (non-decreasing, of the index's type)
     * @return the repartitioned frame
     * @throws IllegalArgumentException when this frame's divisions are unknown
     */
    public DataFrame repartition(List<Comparable<?>> divisions) {
        return new DataFrame(Repartition.toDivisions(parts, divisions));
    }

    /**
     * @param window the window: {@code Window.ofRows(n)} or {@code Window.ofTime(duration)}
     * @return the rolling windows, to aggregate
     */
    public LazyRolling rolling(Window window) {
        return new LazyRolling(this, window);
    }

    /**
     * Unpivots wide to long per partition, like pandas' {@code melt(ignore_index=True)}; see
     * {@link Melt#melt}.
     *
     * @param idVars columns kept as they are
     * @param valueVars columns melted into rows
     * @param varName the name of the column naming the melted column
     * @param valueName the name of the value column
     * @return the long frame (no index, divisions unknown)
     */
    public DataFrame melt(List<String> idVars, List<String> valueVars, String varName, String valueName) {
        return LazyMelt.melt(this, idVars, valueVars, varName, valueName);
    }

    /** @return {@link #melt(List, List, String, String)} with pandas' names {@code variable} and {@code value} */
    public DataFrame melt(List<String> idVars, List<String> valueVars) {
        return melt(idVars, valueVars, Melt.VAR_NAME, Melt.VALUE_NAME);
    }

    // ---------------------------------------------------------------- the collection contract

    @Override
    public DataFrame rebuild(Map<Key, Object> results) {
        return new DataFrame(parts.rebuild(results));
    }

    /**
     * The structure, like Dask's repr: one row per division (blank when unknown) under {@code
     * npartitions=N}, each column's type, and the name and task count of the graph.
     */
    @Override
    public String toString() {
        return parts.structure("DataFrame Structure:");
    }
}
