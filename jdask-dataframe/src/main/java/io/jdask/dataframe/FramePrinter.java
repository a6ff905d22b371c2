package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders a {@link Frame} the way pandas prints a DataFrame: the index left-aligned, columns
 * right-aligned and separated by one space, cells formatted by {@link ValueFormat#cells}, the
 * names of numeric columns preceded by a space, and for long frames the first and last
 * {@link Frame#PRINT_EDGE} rows around a row of dots.
 */
final class FramePrinter {
    private FramePrinter() {}

    static String print(Frame f) {
        int n = f.numRows();
        if (n == 0) {
            return "Empty DataFrame\nColumns: " + f.columnNames() + "\nIndex: []";
        }
        boolean truncated = n > Frame.PRINT_MAX_ROWS;
        int[] rows;
        if (truncated) {
            rows = new int[2 * Frame.PRINT_EDGE];
            for (int k = 0; k < Frame.PRINT_EDGE; k++) {
                rows[k] = k;
                rows[Frame.PRINT_EDGE + k] = n - Frame.PRINT_EDGE + k;
            }
        } else {
            rows = new int[n];
            for (int k = 0; k < n; k++) {
                rows[k] = k;
            }
        }
        String[] index;
        if (f.hasIndex()) {
            index = ValueFormat.cells(f.index(), rows, true);
        } else {
            index = new String[rows.length];
            for (int k = 0; k < rows.length; k++) {
                index[k] = Integer.toString(rows[k]);
            }
        }
        List<String[]> cells = new ArrayList<>();
        for (int c = 0; c < f.numColumns(); c++) {
            cells.add(ValueFormat.cells(f.column(c), rows, false));
        }
        String indexName = f.indexName();
        int iw = indexName == null ? 0 : indexName.length();
        for (String s : index) {
            iw = Math.max(iw, s.length());
        }
        int[] widths = new int[f.numColumns()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = header(f, c).length();
            for (String s : cells.get(c)) {
                widths[c] = Math.max(widths[c], s.length());
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(" ".repeat(iw));
        for (int c = 0; c < widths.length; c++) {
            b.append(' ').append(right(header(f, c), widths[c]));
        }
        if (indexName != null) {
            b.append('\n').append(left(indexName, iw));
            for (int w : widths) {
                b.append(' ').append(" ".repeat(w));
            }
        }
        for (int k = 0; k < rows.length; k++) {
            if (truncated && k == Frame.PRINT_EDGE) {
                b.append('\n').append(left(dots(iw), iw));
                for (int w : widths) {
                    b.append(' ').append(right(dots(w), w));
                }
            }
            b.append('\n').append(left(index[k], iw));
            for (int c = 0; c < widths.length; c++) {
                b.append(' ').append(right(cells.get(c)[k], widths[c]));
            }
        }
        if (truncated) {
            b.append("\n\n[").append(n).append(" rows x ").append(f.numColumns()).append(" columns]");
        }
        return b.toString();
    }

    private static String header(Frame f, int c) {
        DType t = f.column(c).dtype();
        String name = f.columnNames().get(c);
        return t.isNumeric() || t == DType.BOOL ? " " + name : name;
    }

    private static String dots(int width) {
        return width > 3 ? "..." : "..";
    }

    private static String right(String s, int w) {
        return " ".repeat(w - s.length()) + s;
    }

    private static String left(String s, int w) {
        return s + " ".repeat(w - s.length());
    }
}
