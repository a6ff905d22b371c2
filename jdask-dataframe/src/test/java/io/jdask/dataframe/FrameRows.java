package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Test helpers for lazy shuffles: frames as sorted row strings (comparison up to row order) and random partitionings. */
final class FrameRows {
    private FrameRows() {}

    /** @return each row (index first) as text, {@code -0.0} as {@code 0.0}, sorted */
    static List<String> sorted(Frame f) {
        List<String> rows = inOrder(f);
        Collections.sort(rows);
        return rows;
    }

    /** @return each row (index first) as text, {@code -0.0} as {@code 0.0}, in order */
    static List<String> inOrder(Frame f) {
        List<String> rows = new ArrayList<>(f.numRows());
        for (int i = 0; i < f.numRows(); i++) {
            StringBuilder b = new StringBuilder();
            if (f.hasIndex()) {
                b.append(cell(f.index(), i)).append(" | ");
            }
            for (int c = 0; c < f.numColumns(); c++) {
                b.append(cell(f.column(c), i)).append(", ");
            }
            rows.add(b.toString());
        }
        return rows;
    }

    private static String cell(Column c, int i) {
        Object v = c.get(i);
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "NaN" : String.valueOf(d + 0.0);
        }
        if (v instanceof Float x) {
            return Float.isNaN(x) ? "NaN" : String.valueOf(x + 0.0f);
        }
        return String.valueOf(v);
    }

    /** @return the frame cut into {@code 1..maxParts} uneven partitions, some of them empty */
    static DataFrame randomParts(Frame f, Random r, int maxParts) {
        int parts = 1 + r.nextInt(maxParts);
        List<Frame> out = new ArrayList<>();
        int at = 0;
        for (int p = 0; p < parts - 1; p++) {
            int size = r.nextInt(4) == 0 ? 0 : r.nextInt(Math.max(1, 2 * f.numRows() / parts + 1));
            size = Math.min(size, f.numRows() - at);
            out.add(f.slice(at, at + size));
            at += size;
        }
        out.add(f.slice(at, f.numRows()));
        return DataFrame.fromFrames(out);
    }
}
