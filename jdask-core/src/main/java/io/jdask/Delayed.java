package io.jdask;

import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.function.Fn3;
import io.jdask.function.Fn4;
import io.jdask.function.Fn5;
import io.jdask.function.Fn6;
import io.jdask.function.FnN;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A lazy value: the result of a function call that has not run yet, like Dask's {@code delayed}.
 *
 * <pre>{@code
 * Delayed<Integer> a = Delayed.value(1);
 * Delayed<Integer> b = Delayed.call(x -> x + 1, a);
 * Delayed<Integer> c = Delayed.call((x, y) -> x * y, a, b);
 * int r = c.compute();                       // 2, on the threaded scheduler
 * }</pre>
 *
 * <p>Arguments of {@code call} are delayed values; a plain value is passed as {@link #value(Object)}
 * (a cheap constant is inlined into the task, so it costs nothing at run time), or all arguments
 * are given to {@link #apply(FnN, Object...)}, which accepts any mix. Functions must be
 * serializable lambdas or method references so the tasks can run on a cluster.
 *
 * <p>Calls are impure by default (a fresh key every time, as in Dask); {@link #pure()} gives
 * deterministic keys so the same call is computed once. Immutable and thread-safe.
 *
 * @param <T> the type of the value
 */
public final class Delayed<T> implements Lazy<T>, Tokenizable {
    /**
     * The key and the graph; for a cheap constant made by {@link #value(Object)} both are made on
     * first use (a constant passed to a call is copied into the task and never needs them). Plain
     * fields: Key and Graph are immutable with final fields, and two threads racing to fill them
     * compute equal values.
     */
    private Key key;
    private Graph graph;
    private final Object constant;
    private final boolean lazyConstant;

    Delayed(Key key, Graph graph) {
        this.key = key;
        this.graph = graph;
        this.constant = null;
        this.lazyConstant = false;
    }

    private Delayed(Object cheapConstant) {
        this.constant = cheapConstant;
        this.lazyConstant = true;
    }

    private void makeConstantNode() {
        Object value = constant;
        String prefix = value == null ? "none" : value.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        if (prefix.isEmpty()) {
            prefix = "value";
        }
        Key k = Key.of(prefix + "-" + Tokens.token(value));
        graph = Graph.of(new Literal(k, value), List.of());
        key = k;
    }

    /**
     * A delayed constant. Its key is a token of the value, so equal values share a key.
     *
     * @param value the value
     * @param <T> its type
     * @return the delayed value
     */
    public static <T> Delayed<T> value(T value) {
        Delayed<T> d = new Delayed<>(value);
        if (!io.jdask.optimize.Inline.isCheap(value)) {
            d.makeConstantNode();
        }
        return d;
    }

    /**
     * The delayed value of one key of an existing graph: how other collections (a bag's partition,
     * an aggregate) hand one of their results to delayed code, like Dask's {@code to_delayed}.
     *
     * @param key the key whose result this value is
     * @param graph a graph that computes {@code key}
     * @param <T> the type of the value
     * @return the delayed value
     */
    public static <T> Delayed<T> of(Key key, Graph graph) {
        if (key == null || graph == null) {
            throw new IllegalArgumentException("a delayed value needs a key and a graph");
        }
        return new Delayed<>(key, graph);
    }

    /**
     * A delayed constant with a user-given key.
     *
     * @param value the value
     * @param key its key
     * @param <T> its type
     * @return the delayed value
     */
    public static <T> Delayed<T> value(T value, String key) {
        Key k = Key.of(key);
        return new Delayed<>(k, Graph.of(new Literal(k, value), List.of()));
    }

    /** @return a caller whose calls are pure: same function and arguments, same key */
    public static Caller pure() {
        return Caller.DEFAULT.pure();
    }

    /**
     * @param name the readable prefix of the keys
     * @return a caller whose calls use that prefix
     */
    public static Caller named(String name) {
        return Caller.DEFAULT.name(name);
    }

    /**
     * @param key the exact key for the next call's result
     * @return a caller whose call uses that key
     */
    public static Caller withKey(String key) {
        return Caller.DEFAULT.key(key);
    }

    /**
     * An impure delayed call of {@code fn} (a fresh key each time; see {@link #pure()}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @return the delayed result
     */
    public static <A, R> Delayed<R> call(Fn1<A, R> fn, Delayed<A> a) {
        return Caller.DEFAULT.call(fn, a);
    }

    /**
     * An impure delayed call of {@code fn} (a fresh key each time; see {@link #pure()}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @return the delayed result
     */
    public static <A, B, R> Delayed<R> call(Fn2<A, B, R> fn, Delayed<A> a, Delayed<B> b) {
        return Caller.DEFAULT.call(fn, a, b);
    }

    /**
     * An impure delayed call of {@code fn} (a fresh key each time; see {@link #pure()}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @return the delayed result
     */
    public static <A, B, C, R> Delayed<R> call(Fn3<A, B, C, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c) {
        return Caller.DEFAULT.call(fn, a, b, c);
    }

    /**
     * An impure delayed call of {@code fn} (a fresh key each time; see {@link #pure()}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @param d argument 4
     * @return the delayed result
     */
    public static <A, B, C, D, R> Delayed<R> call(Fn4<A, B, C, D, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c, Delayed<D> d) {
        return Caller.DEFAULT.call(fn, a, b, c, d);
    }

    /**
     * An impure delayed call of {@code fn} (a fresh key each time; see {@link #pure()}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @param d argument 4
     * @param e argument 5
     * @return the delayed result
     */
    public static <A, B, C, D, E, R> Delayed<R> call(Fn5<A, B, C, D, E, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c, Delayed<D> d, Delayed<E> e) {
        return Caller.DEFAULT.call(fn, a, b, c, d, e);
    }

    /**
     * An impure delayed call of {@code fn} (a fresh key each time; see {@link #pure()}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @param d argument 4
     * @param e argument 5
     * @param f argument 6
     * @return the delayed result
     */
    public static <A, B, C, D, E, F, R> Delayed<R> call(Fn6<A, B, C, D, E, F, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c, Delayed<D> d, Delayed<E> e, Delayed<F> f) {
        return Caller.DEFAULT.call(fn, a, b, c, d, e, f);
    }

    /**
     * An impure delayed call with any mix of delayed values, plain values and lists of them.
     *
     * @param fn a serializable function receiving the resolved arguments
     * @param args the arguments
     * @param <R> result type
     * @return the delayed result
     */
    public static <R> Delayed<R> apply(FnN<R> fn, Object... args) {
        return Caller.DEFAULT.apply(fn, args);
    }

    /**
     * @param items delayed values
     * @param <T> their type
     * @return a delayed list of their values, in order
     */
    public static <T> Delayed<List<T>> all(List<? extends Delayed<? extends T>> items) {
        List<Key> keys = new ArrayList<>(items.size());
        List<Graph> deps = new ArrayList<>(items.size());
        java.util.Set<Graph> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Delayed<? extends T> d : items) {
            keys.add(d.key());
            if (seen.add(d.graph())) {
                deps.add(d.graph());
            }
        }
        Key k = Key.of("list-" + Tokens.random()); // a fresh key: hashing every item's key would cost more than the task
        return new Delayed<>(k, Graph.of(new Task(k, DelayedFunctions.Identity.INSTANCE, Arg.refs(keys)), deps));
    }

    /**
     * @param fn a function of this value
     * @param <R> its result type
     * @return the delayed result of {@code fn} on this value (an impure call)
     */
    public <R> Delayed<R> then(Fn1<T, R> fn) {
        return Caller.DEFAULT.call(fn, this);
    }

    /**
     * Item {@code index} of this value: of a list, an array, a record (its components in order) or
     * a map entry (0 the key, 1 the value).
     *
     * @param index which item
     * @return the delayed item
     */
    public Delayed<Object> get(int index) {
        Key k = Key.of("getitem-" + Tokens.token(key(), index));
        return new Delayed<>(k, Graph.of(new Task(k, new DelayedFunctions.GetItem(index), Arg.ref(key())), List.of(graph())));
    }

    /**
     * Item {@code index}, typed.
     *
     * @param index which item
     * @param type the item's type
     * @param <E> the item's type
     * @return the delayed item
     */
    @SuppressWarnings("unchecked")
    public <E> Delayed<E> get(int index, Class<E> type) {
        return (Delayed<E>) get(index);
    }

    /**
     * Splits a tuple-like value (a list, array or record of {@code n} items) into {@code n} delayed
     * values, like Dask's {@code nout}.
     *
     * @param n how many items
     * @return one delayed value per item
     */
    public List<Delayed<Object>> split(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot split into " + n + " items");
        }
        List<Delayed<Object>> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(get(i));
        }
        return out;
    }

    /**
     * @return whether this value is a cheap constant with nothing else in its graph; such an
     *     argument is copied into the calling task ({@link #constantValue()}) instead of kept as a
     *     node
     */
    boolean isCheapConstant() {
        if (lazyConstant) {
            return io.jdask.optimize.Inline.isCheap(constant);
        }
        Graph g = graph();
        return g.dependencies().isEmpty() && g.layerNodes().size() == 1
                && g.layerNodes().get(key()) instanceof Literal lit && io.jdask.optimize.Inline.isCheap(lit.value());
    }

    /** @return the constant, when {@link #isCheapConstant()} */
    Object constantValue() {
        return lazyConstant ? constant : ((Literal) graph().layerNodes().get(key())).value();
    }

    /** @return the key of this value's task */
    public Key key() {
        Key k = key;
        if (k == null) {
            makeConstantNode();
            k = key;
        }
        return k;
    }

    @Override
    public Graph graph() {
        Graph g = graph;
        if (g == null) {
            makeConstantNode();
            g = graph;
        }
        return g;
    }

    @Override
    public List<Key> keys() {
        return List.of(key());
    }

    @Override
    @SuppressWarnings("unchecked")
    public T assemble(List<Object> results) {
        return (T) results.get(0);
    }

    @Override
    public Delayed<T> rebuild(Map<Key, Object> results) {
        Key k = key();
        if (!results.containsKey(k)) {
            throw new IllegalArgumentException("no result for " + k + " to rebuild from");
        }
        return new Delayed<>(k, Graph.of(new Literal(k, results.get(k)), List.of()));
    }

    /**
     * Computes this value now and returns it rebuilt on its result, so later computations that use
     * it do not recompute it.
     *
     * @return the persisted value (same key)
     */
    public Delayed<T> persist() {
        return Jdask.persist(this).get(this);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.put(key());
    }

    @Override
    public String toString() {
        return "Delayed('" + key() + "')";
    }
}
