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
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options for making delayed calls: purity, a readable name, an explicit key. Immutable; each
 * option returns a new caller.
 *
 * <pre>{@code
 * Delayed<Integer> d = Delayed.pure().name("square").call(x -> x * x, a);
 * }</pre>
 *
 * <p>An <em>impure</em> call (the default, as in Dask) gets a fresh random key every time. A
 * <em>pure</em> call's key is a token of the function (what it runs and the values it captures)
 * and of its arguments, so the same call made twice is the same task and is computed once.
 */
public final class Caller {
    static final Caller DEFAULT = new Caller(false, null, null);

    private final boolean pure;
    private final String name;
    private final String key;

    private Caller(boolean pure, String name, String key) {
        this.pure = pure;
        this.name = name;
        this.key = key;
    }

    /** @return a caller making pure calls (keys from content tokens) */
    public Caller pure() {
        return new Caller(true, name, key);
    }

    /**
     * @param pure whether calls are pure
     * @return a caller with that purity
     */
    public Caller pure(boolean pure) {
        return new Caller(pure, name, key);
    }

    /**
     * @param name the readable prefix of the keys (e.g. {@code "inc"} gives {@code inc-3f2a...})
     * @return a caller using that prefix
     */
    public Caller name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a name must not be blank");
        }
        return new Caller(pure, name, key);
    }

    /**
     * @param key the exact key of the next call's result (a user-given key)
     * @return a caller using that key
     */
    public Caller key(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a key must not be blank");
        }
        return new Caller(pure, name, key);
    }

    /**
     * A delayed call of {@code fn} on 1 delayed argument (wrap plain values with {@link Delayed#value}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @return the delayed result
     */
    public <A, R> Delayed<R> call(Fn1<A, R> fn, Delayed<A> a) {
        return make(fn, new DelayedFunctions.Call1(fn), new Object[] {a});
    }

    /**
     * A delayed call of {@code fn} on 2 delayed arguments (wrap plain values with {@link Delayed#value}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @return the delayed result
     */
    public <A, B, R> Delayed<R> call(Fn2<A, B, R> fn, Delayed<A> a, Delayed<B> b) {
        return make(fn, new DelayedFunctions.Call2(fn), new Object[] {a, b});
    }

    /**
     * A delayed call of {@code fn} on 3 delayed arguments (wrap plain values with {@link Delayed#value}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @return the delayed result
     */
    public <A, B, C, R> Delayed<R> call(Fn3<A, B, C, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c) {
        return make(fn, new DelayedFunctions.Call3(fn), new Object[] {a, b, c});
    }

    /**
     * A delayed call of {@code fn} on 4 delayed arguments (wrap plain values with {@link Delayed#value}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @param d argument 4
     * @return the delayed result
     */
    public <A, B, C, D, R> Delayed<R> call(Fn4<A, B, C, D, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c, Delayed<D> d) {
        return make(fn, new DelayedFunctions.Call4(fn), new Object[] {a, b, c, d});
    }

    /**
     * A delayed call of {@code fn} on 5 delayed arguments (wrap plain values with {@link Delayed#value}).
     *
     * @param fn a serializable lambda or method reference
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @param d argument 4
     * @param e argument 5
     * @return the delayed result
     */
    public <A, B, C, D, E, R> Delayed<R> call(Fn5<A, B, C, D, E, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c, Delayed<D> d, Delayed<E> e) {
        return make(fn, new DelayedFunctions.Call5(fn), new Object[] {a, b, c, d, e});
    }

    /**
     * A delayed call of {@code fn} on 6 delayed arguments (wrap plain values with {@link Delayed#value}).
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
    public <A, B, C, D, E, F, R> Delayed<R> call(Fn6<A, B, C, D, E, F, R> fn, Delayed<A> a, Delayed<B> b, Delayed<C> c, Delayed<D> d, Delayed<E> e, Delayed<F> f) {
        return make(fn, new DelayedFunctions.Call6(fn), new Object[] {a, b, c, d, e, f});
    }

    /**
     * A delayed call whose arguments may mix delayed values, plain values and lists containing
     * delayed values (resolved to lists of results); the function receives them as an array.
     *
     * @param fn a serializable function of the resolved arguments
     * @param args the arguments
     * @param <R> result type
     * @return the delayed result
     */
    public <R> Delayed<R> apply(FnN<R> fn, Object... args) {
        return make(fn, new DelayedFunctions.CallN(fn), args.clone());
    }

    <R> Delayed<R> make(Object userFn, TaskFunction fn, Object[] args) {
        Arg[] converted = new Arg[args.length];
        List<Graph> deps = new ArrayList<>(args.length);
        Map<Delayed<?>, Boolean> seen = args.length > 1 ? new IdentityHashMap<>() : null;
        for (int i = 0; i < args.length; i++) {
            converted[i] = toArg(args[i], deps, seen);
        }
        Key k = Key.of(key != null ? key : keyName(userFn, args));
        return new Delayed<>(k, Graph.of(new Task(k, fn, converted), deps));
    }

    private String keyName(Object userFn, Object[] args) {
        String prefix = name != null ? name : Tokens.functionName(userFn);
        if (!pure) {
            return prefix + "-" + Tokens.random();
        }
        Object[] parts = new Object[args.length + 1];
        parts[0] = Tokens.functionToken(userFn);
        System.arraycopy(args, 0, parts, 1, args.length);
        return prefix + "-" + Tokens.token(parts);
    }

    private static Arg toArg(Object a, List<Graph> deps, Map<Delayed<?>, Boolean> seen) {
        if (a instanceof Delayed<?> d) {
            if (d.isCheapConstant()) {
                return Arg.value(d.constantValue());
            }
            if (seen == null || seen.put(d, Boolean.TRUE) == null) {
                deps.add(d.graph());
            }
            return Arg.ref(d.key());
        }
        if (a instanceof List<?> list && containsDelayed(list)) {
            List<Arg> items = new ArrayList<>(list.size());
            Map<Delayed<?>, Boolean> s = seen != null ? seen : new IdentityHashMap<>();
            for (Object o : list) {
                items.add(toArg(o, deps, s));
            }
            return Arg.many(items);
        }
        return Arg.value(a);
    }

    private static boolean containsDelayed(List<?> list) {
        for (Object o : list) {
            if (o instanceof Delayed<?> || (o instanceof List<?> l && containsDelayed(l))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Caller(pure=" + pure + (name != null ? ", name=" + name : "") + (key != null ? ", key=" + key : "") + ")";
    }
}
