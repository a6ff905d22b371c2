package io.jdask.dataframe;

/** Which rows a join keeps; see {@link Joins#merge}. */
public enum JoinType {
    /** Rows whose key is on both sides. */
    INNER,
    /** Every left row; right values missing where the key is not on the right. */
    LEFT,
    /** Every right row; left values missing where the key is not on the left. */
    RIGHT,
    /** Every row of both sides. */
    OUTER
}
