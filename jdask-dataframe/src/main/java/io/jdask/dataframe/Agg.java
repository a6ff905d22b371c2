package io.jdask.dataframe;

import java.io.Serializable;
import java.util.Objects;

/**
 * One aggregation of a {@link GroupBy}: what to compute, of which column, and the name of the
 * result column ({@code null}: the column's name, or {@code column_kind} when several aggregations
 * of one column would clash; {@code size} for {@link #size()}).
 *
 * <pre>{@code
 * df.groupBy("name").agg(Agg.mean("x"), Agg.max("x").as("x_max"), Agg.size())
 * }</pre>
 *
 * @param kind the aggregation
 * @param column the aggregated column (null for SIZE)
 * @param alias the result column's name, or null for the default
 */
public record Agg(Kind kind, String column, String alias) implements Serializable {

    /** The aggregations a group-by can compute, each combined as a tree. */
    public enum Kind {
        /** Sum of present values (0 for none); I64 for integer and bool columns, else F64. */
        SUM,
        /** Mean of present values (NaN for none). */
        MEAN,
        /** Number of present values. */
        COUNT,
        /** Number of rows, missing values included. */
        SIZE,
        /** Smallest present value (missing for none). */
        MIN,
        /** Largest present value (missing for none). */
        MAX,
        /** Sample standard deviation, ddof 1 (NaN for fewer than 2 values). */
        STD,
        /** Sample variance, ddof 1. */
        VAR,
        /** First present value in row order. */
        FIRST,
        /** Last present value in row order. */
        LAST,
        /** Number of distinct present values. */
        NUNIQUE
    }

    public Agg {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.SIZE) {
            Objects.requireNonNull(column, "column");
        }
    }

    /** @return the sum of a column per group */
    public static Agg sum(String column) {
        return new Agg(Kind.SUM, column, null);
    }

    /** @return the mean of a column per group */
    public static Agg mean(String column) {
        return new Agg(Kind.MEAN, column, null);
    }

    /** @return the number of present values of a column per group */
    public static Agg count(String column) {
        return new Agg(Kind.COUNT, column, null);
    }

    /** @return the number of rows per group */
    public static Agg size() {
        return new Agg(Kind.SIZE, null, null);
    }

    /** @return the minimum of a column per group */
    public static Agg min(String column) {
        return new Agg(Kind.MIN, column, null);
    }

    /** @return the maximum of a column per group */
    public static Agg max(String column) {
        return new Agg(Kind.MAX, column, null);
    }

    /** @return the sample standard deviation (ddof 1) of a column per group */
    public static Agg std(String column) {
        return new Agg(Kind.STD, column, null);
    }

    /** @return the sample variance (ddof 1) of a column per group */
    public static Agg var(String column) {
        return new Agg(Kind.VAR, column, null);
    }

    /** @return the first present value of a column per group */
    public static Agg first(String column) {
        return new Agg(Kind.FIRST, column, null);
    }

    /** @return the last present value of a column per group */
    public static Agg last(String column) {
        return new Agg(Kind.LAST, column, null);
    }

    /** @return the number of distinct present values of a column per group */
    public static Agg nunique(String column) {
        return new Agg(Kind.NUNIQUE, column, null);
    }

    /**
     * @param name the result column's name
     * @return this aggregation under that name
     */
    public Agg as(String name) {
        return new Agg(kind, column, Objects.requireNonNull(name, "name"));
    }

    String label() {
        return kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
