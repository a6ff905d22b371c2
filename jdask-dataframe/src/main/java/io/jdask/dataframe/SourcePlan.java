package io.jdask.dataframe;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A DataFrame read straight from a {@link PartitionSource}, with the column projection and the
 * filters (a conjunction of {@code column op constant}) that later operations pushed into it. The
 * source is asked for the filters ({@link PartitionSource#filter}) and for the columns the result
 * and the filters need ({@link PartitionSource#project}); each partition task then applies the
 * filters exactly and keeps the selected columns.
 */
record SourcePlan(PartitionSource base, List<ColumnFilter> filters, List<String> columns) {

    SourcePlan {
        filters = List.copyOf(filters);
        columns = List.copyOf(columns);
    }

    static SourcePlan of(PartitionSource source) {
        return new SourcePlan(source, List.of(), source.meta().columnNames());
    }

    /** @return whether both plans give the same rows (same source and filters; columns may differ) */
    boolean sameRows(SourcePlan o) {
        return base.equals(o.base) && filters.equals(o.filters);
    }

    SourcePlan select(List<String> cols) {
        Frame m = base.meta();
        for (String c : cols) {
            m.column(c);
        }
        return new SourcePlan(base, filters, cols);
    }

    SourcePlan filter(List<ColumnFilter> more) {
        List<ColumnFilter> all = new ArrayList<>(filters);
        for (ColumnFilter f : more) {
            if (!all.contains(f)) {
                all.add(f);
            }
        }
        return new SourcePlan(base, all, columns);
    }

    /** The columns to read: the selected ones, then those only the filters need. */
    List<String> needed() {
        LinkedHashSet<String> need = new LinkedHashSet<>(columns);
        for (ColumnFilter f : filters) {
            if (base.meta().hasColumn(f.column())) {
                need.add(f.column());
            }
        }
        return new ArrayList<>(need);
    }

    /** The source as the readers will be asked: filtered, then projected when that reads less. */
    PartitionSource source() {
        PartitionSource s = filters.isEmpty() ? base : base.filter(filters);
        List<String> need = needed();
        return need.equals(base.meta().columnNames()) ? s : s.project(need);
    }

    Parts parts() {
        PartitionSource src = source();
        ReadPlan read = new ReadPlan(src, base, filters, columns);
        String name = src.name() + "-" + Tokens.token(src, filters, columns);
        int n = src.numPartitions();
        List<Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            nodes.add(new Task(Key.of(name, i), read, Arg.value(i)));
        }
        Frame meta = base.meta().select(columns.toArray(String[]::new));
        return new Parts(name, meta, n, src.divisions(), Graph.of(nodes, List.of()));
    }

    /**
     * Reads one partition of {@code source} (the {@code base} source asked for the filters and a
     * projection), applies the filters and keeps the selected columns.
     */
    record ReadPlan(PartitionSource source, PartitionSource base, List<ColumnFilter> filters, List<String> columns) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame f = source.read((Integer) args[0]);
            if (!filters.isEmpty()) {
                f = f.filter(Kernels.mask(f, filters));
            }
            return f.columnNames().equals(columns) ? f : f.select(columns.toArray(String[]::new));
        }
    }
}
