package io.jdask.bag;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.Lazy;
import io.jdask.function.Fn1;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import io.jdask.tokenize.Tokens;
import java.util.List;
import java.util.Map;

/**
 * One lazy value computed from a bag, like Dask's {@code Item}: the result of an aggregation such
 * as {@link Bag#count()} or {@link Bag#fold}. Nothing runs until {@link #compute()} (or {@link
 * Jdask#compute} together with other collections, sharing their work).
 *
 * <pre>{@code
 * Item<Long> n = bag.count();
 * Item<Double> mean = bag.map(s -> s.length()).mean();
 * Computed r = Jdask.compute(n, mean);       // one pass over the shared partitions
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
public final class Item<T> implements Lazy<T>, Tokenizable {
    private final Key key;
    private final Graph graph;

    Item(Key key, Graph graph) {
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
    public <R> Item<R> then(Fn1<? super T, ? extends R> fn) {
        String token = Tokens.token(key, Tokens.functionToken(fn));
        Key k = Key.of(Tokens.functionName(fn) + "-" + token);
        return new Item<>(k, Graph.of(new Task(k, new Apply(fn), Arg.ref(key)), List.of(graph)));
    }

    /** @return this value as a {@link Delayed}, for use in delayed code */
    public Delayed<T> toDelayed() {
        return Delayed.of(key, graph);
    }

    /** Fuses chains of element-wise steps into one push pipeline per partition, see {@link PipelineFusion}. */
    @Override
    public TaskGraph optimize(TaskGraph graph, List<Key> outputs) {
        return PipelineFusion.fuse(graph, outputs);
    }

    /** Bags, items and partition views share one fusion pass. */
    @Override
    public Object optimizationKey() {
        return PipelineFusion.class;
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
    public Item<T> rebuild(Map<Key, Object> results) {
        if (!results.containsKey(key)) {
            throw new IllegalArgumentException("no result for " + key + " to rebuild from");
        }
        return new Item<>(key, Graph.of(new Literal(key, results.get(key)), List.of()));
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.put(key);
    }

    @Override
    public String toString() {
        return "Item('" + key + "')";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private record Apply(Fn1 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return fn.apply(args[0]);
        }
    }
}
