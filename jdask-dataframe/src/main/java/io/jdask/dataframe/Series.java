package io.jdask.dataframe;

import io.jdask.Jdask;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One lazy, partitioned column with the index, like Dask's {@code Series}. Each partition is a
 * {@link Frame} with one column (named {@link #name()}) and the DataFrame's index, and {@link
 * #compute()} returns that one-column frame, partitions concatenated.
 *
 * <pre>{@code
 * Series x = df.col("x");
 * Series big = x.mul(2).add(df.col("y")).gt(1.5);
 * double mean = df.filter(big).col("x").mean().compute();
 * }</pre>
 *
 * <p>Arithmetic propagates missing values; integer columns stay integers (I64) except under
 * division; F32/F16 stay F32 with scalars or other F32/F16 columns, else F64. Comparisons give
 * bool columns, false where a side is missing (true for {@code ne}). Operations on two Series
 * pair partitions one to one, so both must derive from the same DataFrame. Reductions return a
 * {@link Scalar} (lazy) combined as a tree. Immutable and thread-safe.
 */
public final class Series extends Partitioned {
    private final Push push;

    /**
     * What a source-backed Series can push into its source: a plain column ({@code column} set), or a
     * mask that is a conjunction of {@code column op constant} ({@code filters} set).
     */
    record Push(SourcePlan plan, String column, List<ColumnFilter> filters) {}

    Series(Parts parts, Push push) {
        super(oneColumn(parts));
        this.push = push;
    }

    private static Parts oneColumn(Parts parts) {
        if (parts.meta().numColumns() != 1) {
            throw new IllegalStateException("a series has one column, not " + parts.meta().columnNames());
        }
        return parts;
    }

    Push push() {
        return push;
    }

    // ---------------------------------------------------------------- structure

    /** @return the column's name */
    public String name() {
        return parts.meta().columnNames().get(0);
    }

    /** @return the column's type */
    public DType dtype() {
        return parts.meta().column(0).dtype();
    }

    /** @return this Series as a one-column DataFrame */
    public DataFrame toFrame() {
        return new DataFrame(parts);
    }

    /**
     * @param newName the new name
     * @return the same values under another name
     */
    public Series rename(String newName) {
        return new Series(parts.map("rename", new PartitionOps.Rename(Map.of(name(), newName)), true), null);
    }

    /** @return the Series computed and backed by its partitions */
    public Series persist() {
        return Jdask.persist(this).get(this);
    }

    // ---------------------------------------------------------------- element-wise

    private Series map(String op, Parts.FrameOp fn) {
        return new Series(parts.map(op, fn, true), null);
    }

    private Series zip(Series other, String op, Parts.FrameBinOp fn) {
        return new Series(parts.zip(other.parts, op, fn), null);
    }

    /** @return this + other, row by row */
    public Series add(Series other) {
        return zip(other, "add", new SeriesOps.ArithSeries(Kernels.Arith.ADD));
    }

    /** @return this + value */
    public Series add(Number value) {
        return map("add", new SeriesOps.ArithScalar(Kernels.Arith.ADD, value, false));
    }

    /** @return this - other, row by row */
    public Series sub(Series other) {
        return zip(other, "sub", new SeriesOps.ArithSeries(Kernels.Arith.SUB));
    }

    /** @return this - value */
    public Series sub(Number value) {
        return map("sub", new SeriesOps.ArithScalar(Kernels.Arith.SUB, value, false));
    }

    /** @return value - this */
    public Series rsub(Number value) {
        return map("rsub", new SeriesOps.ArithScalar(Kernels.Arith.SUB, value, true));
    }

    /** @return this * other, row by row */
    public Series mul(Series other) {
        return zip(other, "mul", new SeriesOps.ArithSeries(Kernels.Arith.MUL));
    }

    /** @return this * value */
    public Series mul(Number value) {
        return map("mul", new SeriesOps.ArithScalar(Kernels.Arith.MUL, value, false));
    }

    /** @return this / other, row by row, as floats (x/0 is ±inf or NaN) */
    public Series div(Series other) {
        return zip(other, "div", new SeriesOps.ArithSeries(Kernels.Arith.DIV));
    }

    /** @return this / value, as floats */
    public Series div(Number value) {
        return map("div", new SeriesOps.ArithScalar(Kernels.Arith.DIV, value, false));
    }

    /** @return value / this, as floats */
    public Series rdiv(Number value) {
        return map("rdiv", new SeriesOps.ArithScalar(Kernels.Arith.DIV, value, true));
    }

    private Series compare(ColumnFilter.Op op, Object value) {
        if (value instanceof Series s) {
            return zip(s, op.name().toLowerCase(java.util.Locale.ROOT), new SeriesOps.CompareSeries(op));
        }
        if (value == null) {
            throw new IllegalArgumentException("cannot compare with null; use isna()");
        }
        Parts p = parts.map(op.name().toLowerCase(java.util.Locale.ROOT), new SeriesOps.CompareScalar(op, value), true);
        Object constant = op == ColumnFilter.Op.NE ? null : filterConstant(dtype(), value);
        Push pushed = push != null && push.column() != null && constant != null
                ? new Push(push.plan(), null, List.of(new ColumnFilter(push.column(), op, constant)))
                : null;
        return new Series(p, pushed);
    }

    /**
     * The constant as the boxed type of the column that {@link ColumnFilter} promises readers, or
     * null when it has no exact equivalent (then the filter is not pushed down). NE is never pushed:
     * a reader's {@code <>} drops missing values, which pandas' {@code !=} keeps.
     */
    static Object filterConstant(DType t, Object v) {
        return switch (t) {
            case F64 -> v instanceof Number n ? (Object) n.doubleValue() : null;
            case F32, F16 -> v instanceof Number n && (double) n.floatValue() == n.doubleValue() ? (Object) n.floatValue() : null;
            case I64 -> v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).longValue() : null;
            case I32 -> (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte)
                    && ((Number) v).longValue() == ((Number) v).intValue() ? (Object) ((Number) v).intValue() : null;
            case BOOL -> v instanceof Boolean ? v : null;
            case STRING -> v instanceof String ? v : null;
            case TIMESTAMP -> v instanceof java.time.Instant ? v : null;
            case DATE -> v instanceof java.time.LocalDate ? v : null;
            case CATEGORY -> null;
        };
    }

    /**
     * @param value a constant of the column's kind (Number, String, Boolean, Instant, LocalDate) or a Series
     * @return this == value
     */
    public Series eq(Object value) {
        return compare(ColumnFilter.Op.EQ, value);
    }

    /** @return this != value (true where this is missing) */
    public Series ne(Object value) {
        return compare(ColumnFilter.Op.NE, value);
    }

    /** @return this &lt; value */
    public Series lt(Object value) {
        return compare(ColumnFilter.Op.LT, value);
    }

    /** @return this &lt;= value */
    public Series le(Object value) {
        return compare(ColumnFilter.Op.LE, value);
    }

    /** @return this &gt; value */
    public Series gt(Object value) {
        return compare(ColumnFilter.Op.GT, value);
    }

    /** @return this &gt;= value */
    public Series ge(Object value) {
        return compare(ColumnFilter.Op.GE, value);
    }

    /** @return this and other, for bool Series (missing counts as false) */
    public Series and(Series other) {
        Series r = zip(other, "and", new SeriesOps.Logic(true));
        if (push != null && other.push != null && push.column() == null && other.push.column() == null
                && push.plan().sameRows(other.push.plan())) {
            List<ColumnFilter> all = new ArrayList<>(push.filters());
            all.addAll(other.push.filters());
            return new Series(r.parts, new Push(push.plan(), null, List.copyOf(all)));
        }
        return r;
    }

    /** @return this or other, for bool Series (missing counts as false) */
    public Series or(Series other) {
        return zip(other, "or", new SeriesOps.Logic(false));
    }

    /** @return not this, for a bool Series (missing becomes true) */
    public Series not() {
        return map("not", new SeriesOps.Not());
    }

    /**
     * Keeps the rows where a bool Series (derived from the same frame) is true; missing counts as
     * false. A constant-comparison mask on a source-backed Series is pushed into the source, as
     * {@link DataFrame#filter} does.
     *
     * @param mask the bool Series
     * @return the filtered Series
     */
    public Series filter(Series mask) {
        if (mask.dtype() != DType.BOOL) {
            throw new IllegalArgumentException("a filter mask must be bool, got " + mask.dtype().label());
        }
        Push m = mask.push;
        if (push != null && push.column() != null && m != null && m.column() == null && m.plan().sameRows(push.plan())) {
            SourcePlan p = push.plan().select(List.of(push.column())).filter(m.filters());
            return new Series(p.parts(), new Push(p, push.column(), List.of()));
        }
        return new Series(parts.zip(mask.parts, "filter", new PartitionOps.FilterRows()), null);
    }

    /** @return true where the value is missing */
    public Series isna() {
        return map("isna", new PartitionOps.IsNa());
    }

    /** @return true where the value is present */
    public Series notna() {
        return isna().not();
    }

    /**
     * @param value replaces missing values (converted to the column's type)
     * @return the filled Series
     */
    public Series fillna(Object value) {
        return map("fillna", new PartitionOps.FillNa(Map.of(), value));
    }

    /** @return the Series without its missing values */
    public Series dropna() {
        return map("dropna", new PartitionOps.DropNa(List.of()));
    }

    /**
     * @param dtype the new type (F16 and F32 included)
     * @return the cast Series
     */
    public Series astype(DType dtype) {
        return map("astype", new PartitionOps.AsType(Map.of(), dtype));
    }

    /** @return string methods, for STRING and CATEGORY Series */
    public StringMethods str() {
        return new StringMethods(this);
    }

    /** @return date-time fields, for TIMESTAMP and DATE Series */
    public DateTimeMethods dt() {
        return new DateTimeMethods(this);
    }

    Series apply(String op, Parts.FrameOp fn) {
        return map(op, fn);
    }

    // ---------------------------------------------------------------- reductions

    private <T> Scalar<T> reduce(String op, Reduction<?> r) {
        String token = Tokens.token(parts.name(), r);
        Key k = Key.of(op + "-" + token);
        return new Scalar<>(k, Reduction.tree(parts, op + "-" + token, r, k));
    }

    private Series reduceToSeries(String op, Reduction<?> r, Frame meta) {
        String n = op + "-" + Tokens.token(parts.name(), r);
        Key k = Key.of(n, 0);
        return new Series(new Parts(n, meta, 1, Optional.empty(), Reduction.tree(parts, n, r, k)), null);
    }

    /** @return {@link #corr(Series, CorrMethod, int)}: Pearson, {@code minPeriods} 1 */
    public Scalar<Double> corr(Series other) {
        return corr(other, CorrMethod.PEARSON, 1);
    }

    /**
     * The correlation with another Series derived from the same frame (partitions paired one to
     * one, not aligned by index), like pandas' {@code s.corr(other, method=..., min_periods=...)}:
     * over the rows where both are present; NaN below {@code minPeriods} such rows or when either
     * is constant on them. Computed as the two-column {@link DataFrame#corr(CorrMethod, int)}, so
     * infinities count as missing (pandas' {@code Series.corr} keeps them, which makes its result
     * NaN for Pearson).
     *
     * @param other a numeric Series with the same partitions
     * @param method the coefficient
     * @param minPeriods the least number of common rows for a value
     * @return the coefficient (NaN when undefined)
     */
    public Scalar<Double> corr(Series other, CorrMethod method, int minPeriods) {
        requireNumeric("corr");
        other.requireNumeric("corr");
        DataFrame pair = new DataFrame(parts.zip(other.parts, "corr-pair", new PairUp()));
        Parts square = pair.corr(method, minPeriods).parts();
        Key k = Key.of("series-corr-" + Tokens.token(square.name()));
        return new Scalar<>(k, io.jdask.graph.Graph.of(new io.jdask.graph.Task(k, new OffDiagonal(), io.jdask.graph.Arg.ref(square.key(0))),
                List.of(square.graph())));
    }

    /** Two one-column partitions side by side, as columns {@code a} and {@code b}. */
    private record PairUp() implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame a, Frame b) {
            if (a.numRows() != b.numRows()) {
                throw new IllegalArgumentException("corr pairs partitions one to one, but they have " + a.numRows() + " and " + b.numRows() + " rows");
            }
            return Frame.builder().column("a", a.column(0)).column("b", b.column(0)).build();
        }
    }

    /** The coefficient of a 2 x 2 correlation matrix. */
    private record OffDiagonal() implements io.jdask.graph.TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return ((Frame) args[0]).column(1).getDouble(0);
        }
    }

    private void requireNumeric(String op) {
        Moments.checkNumeric(parts.meta().column(0), op);
    }

    /** @return the sum of the present values: a Long for integer and bool columns, else a Double (0 when empty) */
    public Scalar<Number> sum() {
        requireNumeric("sum");
        return reduce("sum", new Reductions.SeriesStat(Moments.Stat.SUM, 0));
    }

    /** @return the mean of the present values (NaN when none) */
    public Scalar<Double> mean() {
        requireNumeric("mean");
        return reduce("mean", new Reductions.SeriesStat(Moments.Stat.MEAN, 0));
    }

    /** @return the sample variance, ddof 1 like pandas (NaN for fewer than 2 values) */
    public Scalar<Double> var() {
        return var(1);
    }

    /**
     * @param ddof delta degrees of freedom: the divisor is {@code n - ddof}
     * @return the variance
     */
    public Scalar<Double> var(int ddof) {
        requireNumeric("var");
        return reduce("var", new Reductions.SeriesStat(Moments.Stat.VAR, ddof));
    }

    /** @return the sample standard deviation, ddof 1 like pandas */
    public Scalar<Double> std() {
        return std(1);
    }

    /**
     * @param ddof delta degrees of freedom
     * @return the standard deviation
     */
    public Scalar<Double> std(int ddof) {
        requireNumeric("std");
        return reduce("std", new Reductions.SeriesStat(Moments.Stat.STD, ddof));
    }

    /** @return the number of present values */
    public Scalar<Long> count() {
        return reduce("count", new Reductions.SeriesCount());
    }

    /** @return the smallest present value, boxed like {@link Column#get} (null when none) */
    public Scalar<Object> min() {
        return reduce("min", new Reductions.Extreme(false));
    }

    /** @return the largest present value, boxed like {@link Column#get} (null when none) */
    public Scalar<Object> max() {
        return reduce("max", new Reductions.Extreme(true));
    }

    private List<String> categories() {
        return dtype() == DType.CATEGORY ? meta().column(0).dictionary() : List.of();
    }

    /**
     * @return how often each present value occurs, most frequent first (ties in order of first
     *     appearance): one partition, indexed by the values, column {@code count}
     */
    public Series valueCounts() {
        Frame meta = Frame.builder().index(null, Reductions.like(dtype(), categories())).column("count", Column.ofLongs()).build();
        return reduceToSeries("value-counts", new Reductions.ValueCounts(dtype(), categories()), meta);
    }

    /** @return the distinct present values in order of first appearance, one partition, no index */
    public Series unique() {
        Frame meta = Frame.builder().column(name(), Reductions.like(dtype(), categories())).build();
        return reduceToSeries("unique", new Reductions.Unique(false, name(), dtype(), categories()), meta);
    }

    /** @return the number of distinct present values */
    public Scalar<Long> nunique() {
        return reduce("nunique", new Reductions.Unique(true, name(), dtype(), categories()));
    }

    /**
     * @param n how many
     * @return the n largest present values with their index, largest first, one partition
     */
    public Series nlargest(int n) {
        return reduceToSeries("nlargest", new Reductions.Extremes(n, true), meta());
    }

    /**
     * @param n how many
     * @return the n smallest present values with their index, smallest first, one partition
     */
    public Series nsmallest(int n) {
        return reduceToSeries("nsmallest", new Reductions.Extremes(n, false), meta());
    }

    /**
     * Summary statistics of a numeric Series, like pandas' {@code describe}: count, mean, std,
     * min, 25%, 50%, 75%, max (exact percentiles with linear interpolation, so the reduction
     * holds the present values of the column in memory).
     *
     * @return a one-partition Series indexed by statistic name
     */
    public Series describe() {
        requireNumeric("describe");
        Frame meta = Frame.builder().index(null, Column.ofStrings()).column(name(), Column.ofDoubles()).build();
        return reduceToSeries("describe", new Describe(name()), meta);
    }

    // ---------------------------------------------------------------- the collection contract

    @Override
    public Series rebuild(Map<Key, Object> results) {
        return new Series(parts.rebuild(results), null);
    }

    /** The structure, like Dask's repr of a Series. */
    @Override
    public String toString() {
        return parts.structure("Series Structure:");
    }
}
