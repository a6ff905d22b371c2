package io.jdask.dataframe;

import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The column-wise reductions of a DataFrame ({@code sum}, {@code mean}, {@code count}, ...): one-partition Series indexed by column name. */
final class FrameStats {
    private FrameStats() {}

    static List<String> numericColumns(DataFrame df) {
        List<String> out = new ArrayList<>();
        for (String c : df.columns()) {
            DType t = df.meta().column(c).dtype();
            if (t.isNumeric() || t == DType.BOOL) {
                out.add(c);
            }
        }
        return out;
    }

    static Series reduce(DataFrame df, String op, Reduction<?> r, String valueName, DType valueType) {
        Parts parts = df.parts();
        String n = op + "-" + Tokens.token(parts.name(), r);
        Key k = Key.of(n, 0);
        Graph g = Reduction.tree(parts, op + "-" + Tokens.token(parts.name(), r, "tree"), r, k);
        Frame meta = Frame.builder().index(null, Column.ofStrings()).column(valueName, Reductions.like(valueType, List.of())).build();
        return new Series(new Parts(n, meta, 1, Optional.empty(), g), null);
    }

    /** A moment of the numeric columns, or the count of every column. */
    static Series stat(DataFrame df, Moments.Stat s, int ddof) {
        List<String> cols = s == Moments.Stat.COUNT ? df.columns() : numericColumns(df);
        return reduce(df, s.label(), new Reductions.FrameStat(cols, s, ddof), s.label(), s == Moments.Stat.COUNT ? DType.I64 : DType.F64);
    }

    /** The minimum or maximum of the numeric columns. */
    static Series extreme(DataFrame df, boolean max) {
        String op = max ? "max" : "min";
        return reduce(df, op, new Reductions.FrameExtreme(numericColumns(df), max), op, DType.F64);
    }
}
