package io.jdask.dataframe;

import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The dataframe's graph rewrite: reads of one partition of one source with the same filters but
 * different column projections (as {@code df.col("a").mean()} and {@code df.col("b").sum()}
 * computed together make, or {@code df.col("a").add(df.col("b"))}) become one read of the union
 * of their columns, from which each original task selects its own. Each partition of a file is
 * then parsed once per computation however many columns' expressions use it.
 */
final class SourceFusion {
    private SourceFusion() {}

    private record Group(PartitionSource base, List<ColumnFilter> filters, Object partition) {}

    static io.jdask.graph.TaskGraph fuse(io.jdask.graph.TaskGraph graph, List<Key> outputs) {
        Map<Group, List<Task>> groups = new LinkedHashMap<>();
        for (Node n : graph.nodes().values()) {
            if (n instanceof Task t && t.function() instanceof SourcePlan.ReadPlan r && t.arity() == 1 && t.arg(0) instanceof Arg.Value v) {
                groups.computeIfAbsent(new Group(r.base(), r.filters(), v.value()), g -> new ArrayList<>()).add(t);
            }
        }
        Map<Key, Node> replaced = new LinkedHashMap<>();
        for (Map.Entry<Group, List<Task>> e : groups.entrySet()) {
            List<Task> tasks = e.getValue();
            if (tasks.size() < 2) {
                continue;
            }
            LinkedHashSet<String> union = new LinkedHashSet<>();
            for (Task t : tasks) {
                union.addAll(((SourcePlan.ReadPlan) t.function()).columns());
            }
            Group g = e.getKey();
            SourcePlan plan = new SourcePlan(g.base(), g.filters(), new ArrayList<>(union));
            PartitionSource src = plan.source();
            Key readKey = Key.of(src.name() + "-" + Tokens.token(src, g.filters(), plan.columns()), (Integer) g.partition());
            replaced.put(readKey, new Task(readKey, new SourcePlan.ReadPlan(src, g.base(), g.filters(), plan.columns()), Arg.value(g.partition())));
            for (Task t : tasks) {
                if (t.key().equals(readKey)) {
                    continue;
                }
                List<String> cols = ((SourcePlan.ReadPlan) t.function()).columns();
                replaced.put(t.key(), new Task(t.key(), new Parts.MapTask(new PartitionOps.Select(cols)), Arg.ref(readKey)));
            }
        }
        if (replaced.isEmpty()) {
            return graph;
        }
        Map<Key, Node> out = new LinkedHashMap<>(graph.nodes());
        out.putAll(replaced);
        return io.jdask.graph.TaskGraph.of(out);
    }
}
