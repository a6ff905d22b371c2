package io.jdask.dataframe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reshaping frames between long and wide layouts, and masking square frames to a triangle: the
 * local steps of the correlation pipeline ({@code pivot} a {@code (date, stock, close)} table to
 * dates x stocks; mask the correlation matrix to its upper triangle; {@code stack} it to
 * {@code (stock1, stock2, correlation)}). Each works on one partition; the triangle masks also
 * take the row offset of a row-slice of a square frame, so they apply partition by partition.
 */
public final class Reshape {
    private Reshape() {}

    /**
     * Long to wide, like pandas' {@code df.pivot(index=index, columns=columns, values=values)}: one
     * row per distinct value of {@code index} (sorted; it becomes the frame's index), one column per
     * label of {@code columns}, holding the {@code values} of the row with that index and label;
     * missing cells are NaN for float values and missing (validity) for the others.
     *
     * @param columnOrder the output columns in order, or null for the distinct labels sorted by value.
     *     A given order may name labels that do not occur here (their columns are all missing), so
     *     that every partition of a table gets the same columns.
     * @return the wide frame
     * @throws IllegalArgumentException for a duplicate (index, label) pair (naming both and the two
     *     rows), a missing index or label value, or a label not in {@code columnOrder}
     */
    public static Frame pivot(Frame longFrame, String index, String columns, String values, List<String> columnOrder) {
        Column idx = longFrame.column(index);
        Column lab = longFrame.column(columns);
        Column val = longFrame.column(values);
        int rows = longFrame.numRows();
        long[] idxKeys = SortKeys.of(idx, "pivot: index column '" + index + "'");
        long[] labKeys = SortKeys.of(lab, "pivot: columns column '" + columns + "'");
        long[] uniqueIdx = SortKeys.sortedUnique(idxKeys);
        long[] uniqueLab = SortKeys.sortedUnique(labKeys);
        int[] idxOf = new int[rows];
        int[] idxRep = new int[uniqueIdx.length];
        int[] labRep = new int[uniqueLab.length];
        int[] labOf = new int[rows];
        for (int r = rows - 1; r >= 0; r--) {
            idxOf[r] = Arrays.binarySearch(uniqueIdx, idxKeys[r]);
            idxRep[idxOf[r]] = r;
            labOf[r] = Arrays.binarySearch(uniqueLab, labKeys[r]);
            labRep[labOf[r]] = r;
        }
        List<String> order;
        int[] outOf = new int[uniqueLab.length];
        if (columnOrder == null) {
            String[] names = new String[uniqueLab.length];
            for (int k = 0; k < names.length; k++) {
                names[k] = label(lab, labRep[k]);
                outOf[k] = k;
            }
            order = List.of(names);
        } else {
            order = List.copyOf(columnOrder);
            Map<String, Integer> position = new HashMap<>();
            for (int j = 0; j < order.size(); j++) {
                if (position.put(order.get(j), j) != null) {
                    throw new IllegalArgumentException("pivot: column '" + order.get(j) + "' is listed twice in the column order");
                }
            }
            for (int k = 0; k < uniqueLab.length; k++) {
                String name = label(lab, labRep[k]);
                Integer j = position.get(name);
                if (j == null) {
                    throw new IllegalArgumentException("pivot: '" + columns + "' value '" + name + "' (row " + labRep[k]
                            + ") is not one of the given output columns");
                }
                outOf[k] = j;
            }
        }
        int height = uniqueIdx.length;
        int[] cell = new int[Math.multiplyExact(height, order.size())];
        Arrays.fill(cell, -1);
        for (int r = 0; r < rows; r++) {
            int slot = outOf[labOf[r]] * height + idxOf[r];
            if (cell[slot] >= 0) {
                throw new IllegalArgumentException("pivot: duplicate entry for index " + idx.get(r) + " and column '"
                        + label(lab, r) + "' (rows " + cell[slot] + " and " + r + ")");
            }
            cell[slot] = r;
        }
        Frame.Builder b = Frame.builder().sortedIndex(index, idx.take(idxRep));
        for (int j = 0; j < order.size(); j++) {
            b.column(order.get(j), Columns.gather(val, cell, j * height, height));
        }
        return b.build();
    }

