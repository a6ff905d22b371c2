package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.function.Fn1;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import io.jdask.tokenize.Tokens;
import java.util.List;
import java.util.Map;

/**
 * One lazy value reduced from a DataFrame or Series, like Dask's {@code Scalar}: {@code
 * s.sum()}, {@code s.mean()}, {@code s.nunique()}. Nothing runs until {@link #compute()}, or
 * {@link Jdask#compute} together with other collections, which reads shared partitions once:
 *
 * <pre>{@code
 * Scalar<Double> mean = df.col("x").mean();
 * Scalar<Long> n = df.col("x").count();
 * Computed r = Jdask.compute(mean, n);
 * }</pre>
 *
 * @param <T> the type of the value
 */
public final class Scalar<T> implements Lazy<T>, Tokenizable {
    private final Key key;
    private final Graph graph;

    Scalar(Key key, Graph graph) {
        this.key = key;
        this.graph = graph;
    }

    /** @return the key of this value's task */
    public Key key() {
        return key;
    }

    /**
     * A function of this value, still lazy.
     *
     * @param fn a serializable function
     * @param <R> its result type
     * @return the lazy result
     */
    public <R> Scalar<R> then(Fn1<? super T, ? extends R> fn) {
        Key k = Key.of(Tokens.functionName(fn) + "-" + Tokens.token(key, Tokens.functionToken(fn)));
        return new Scalar<>(k, Graph.of(new Task(k, new Apply(fn), Arg.ref(key)), List.of(graph)));
    }

    /** @return this value as a {@link Delayed}, for use in delayed code */
    public Delayed<T> toDelayed() {
        return Delayed.of(key, graph);
    }

    /** Merges reads of one source partition with different projections into one read (see {@code SourceFusion}). */
    @Override
    public io.jdask.graph.TaskGraph optimize(io.jdask.graph.TaskGraph graph, List<Key> outputs) {
        return SourceFusion.fuse(graph, outputs);
    }

    /** DataFrames, Series and Scalars share one rewrite pass. */
    @Override
    public Object optimizationKey() {
        return SourceFusion.class;
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public List<Key> keys() {
        return List.of(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T assemble(List<Object> results) {
        return (T) results.get(0);
    }

    @Override
    public Scalar<T> rebuild(Map<Key, Object> results) {
        if (!results.containsKey(key)) {
            throw new IllegalArgumentException("no result for " + key + " to rebuild from");
        }
        return new Scalar<>(key, Graph.of(new Literal(key, results.get(key)), List.of()));
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.put(key);
    }

    @Override
    public String toString() {
        return "Scalar('" + key + "')";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private record Apply(Fn1 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return fn.apply(args[0]);
        }
    }
}
