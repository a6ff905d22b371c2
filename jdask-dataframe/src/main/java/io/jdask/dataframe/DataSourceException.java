package io.jdask.dataframe;

/**
 * Reading or writing data failed. The message names the place at fault: file, line and column for
 * text formats, the table, partition and rows for SQL.
 */
public class DataSourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataSourceException(String message) {
        super(message);
    }

    public DataSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