    /** {@link #pivot(Frame, String, String, String, List)} with the columns sorted by label value. */
    public static Frame pivot(Frame longFrame, String index, String columns, String values) {
        return pivot(longFrame, index, columns, values, null);
    }

    private static String label(Column c, int row) {
        return c.dtype().isDictionary() ? c.getString(row) : String.valueOf(c.get(row));
    }

    /**
     * Wide to long, like pandas' {@code df.stack()} followed by {@code reset_index()}: one row per
     * present cell, row by row and, within a row, in column order; missing cells (NaN) are skipped.
     *
     * @param rowName the name of the column of row labels: the frame's index (its type kept), or
     *     row positions (i64) when it has none
     * @param colName the name of the string column of column names
     * @param valueName the name of the value column: the columns' common type when they share a
     *     float type, else f64 (every column must be numeric or bool)
     * @return a frame of three columns and no index
     */
    public static Frame stack(Frame wide, String rowName, String colName, String valueName) {
        int rows = wide.numRows();
        int width = wide.numColumns();
        DType common = commonFloat(wide, "stack");
        Column[] cols = new Column[width];
        int kept = 0;
        for (int j = 0; j < width; j++) {
            cols[j] = wide.column(j);
            kept += rows - cols[j].nullCount();
        }
        int[] rowOf = new int[kept];
        int[] colOf = new int[kept];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                if (!cols[j].isNull(i)) {
                    rowOf[k] = i;
                    colOf[k++] = j;
                }
            }
        }
        Object values = switch (common) {
            case F32 -> {
                float[] v = new float[kept];
                for (int t = 0; t < kept; t++) {
                    v[t] = ((float[]) cols[colOf[t]].data())[rowOf[t]];
                }
                yield v;
            }
            case F16 -> {
                short[] v = new short[kept];
                for (int t = 0; t < kept; t++) {
                    v[t] = ((short[]) cols[colOf[t]].data())[rowOf[t]];
                }
                yield v;
            }
            default -> {
                double[] v = new double[kept];
                for (int t = 0; t < kept; t++) {
                    v[t] = cols[colOf[t]].getDouble(rowOf[t]);
                }
                yield v;
            }
        };
        Column rowLabels;
        if (wide.hasIndex()) {
            rowLabels = wide.index().take(rowOf);
        } else {
            long[] pos = new long[kept];
            for (int t = 0; t < kept; t++) {
                pos[t] = rowOf[t];
            }
            rowLabels = new Column(DType.I64, kept, pos, null, null);
        }
        Column colLabels = new Column(DType.STRING, kept, colOf, null, wide.columnNames().toArray(String[]::new));
        return Frame.builder()
                .column(rowName, rowLabels)
                .column(colName, colLabels)
                .column(valueName, new Column(common, kept, values, null, null))
                .build();
    }

    /** F64 unless every column has one float type; every column must be numeric or bool. */
    private static DType commonFloat(Frame f, String op) {
        DType common = null;
        boolean mixed = false;
        for (int j = 0; j < f.numColumns(); j++) {
            DType t = f.column(j).dtype();
            if (!t.isNumeric() && t != DType.BOOL) {
                throw new IllegalArgumentException(op + ": column '" + f.columnNames().get(j) + "' is " + t.label()
                        + "; only numeric and bool columns can be " + (op.equals("stack") ? "stacked" : "masked"));
            }
            mixed |= common != null && common != t;
            common = t;
        }
        return common != null && !mixed && common.isFloating() ? common : DType.F64;
    }

    /**
     * Keeps the cells above the diagonal (and the diagonal when asked) and sets the rest to NaN,
     * like pandas' {@code df.where(np.triu(np.ones(df.shape), k=0 or 1).astype(bool))}.
     *
     * @param square a frame with as many rows as columns; float columns keep their type, other
     *     numeric and bool columns become f64 (as pandas' {@code where} does)
     */
    public static Frame upperTriangle(Frame square, boolean includeDiagonal) {
        requireSquare(square);
        return triangle(square, 0, includeDiagonal, true);
    }

    /**
     * {@link #upperTriangle(Frame, boolean)} of the rows {@code [rowOffset, rowOffset + rows)} of a
     * square frame, given as {@code rows}: row {@code i} of it is row {@code rowOffset + i} of the
     * square.
     */
    public static Frame upperTriangle(Frame rows, int rowOffset, boolean includeDiagonal) {
        requireSlice(rows, rowOffset);
        return triangle(rows, rowOffset, includeDiagonal, true);
    }

    /** The cells below the diagonal (and on it when asked); the rest NaN. See {@link #upperTriangle(Frame, boolean)}. */
    public static Frame lowerTriangle(Frame square, boolean includeDiagonal) {
        requireSquare(square);
        return triangle(square, 0, includeDiagonal, false);
    }

    /** {@link #lowerTriangle(Frame, boolean)} of a row-slice starting at row {@code rowOffset} of a square frame. */
    public static Frame lowerTriangle(Frame rows, int rowOffset, boolean includeDiagonal) {
        requireSlice(rows, rowOffset);
        return triangle(rows, rowOffset, includeDiagonal, false);
    }

    private static void requireSquare(Frame f) {
        if (f.numRows() != f.numColumns()) {
            throw new IllegalArgumentException("a triangle needs a square frame; this one has " + f.numRows()
                    + " rows and " + f.numColumns() + " columns");
        }
    }

    private static void requireSlice(Frame f, int rowOffset) {
        if (rowOffset < 0 || (long) rowOffset + f.numRows() > f.numColumns()) {
            throw new IllegalArgumentException("rows " + rowOffset + ".." + ((long) rowOffset + f.numRows())
                    + " are not rows of a square frame of " + f.numColumns() + " columns");
        }
    }

    private static Frame triangle(Frame f, int offset, boolean diagonal, boolean upper) {
        commonFloat(f, "triangle");
        int rows = f.numRows();
        Frame.Builder b = Frame.builder();
        if (f.hasIndex()) {
            b.index(f.indexName(), f.index());
        }
        for (int j = 0; j < f.numColumns(); j++) {
            Column c = f.column(j);
            // local rows kept in column j: upper keeps global rows i < j (i <= j with the diagonal)
            int edge = j + (diagonal == upper ? 1 : 0) - offset;
            int from = upper ? 0 : Math.max(0, Math.min(rows, edge));
            int to = upper ? Math.max(0, Math.min(rows, edge)) : rows;
            b.column(f.columnNames().get(j), keepRows(c, from, to));
        }
        return b.build();
    }

    /** The column with every row outside {@code [from, to)} set to NaN (non-float columns become f64). */
    private static Column keepRows(Column c, int from, int to) {
        int n = c.length();
        Objects.checkFromToIndex(from, to, n);
        switch (c.dtype()) {
            case F32 -> {
                float[] v = new float[n];
                Arrays.fill(v, Float.NaN);
                System.arraycopy(c.data(), from, v, from, to - from);
                return new Column(DType.F32, n, v, null, null);
            }
            case F16 -> {
                short[] v = new short[n];
                Arrays.fill(v, Float.floatToFloat16(Float.NaN));
                System.arraycopy(c.data(), from, v, from, to - from);
                return new Column(DType.F16, n, v, null, null);
            }
            default -> {
                double[] v = new double[n];
                Arrays.fill(v, Double.NaN);
                if (c.dtype() == DType.F64) {
                    System.arraycopy(c.data(), from, v, from, to - from);
                } else {
                    for (int i = from; i < to; i++) {
                        v[i] = c.getDouble(i);
                    }
                }
                return new Column(DType.F64, n, v, null, null);
            }
        }
    }
}
