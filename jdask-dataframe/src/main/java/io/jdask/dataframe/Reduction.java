package io.jdask.dataframe;

import io.jdask.config.Config;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A tree reduction over the partitions of a DataFrame or Series: a partial result per partition,
 * partials combined {@code dataframe.split-every} at a time, level by level, then finished.
 *
 * @param <A> the partial result
 */
interface Reduction<A> extends Serializable {
    /** Configuration key: the fan-in of reduction trees. */
    String SPLIT_EVERY = "dataframe.split-every";

    A partition(Frame part);

    A combine(List<A> partials);

    Object finish(A total);

    /**
     * @param parts the partitions
     * @param prefix the readable name of the tasks (op + token)
     * @param finalKey the result's key
     * @return the layer computing {@code finalKey}
     */
    static Graph tree(Parts parts, String prefix, Reduction<?> r, Key finalKey) {
        List<Node> nodes = new ArrayList<>();
        List<Key> level = combineTree(parts, prefix, r, nodes);
        nodes.add(new Task(finalKey, new FinishStep(r), Arg.ref(level.get(0))));
        return Graph.of(nodes, List.of(parts.graph()));
    }

    /** Adds partial and combine tasks to {@code nodes}; returns the single top key in a list. */
    static List<Key> combineTree(Parts parts, String prefix, Reduction<?> r, List<Node> nodes) {
        int splitEvery = Math.max(2, Config.getInt(SPLIT_EVERY));
        List<Key> level = new ArrayList<>();
        PartitionStep step = new PartitionStep(r);
        for (int i = 0; i < parts.npartitions(); i++) {
            Key k = Key.of(prefix + "-partial", i);
            nodes.add(new Task(k, step, Arg.ref(parts.key(i))));
            level.add(k);
        }
        CombineStep combine = new CombineStep(r);
        for (int depth = 0; level.size() > 1; depth++) {
            List<Key> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += splitEvery) {
                Key k = Key.of(prefix + "-combine", depth, next.size());
                nodes.add(new Task(k, combine, Arg.refs(level.subList(from, Math.min(level.size(), from + splitEvery)))));
                next.add(k);
            }
            level = next;
        }
        return level;
    }

    record PartitionStep(Reduction<?> r) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return r.partition((Frame) args[0]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record CombineStep(Reduction r) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return r.combine((List<Object>) args[0]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record FinishStep(Reduction r) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return r.finish(args[0]);
        }
    }
}
