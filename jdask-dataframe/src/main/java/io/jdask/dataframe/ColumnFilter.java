package io.jdask.dataframe;

import java.io.Serializable;
import java.util.Objects;

/**
 * One comparison of a column with a constant, the unit of filter push-down into readers
 * ({@link PartitionSource#filter}). Values are boxed Java values of the column's type: Double,
 * Float, Long, Integer, Boolean, String, java.time.Instant (timestamps) or LocalDate (dates).
 *
 * @param column the column (or index) name
 * @param op the comparison
 * @param value the constant, never null
 */
public record ColumnFilter(String column, Op op, Object value) implements Serializable {

    /** Comparisons a reader may push down. */
    public enum Op {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String sql;

        Op(String sql) {
            this.sql = sql;
        }

        /** The SQL operator. */
        public String sql() {
            return sql;
        }
    }

    public ColumnFilter {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(value, "value");
    }
}
