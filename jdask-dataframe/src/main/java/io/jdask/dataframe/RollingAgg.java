package io.jdask.dataframe;

/** What {@link Rolling} computes over each window; missing values (NaN) are skipped. */
public enum RollingAgg {
    /** The sum of the present values. */
    SUM,
    /** The mean of the present values. */
    MEAN,
    /** The number of present values. */
    COUNT,
    /** The smallest present value. */
    MIN,
    /** The largest present value. */
    MAX
}
