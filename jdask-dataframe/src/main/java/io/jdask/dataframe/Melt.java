package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Unpivots a frame from wide to long (pandas' {@code melt}). */
public final class Melt {
    /** pandas' default name of the column that names the melted columns. */
    public static final String VAR_NAME = "variable";
    /** pandas' default name of the column of melted values. */
    public static final String VALUE_NAME = "value";

    private Melt() {}

    /**
     * Turns each value column into rows: the result has the id columns, a STRING column
     * {@code varName} holding the value column's name, and a column {@code valueName} with its
     * values. Rows come value column by value column, each in the frame's row order; the index is
     * dropped (pandas' {@code ignore_index=True}). The value column's type is the common type of
     * the value columns (see {@link Concat#union}); when they have none (numbers with strings, for
     * example) the values are converted to STRING text, where pandas would hold objects.
     *
     * @param frame the wide frame
     * @param idVars the columns kept as identifiers
     * @param valueVars the columns to melt, in order; empty for every column that is not an id
     * @param varName the name of the column of column names
     * @param valueName the name of the column of values
     * @return the long frame, {@code rows x valueVars} rows
     */
    public static Frame melt(Frame frame, List<String> idVars, List<String> valueVars, String varName, String valueName) {
        Set<String> ids = new LinkedHashSet<>(idVars);
        List<String> values = new ArrayList<>(valueVars);
        if (values.isEmpty()) {
            for (String n : frame.columnNames()) {
                if (!ids.contains(n)) {
                    values.add(n);
                }
            }
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("a column is melted twice: " + values);
        }
        if (ids.contains(varName) || ids.contains(valueName) || varName.equals(valueName)) {
            throw new IllegalArgumentException("the names '" + varName + "' and '" + valueName
                    + "' must differ from each other and from the id columns " + idVars);
        }
        int n = frame.numRows();
        int k = values.size();
        long total = (long) n * k;
        if (total > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("melting " + k + " columns of " + n + " rows gives " + total + " rows, too many for one frame");
        }
        int m = (int) total;
        int[] rows = new int[m];
        int[] codes = new int[m];
        for (int v = 0; v < k; v++) {
            for (int i = 0; i < n; i++) {
                rows[v * n + i] = i;
                codes[v * n + i] = v;
            }
        }
        Frame.Builder b = Frame.builder();
        for (String id : ids) {
            b.column(id, frame.column(id).take(rows));
        }
        b.column(varName, new Column(DType.STRING, m, codes, null, values.toArray(String[]::new)));
        List<Column> cols = new ArrayList<>();
        for (String v : values) {
            cols.add(frame.column(v));
        }
        if (cols.isEmpty()) {
            b.column(valueName, Column.ofDoubles());
        } else {
            DType t = CommonType.of(cols);
            DType target = t == null ? DType.STRING : t;
            b.column(valueName, Columns.concat(cols.stream().map(c -> c.astype(target)).toList()));
        }
        return b.build();
    }

    /** @return {@link #melt} with pandas' default names {@code variable} and {@code value} */
    public static Frame melt(Frame frame, List<String> idVars, List<String> valueVars) {
        return melt(frame, idVars, valueVars, VAR_NAME, VALUE_NAME);
    }
}
