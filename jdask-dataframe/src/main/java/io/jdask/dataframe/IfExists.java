package io.jdask.dataframe;

/** What writing a frame to a SQL table does when the table already exists. */
public enum IfExists {
    /** Throw a {@link DataSourceException} naming the table. */
    FAIL,
    /** Drop the table and create it again from the frame's dtypes. */
    REPLACE,
    /** Insert into the existing table (created when missing). */
    APPEND
}
