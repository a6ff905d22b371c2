package io.jdask.dataframe;

import io.jdask.config.Config;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Task-based shuffles of a DataFrame's partitions, like Dask's {@code tasks} shuffle: every row is
 * routed to an output partition (by a hash of key columns, or by ranges between divisions), each
 * input partition is split into pieces, and each output partition concatenates its pieces in input
 * order (so rows that share an output partition keep their relative order).
 *
 * <p>With at most {@code dataframe.shuffle.max-branch} (default 32) input and output partitions
 * the shuffle is one stage: {@code nin} splits, {@code nin * nout} picks and {@code nout}
 * concatenations. Beyond that it is staged: {@code n = max(nin, nout)} is rounded up to
 * {@code k^stages} slots with {@code k <= max-branch}; in stage {@code s} each slot splits its
 * rows by digit {@code s} (base {@code k}) of their target partition and exchanges pieces with the
 * {@code k} slots that differ from it only in that digit. After the last stage every row is in the
 * slot of its target. The graph then has {@code stages * (2 + k) * k^stages} tasks, about
 * {@code O(n log n)}, instead of {@code n^2}.
 */
final class Shuffles {
    /** The configuration key of the largest fan-out of one shuffle stage. */
    static final String MAX_BRANCH = "dataframe.shuffle.max-branch";

    private Shuffles() {}

    /** Routes each row of a partition to an output partition in {@code [0, nout)}. */
    interface Router extends Serializable {
        /**
         * @param f a partition
         * @param aux the router's data (the divisions of a range router), or null
         * @param nout the number of output partitions
         * @return the output partition of each row
         */
        int[] route(Frame f, Frame aux, int nout);
    }

    /** By a hash of key columns (the index when {@code keys} is empty); see {@link Partitioning#split}. */
    record HashRouter(List<String> keys) implements Router {
        @Override
        public int[] route(Frame f, Frame aux, int nout) {
            long[] h = keys.isEmpty() ? Partitioning.hashIndex(f) : Partitioning.hash(f, keys);
            int[] p = new int[h.length];
            for (int i = 0; i < h.length; i++) {
                p[i] = RowHash.part(h[i], nout);
            }
            return p;
        }
    }

    /**
     * By ranges of a key (the index when {@code key} is null) between the divisions in the first
     * column of {@code aux} (see {@link Partitioning#splitByDivisions}); descending reverses the
     * ranges. Missing keys always go to the last output partition.
     */
    record RangeRouter(String key, boolean descending) implements Router {
        @Override
        public int[] route(Frame f, Frame aux, int nout) {
            Column k = key == null ? Partitioning.requireIndex(f) : f.column(key);
            int[] p = Partitioning.rangeParts(k, aux.column(0), key == null ? "the index" : "'" + key + "'");
            if (descending) {
                for (int i = 0; i < p.length; i++) {
                    p[i] = k.isNull(i) ? nout - 1 : nout - 1 - p[i];
                }
            }
            return p;
        }
    }

    /** Splits a partition into {@code k} pieces by digit {@code stage} of each row's target. */
    record SplitStage(Router router, int nout, int k, long divisor) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame f = (Frame) args[0];
            int[] p = router.route(f, args[1] instanceof Frame a ? a : null, nout);
            int[] digit = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                digit[i] = (int) (p[i] / divisor % k);
            }
            return Arrays.asList(Partitioning.take(f, digit, k));
        }
    }

    /** Concatenates the pieces given as one list argument ({@code Arg.refs}), in order. */
    record ConcatPieces() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            List<?> pieces = (List<?>) args[0];
            List<Frame> fs = new ArrayList<>(pieces.size());
            for (Object o : pieces) {
                fs.add((Frame) o);
            }
            return Frame.concat(fs);
        }
    }

    /**
     * Shuffles the partitions of {@code in} into {@code nout} partitions.
     *
     * @param in the partitions
     * @param router where each row goes
     * @param aux a literal the router reads (divisions), or null
     * @param nout the number of output partitions
     * @param label the layer name's prefix
     * @return the shuffled partitions: the meta of {@code in}, divisions unknown
     */
    static Parts shuffle(Parts in, Router router, Frame aux, int nout, String label) {
        if (nout < 1) {
            throw new IllegalArgumentException("a shuffle needs at least one output partition, not " + nout);
        }
        int maxBranch = Math.max(2, Config.getInt(MAX_BRANCH));
        String token = Tokens.token(in.name(), router, nout, aux == null ? "" : FrameToken.of(aux, 0));
        String name = label + "-" + token;
        List<Node> nodes = new ArrayList<>();
        Key auxKey = Key.of(label + "-aux-" + token);
        if (aux != null) {
            nodes.add(new Literal(auxKey, aux));
        }
        int nin = in.npartitions();
        int n = Math.max(nin, nout);
        int stages = 1;
        int k = nout;
        if (n > maxBranch) {
            stages = (int) Math.ceil(Math.log(n) / Math.log(maxBranch));
            k = (int) Math.ceil(Math.pow(n, 1.0 / stages));
            while (pow(k, stages) < n) {
                k++;
            }
        }
        int slots = stages == 1 ? Math.max(nin, nout) : (int) pow(k, stages);
        Key[] current = new Key[slots];
        for (int i = 0; i < nin; i++) {
            current[i] = in.key(i);
        }
        long divisor = 1;
        for (int s = 0; s < stages; s++) {
            boolean last = s == stages - 1;
            int width = stages == 1 ? nout : k;
            SplitStage split = new SplitStage(router, nout, width, divisor);
            Key[] next = new Key[slots];
            for (int x = 0; x < slots; x++) {
                if (current[x] != null) {
                    nodes.add(new Task(Key.of(name + "-split", s, x), split, Arg.ref(current[x]),
                            aux == null ? Arg.value(0) : Arg.ref(auxKey)));
                }
            }
            for (int y = 0; y < slots; y++) {
                if (last && y >= nout) {
                    continue;
                }
                int digit = stages == 1 ? y : (int) (y / divisor % k);
                List<Key> pieces = new ArrayList<>();
                for (int d = 0; d < (stages == 1 ? slots : k); d++) {
                    int x = stages == 1 ? d : (int) (y - digit * divisor + d * divisor);
                    if (current[x] != null) {
                        Key pick = Key.of(name + "-pick", s, x, digit);
                        nodes.add(new Task(pick, new GroupBy.Pick(digit), Arg.ref(Key.of(name + "-split", s, x))));
                        pieces.add(pick);
                    }
                }
                if (!pieces.isEmpty()) {
                    Key out = last ? Key.of(name, y) : Key.of(name + "-stage", s, y);
                    nodes.add(new Task(out, new ConcatPieces(), Arg.refs(pieces)));
                    next[y] = out;
                }
            }
            current = next;
            divisor *= k;
        }
        // with at least one input every output slot is reached (each group of a stage holds a reached slot)
        return new Parts(name, in.meta(), nout, Optional.empty(), Graph.of(nodes, List.of(in.graph())));
    }

    private static long pow(int k, int e) {
        long r = 1;
        for (int i = 0; i < e; i++) {
            r *= k;
        }
        return r;
    }
}
