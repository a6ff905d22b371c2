package io.jdask.dataframe;

import io.jdask.config.Config;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Joins two DataFrames, choosing among three plans:
 * <ol>
 *   <li><b>aligned</b>: an index join of two frames with known divisions moves both to the union
 *       of their divisions ({@link Repartition#toDivisions}, rows only move to neighbours) and
 *       joins partition by partition; the result keeps those divisions. When only one side's
 *       divisions are known, the other side is range-shuffled by index to them;</li>
 *   <li><b>broadcast</b>: when one side has at most {@code dataframe.merge.broadcast-npartitions}
 *       partitions (default 1) and the join type allows it (the right side for INNER and LEFT, the
 *       left side for INNER and RIGHT), that side is concatenated once and every partition of the
 *       other side is joined with all of it; the result has the big side's partitions;</li>
 *   <li><b>hash shuffle</b>: otherwise both sides are shuffled by a hash of their keys into
 *       {@code max(nleft, nright)} partitions ({@link Shuffles}) and matching partitions are joined.</li>
 * </ol>
 * Two one-partition frames are joined in one task. Each join is {@link Joins#merge}, so the result
 * equals the merge of the whole frames up to row order.
 */
final class LazyMerge {
    /** The configuration key of the largest number of partitions of a side that is broadcast. */
    static final String BROADCAST = "dataframe.merge.broadcast-npartitions";

    private LazyMerge() {}

    /** Joins two partitions (the small side's whole frame, for a broadcast). */
    record MergeOp(MergeSpec spec, boolean sortIndex) implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame left, Frame right) {
            Frame r = Joins.merge(left, right, spec);
            return sortIndex ? Sorting.sortByIndex(r, true, true) : r;
        }
    }

    static Parts merge(Parts left, Parts right, MergeSpec spec) {
        Frame meta = Joins.merge(left.meta(), right.meta(), spec);
        int nl = left.npartitions();
        int nr = right.npartitions();
        String token = Tokens.token(left.name(), right.name(), spec);
        if (nl == 1 && nr == 1) {
            return pairwise(left, right, new MergeOp(spec, false), meta, "merge-" + token, Optional.empty());
        }
        if (spec.onIndex() && left.divisions().isPresent() && right.divisions().isPresent()
                && sameClass(left.divisions().get(), right.divisions().get())) {
            List<Comparable<?>> d = union(left.divisions().get(), right.divisions().get());
            Parts l = Repartition.toDivisions(left, d);
            Parts r = Repartition.toDivisions(right, d);
            // INNER and LEFT follow the left (sorted) order, RIGHT the right order; OUTER appends unmatched right rows
            MergeOp op = new MergeOp(spec, spec.how() == JoinType.OUTER);
            return pairwise(l, r, op, meta, "merge-aligned-" + token, Optional.of(d));
        }
        if (spec.onIndex() && (left.divisions().isPresent() || right.divisions().isPresent()) && nl > 1 && nr > 1) {
            return oneSideKnown(left, right, spec, meta, token);
        }
        int threshold = Config.getInt(BROADCAST);
        boolean rightSmall = nr <= threshold && (spec.how() == JoinType.INNER || spec.how() == JoinType.LEFT);
        boolean leftSmall = nl <= threshold && (spec.how() == JoinType.INNER || spec.how() == JoinType.RIGHT);
        if (rightSmall && (!leftSmall || nr <= nl)) {
            return broadcast(left, right, true, spec, meta, token);
        }
        if (leftSmall) {
            return broadcast(right, left, false, spec, meta, token);
        }
        int nout = Math.max(nl, nr);
        Parts l = Shuffles.shuffle(left, new Shuffles.HashRouter(spec.leftOn()), null, nout, "merge-shuffle-left");
        Parts r = Shuffles.shuffle(right, new Shuffles.HashRouter(spec.rightOn()), null, nout, "merge-shuffle-right");
        return pairwise(l, r, new MergeOp(spec, false), meta, "merge-hash-" + token, Optional.empty());
    }

    /**
     * An index join where one side has known divisions: the other side is range-shuffled by its
     * index to those divisions (keys beyond them go to the first or last partition, missing ones
     * to the last), then the partitions are joined pairwise. The divisions stay true when the
     * result's index values all come from the known side (INNER, or a LEFT/RIGHT join that keeps
     * the known side).
     */
    private static Parts oneSideKnown(Parts left, Parts right, MergeSpec spec, Frame meta, String token) {
        boolean leftKnown = left.divisions().isPresent();
        Parts known = leftKnown ? left : right;
        Parts other = leftKnown ? right : left;
        List<Comparable<?>> d = known.divisions().get();
        Column idx = other.meta().index();
        Frame aux = Frame.builder().column("divisions", Reductions.ofObjects(idx.dtype(), new ArrayList<>(d), idx)).build();
        Parts moved = Shuffles.shuffle(other, new Shuffles.RangeRouter(null, false), aux, known.npartitions(), "merge-range-shuffle");
        boolean keep = spec.how() == JoinType.INNER || spec.how() == (leftKnown ? JoinType.LEFT : JoinType.RIGHT);
        MergeOp op = new MergeOp(spec, keep);
        return pairwise(leftKnown ? known : moved, leftKnown ? moved : known, op, meta, "merge-aligned-" + token,
                keep ? Optional.of(d) : Optional.empty());
    }

    /** Joins partition {@code i} of {@code l} with partition {@code i} of {@code r}. */
    private static Parts pairwise(Parts l, Parts r, MergeOp op, Frame meta, String name,
                                  Optional<List<Comparable<?>>> divisions) {
        List<Node> nodes = new ArrayList<>();
        Parts.ZipTask fn = new Parts.ZipTask(op);
        for (int i = 0; i < l.npartitions(); i++) {
            nodes.add(new Task(Key.of(name, i), fn, Arg.ref(l.key(i)), Arg.ref(r.key(i))));
        }
        return new Parts(name, meta, l.npartitions(), divisions, Graph.of(nodes, List.of(l.graph(), r.graph())));
    }

    /** Joins every partition of {@code big} with the whole of {@code small}. */
    private static Parts broadcast(Parts big, Parts small, boolean bigIsLeft, MergeSpec spec, Frame meta, String token) {
        String name = "merge-broadcast-" + token;
        List<Node> nodes = new ArrayList<>();
        Key whole = Key.of(name + "-small");
        nodes.add(new Task(whole, new Shuffles.ConcatPieces(), Arg.refs(small.keys())));
        // an index join keeps the big side's index values; sorting each partition keeps its divisions true
        boolean keep = spec.onIndex() && big.divisions().isPresent();
        Parts.ZipTask fn = new Parts.ZipTask(new MergeOp(spec, keep));
        for (int i = 0; i < big.npartitions(); i++) {
            Arg b = Arg.ref(big.key(i));
            Arg s = Arg.ref(whole);
            nodes.add(new Task(Key.of(name, i), fn, bigIsLeft ? b : s, bigIsLeft ? s : b));
        }
        return new Parts(name, meta, big.npartitions(), keep ? big.divisions() : Optional.empty(),
                Graph.of(nodes, List.of(big.graph(), small.graph())));
    }

    private static boolean sameClass(List<Comparable<?>> a, List<Comparable<?>> b) {
        Class<?> c = a.get(0).getClass();
        return a.stream().allMatch(v -> v.getClass() == c) && b.stream().allMatch(v -> v.getClass() == c);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<Comparable<?>> union(List<Comparable<?>> a, List<Comparable<?>> b) {
        TreeSet<Comparable> s = new TreeSet<>();
        s.addAll(a);
        s.addAll(b);
        List<Comparable<?>> out = new ArrayList<>();
        for (Comparable v : s) {
            out.add(v);
        }
        if (out.size() == 1) {
            out.add(out.get(0));
        }
        return out;
    }
}
