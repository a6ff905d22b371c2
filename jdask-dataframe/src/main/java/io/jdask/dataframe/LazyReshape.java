package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.List;

/** The lazy reshapes whose output columns depend on the data: {@code dropEmptyColumns} and {@code pivot}. */
final class LazyReshape {
    private LazyReshape() {}

    /** Counts every column's values now and selects the columns that have any. */
    static DataFrame dropEmptyColumns(DataFrame df) {
        Frame counts = df.count().compute();
        List<String> keep = new ArrayList<>();
        Column names = counts.index();
        Column n = counts.column(0);
        for (int i = 0; i < counts.numRows(); i++) {
            if (n.getLong(i) > 0) {
                keep.add(names.getString(i));
            }
        }
        return keep.size() == df.columns().size() ? df : df.select(keep.toArray(String[]::new));
    }

    /** The distinct present values of a Series, computed now, sorted, as text: pivot's output columns. */
    static List<String> distinctLabels(Series column) {
        Frame labels = column.unique().compute();
        List<Comparable<Object>> distinct = new ArrayList<>();
        Column c = labels.column(0);
        for (int i = 0; i < c.length(); i++) {
            if (!c.isNull(i)) {
                @SuppressWarnings("unchecked")
                Comparable<Object> v = (Comparable<Object>) c.get(i);
                distinct.add(v);
            }
        }
        distinct.sort(null);
        return distinct.stream().map(String::valueOf).toList();
    }

    /** Pivots partition by partition, once it is sure that each index value lies in one partition. */
    static DataFrame pivot(DataFrame df, String index, String columns, String values, List<String> labels) {
        Frame meta = df.meta();
        boolean byIndex = index.equals(meta.indexName()) && meta.hasIndex();
        if (!(byIndex && df.knownDivisions()) && df.npartitions() > 1) {
            throw new IllegalArgumentException("pivot on '" + index + "' needs each index value in one partition: make '" + index
                    + "' the index with known divisions (read SQL with it as the index column) or use one partition");
        }
        return new DataFrame(df.parts().map("pivot", new Correlations.Pivot(index, columns, values, List.copyOf(labels)), byIndex));
    }
}
