package io.jdask.bag;

import io.jdask.config.Config;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the layer of a tree reduction: one partial task per partition, combine tasks over groups
 * of at most {@code bag.split-every} partials, level by level, and one finishing task.
 */
final class Reductions {
    /** Configuration key: how many partials one combine task merges. */
    static final String SPLIT_EVERY = "bag.split-every";

    private Reductions() {}

    /**
     * @param bag the bag being reduced
     * @param op the operation's readable name
     * @param token what identifies the operation's arguments
     * @param agg the aggregation
     * @param finalKey the key of the result
     * @return the layer computing {@code finalKey}
     */
    static Graph tree(Bag<?> bag, String op, String token, Aggregation<?> agg, Key finalKey) {
        int splitEvery = Math.max(2, Config.getInt(SPLIT_EVERY));
        List<Node> nodes = new ArrayList<>();
        List<Key> level = new ArrayList<>(bag.npartitions());
        String partial = op + "-partial-" + token;
        Aggregation.PartitionStep step = new Aggregation.PartitionStep(agg);
        for (int i = 0; i < bag.npartitions(); i++) {
            Key k = Key.of(partial, i);
            nodes.add(new Task(k, step, Arg.ref(bag.partitionKey(i))));
            level.add(k);
        }
        String combine = op + "-combine-" + token;
        Aggregation.CombineStep combineStep = new Aggregation.CombineStep(agg);
        for (int depth = 0; level.size() > 1; depth++) {
            List<Key> next = new ArrayList<>((level.size() + splitEvery - 1) / splitEvery);
            for (int from = 0; from < level.size(); from += splitEvery) {
                List<Key> group = level.subList(from, Math.min(level.size(), from + splitEvery));
                Key k = Key.of(combine, depth, next.size());
                nodes.add(new Task(k, combineStep, Arg.refs(group)));
                next.add(k);
            }
            level = next;
        }
        nodes.add(new Task(finalKey, new Aggregation.FinishStep(agg), Arg.ref(level.get(0))));
        return Graph.of(nodes, List.of(bag.graph()));
    }
}
