package io.jdask.bag;

import io.jdask.graph.Arg;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bag's own graph rewrite, run before the generic optimisations: a chain of element-wise
 * tasks on one partition ({@code map}, {@code filter}, {@code flatMap}, {@code flatten}, {@code
 * pluck}, {@code mapPairs}), optionally ending in the partition step of an aggregation, becomes
 * one task that pushes each element through every step, like a Java stream, instead of building a
 * list after each step. A word count {@code map(Text::words).flatten().frequencies()} thus counts
 * each word as it is split off, never holding a partition's words in a list.
 *
 * <p>A task joins the task it reads from only when that one is not an output and has no other
 * user, so no result that anything else needs disappears; the generic fusion then merges what is
 * left of each chain (the read task, for instance) as before.
 */
final class PipelineFusion {
    private PipelineFusion() {}

    /** The fused steps of one partition: element operations, then an aggregation's partition step or a list. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Pipeline(Elementwise.ElementOp[] ops, Aggregation<?> terminal) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = Elementwise.part(args[0]);
            if (terminal instanceof Streaming streaming) {
                Object state = streaming.begin();
                Elementwise.Sink sink = chain(x -> streaming.add(state, x));
                for (int i = 0, n = in.size(); i < n; i++) {
                    sink.accept(in.get(i));
                }
                return streaming.end(state);
            }
            ArrayList<Object> out = new ArrayList<>(in.size());
            Elementwise.Sink sink = chain(out::add);
            for (int i = 0, n = in.size(); i < n; i++) {
                sink.accept(in.get(i));
            }
            return terminal == null ? out : terminal.partition(out);
        }

        private Elementwise.Sink chain(Elementwise.Sink last) {
            Elementwise.Sink s = last;
            for (int i = ops.length - 1; i >= 0; i--) {
                s = ops[i].wrap(s);
            }
            return s;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Pipeline p && Arrays.equals(ops, p.ops) && java.util.Objects.equals(terminal, p.terminal);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ops) + java.util.Objects.hashCode(terminal);
        }

        @Override
        public String toString() {
            return "Pipeline" + Arrays.toString(ops) + (terminal == null ? "" : " -> " + terminal);
        }
    }

    /**
     * @param graph the merged graph of a computation
     * @param outputs the keys asked for
     * @return the graph with element-wise chains fused into pipelines ({@code graph} when none)
     */
    static TaskGraph fuse(TaskGraph graph, List<Key> outputs) {
        IndexedGraph index = graph.index();
        Set<Key> outs = new HashSet<>(outputs);
        Map<Key, Node> current = new LinkedHashMap<>(graph.nodes());
        boolean changed = false;
        for (Node n : graph.nodes().values()) {
            if (!(n instanceof Task t) || current.get(t.key()) != t || t.arity() != 1 || !(t.arg(0) instanceof Arg.Ref ref)) {
                continue;
            }
            TaskFunction f = t.function();
            boolean element = f instanceof Elementwise.ElementOp;
            if (!element && !(f instanceof Aggregation.PartitionStep)) {
                continue;
            }
            Key upKey = ref.key();
            if (outs.contains(upKey) || !(current.get(upKey) instanceof Task up) || index.dependents(index.id(upKey)).length != 1) {
                continue;
            }
            List<Elementwise.ElementOp> ops = new ArrayList<>();
            if (up.function() instanceof Elementwise.ElementOp op) {
                ops.add(op);
            } else if (up.function() instanceof Pipeline p && p.terminal() == null) {
                ops.addAll(Arrays.asList(p.ops()));
            } else {
                continue;
            }
            Aggregation<?> terminal = null;
            if (element) {
                ops.add((Elementwise.ElementOp) f);
            } else {
                terminal = ((Aggregation.PartitionStep) f).agg();
            }
            current.remove(upKey);
            current.put(t.key(), new Task(t.key(), new Pipeline(ops.toArray(new Elementwise.ElementOp[0]), terminal), up.args()));
            changed = true;
        }
        return changed ? TaskGraph.of(current) : graph;
    }
}
