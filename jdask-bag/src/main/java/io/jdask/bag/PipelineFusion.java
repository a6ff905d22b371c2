package io.jdask.bag;

import io.jdask.function.Fn1;
import io.jdask.graph.Arg;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import io.jdask.tokenize.Tokens;
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
 * list after each step.
 *
 * <p>{@code frequencies} right after {@code map(Text::words).flatten()} (or {@code
 * flatMap(Text::words)}) counts the words straight from each line, packing short words into the
 * count table as they are scanned, so a word count makes no string per word.
 *
 * <p>When such a word count reads a UTF-8 text block directly, the block is counted straight from
 * its bytes ({@link WordBlockCount}): no line or word strings at all for ASCII text.
 *
 * <p>A task joins the task it reads from only when that one is not an output and has no other
 * user, so no result that anything else needs disappears; the generic fusion then merges what is
 * left of each chain (the read task, for instance) as before.
 */
final class PipelineFusion {
    private PipelineFusion() {}

    /** The fused steps of one partition: element operations, then an aggregation's partition step or a list. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Pipeline(Elementwise.ElementOp[] ops, Aggregation<?> terminal, boolean countWords) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = Elementwise.part(args[0]);
            if (countWords) {
                Counts counts = ((Aggregations.Frequencies) terminal).begin();
                Elementwise.Sink sink = chain(line -> counts.addWords((String) line));
                for (int i = 0, n = in.size(); i < n; i++) {
                    sink.accept(in.get(i));
                }
                return counts;
            }
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
            return o instanceof Pipeline p && Arrays.equals(ops, p.ops) && java.util.Objects.equals(terminal, p.terminal)
                    && countWords == p.countWords;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ops) + java.util.Objects.hashCode(terminal) + (countWords ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Pipeline" + Arrays.toString(ops) + (countWords ? " -> words" : "") + (terminal == null ? "" : " -> " + terminal);
        }
    }

    private static final String WORDS = Tokens.functionToken((Fn1<String, List<String>>) Text::words);

    private static boolean isWords(Object fn) {
        return fn != null && Tokens.functionToken(fn).equals(WORDS);
    }

    /**
     * Removes a trailing {@code map(Text::words).flatten()} or {@code flatMap(Text::words)} from
     * {@code ops}: before {@code frequencies}, the pipeline then counts the words of each line
     * straight from the line, without a string or a list per word.
     *
     * @return whether it was there
     */
    private static boolean stripWordSplit(List<Elementwise.ElementOp> ops) {
        int n = ops.size();
        if (n >= 2 && ops.get(n - 1) instanceof Elementwise.FlatMap flat && flat.fn() == null
                && ops.get(n - 2) instanceof Elementwise.Map1 m && isWords(m.fn())) {
            ops.subList(n - 2, n).clear();
            return true;
        }
        if (n >= 1 && ops.get(n - 1) instanceof Elementwise.FlatMap flat && isWords(flat.fn())) {
            ops.remove(n - 1);
            return true;
        }
        return false;
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
            boolean countWords = terminal instanceof Aggregations.Frequencies && stripWordSplit(ops);
            current.remove(upKey);
            current.put(t.key(), new Task(t.key(), new Pipeline(ops.toArray(new Elementwise.ElementOp[0]), terminal, countWords), up.args()));
            changed = true;
        }
        changed |= countFromBytes(current, index, outs);
        return changed ? TaskGraph.of(current) : graph;
    }

    /**
     * Replaces each word-count pipeline that reads a UTF-8 text block directly (no other step in
     * between) by one {@link WordBlockCount} task that counts from the block's bytes.
     *
     * @return whether anything changed
     */
    private static boolean countFromBytes(Map<Key, Node> current, IndexedGraph index, Set<Key> outs) {
        List<Task> replacements = new ArrayList<>();
        for (Node n : current.values()) {
            if (n instanceof Task t && t.function() instanceof Pipeline p && p.countWords() && p.ops().length == 0
                    && t.arity() == 1 && t.arg(0) instanceof Arg.Ref ref && !outs.contains(ref.key())
                    && current.get(ref.key()) instanceof Task up && up.function() instanceof TextReading.ReadBlock read
                    && WordBlockCount.supports(read) && index.dependents(index.id(ref.key())).length == 1) {
                replacements.add(new Task(t.key(), new WordBlockCount(read, (Aggregations.Frequencies) p.terminal()), List.of()));
            }
        }
        for (Task r : replacements) {
            Task old = (Task) current.get(r.key());
            current.remove(((Arg.Ref) old.arg(0)).key());
            current.put(r.key(), r);
        }
        return !replacements.isEmpty();
    }
}
