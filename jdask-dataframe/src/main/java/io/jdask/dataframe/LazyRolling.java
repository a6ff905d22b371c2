package io.jdask.dataframe;

import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;

/**
 * Rolling-window aggregates of a {@link DataFrame}, like Dask's {@code df.rolling(window)}: the
 * result of every row equals that of rolling the whole frame at once (pandas), also where windows
 * straddle partitions. Each partition borrows the rows its windows reach from its predecessors:
 * a chain of small "tail" tasks passes along {@link Rolling#tailFor} of each partition (with the
 * tail it was given, so tails cross partitions shorter than a window, empty ones included).
 *
 * <pre>{@code
 * DataFrame means = df.rolling(Window.ofTime(Duration.ofMinutes(5))).mean();
 * DataFrame sums = df.rolling(Window.ofRows(3)).sum();
 * }</pre>
 *
 * <p>Row windows follow the partition order; time windows need a timestamp or date index sorted
 * across partitions (use {@link DataFrame#setIndex(String)} first): each partition is checked,
 * together with the rows it borrows, when it is computed. Every numeric and boolean column
 * gives an {@code f64} column; other columns are dropped; divisions are kept.
 */
public final class LazyRolling {
    private final DataFrame frame;
    private final Window window;

    LazyRolling(DataFrame frame, Window window) {
        if (window.isTime()) {
            DType t = frame.meta().hasIndex() ? frame.meta().index().dtype() : null;
            if (t != DType.TIMESTAMP && t != DType.DATE) {
                throw new IllegalArgumentException("a time window needs a timestamp or date index, the frame has "
                        + (t == null ? "none" : "a " + t.label() + " index"));
            }
        }
        this.frame = frame;
        this.window = window;
    }

    /** @return the rolling sum of each numeric column */
    public DataFrame sum() {
        return agg(RollingAgg.SUM);
    }

    /** @return the rolling mean of each numeric column */
    public DataFrame mean() {
        return agg(RollingAgg.MEAN);
    }

    /** @return the number of present values in each window, per column */
    public DataFrame count() {
        return agg(RollingAgg.COUNT);
    }

    /** @return the rolling minimum of each numeric column */
    public DataFrame min() {
        return agg(RollingAgg.MIN);
    }

    /** @return the rolling maximum of each numeric column */
    public DataFrame max() {
        return agg(RollingAgg.MAX);
    }

    /**
     * @param agg the aggregate
     * @return one row per row of the frame, with its index
     */
    public DataFrame agg(RollingAgg agg) {
        Parts in = frame.parts();
        Frame meta = Rolling.rolling(in.meta(), null, window, agg);
        String token = Tokens.token(in.name(), window.toString(), agg);
        String name = "rolling-" + agg.name().toLowerCase(java.util.Locale.ROOT) + "-" + token;
        String tails = "rolling-tail-" + token;
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < in.npartitions(); i++) {
            Arg prev = i == 0 ? Arg.value(0) : Arg.ref(Key.of(tails, i - 1));
            nodes.add(new Task(Key.of(name, i), new Apply(window, agg), Arg.ref(in.key(i)), prev));
            if (i + 1 < in.npartitions()) {
                nodes.add(new Task(Key.of(tails, i), new Tail(window), Arg.ref(in.key(i)), prev));
            }
        }
        return new DataFrame(new Parts(name, meta, in.npartitions(), in.divisions(), Graph.of(nodes, List.of(in.graph()))));
    }

    /** The rolling aggregate of a partition given the tail before it (an Integer when there is none). */
    record Apply(Window window, RollingAgg agg) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return Rolling.rolling((Frame) args[0], args[1] instanceof Frame t ? t : null, window, agg);
        }
    }

    /** The rows of a partition (after the tail it was given) that later windows may reach. */
    record Tail(Window window) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            Frame f = (Frame) args[0];
            Frame all = args[1] instanceof Frame t && t.numRows() > 0 ? Frame.concat(List.of(t, f)) : f;
            return Rolling.tailFor(all, window);
        }
    }
}
