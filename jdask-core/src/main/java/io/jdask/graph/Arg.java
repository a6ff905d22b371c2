package io.jdask.graph;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * One argument of a {@link Task}: a reference to another task's result, a literal value, or a list
 * of arguments (resolved to a {@link List}).
 */
public sealed interface Arg extends Serializable {

    /**
     * Resolves this argument against computed results.
     *
     * @param results the result of each referenced key
     * @return the value passed to the task function
     */
    Object resolve(Function<Key, Object> results);

    /**
     * Adds every key this argument refers to, in order, to {@code out}.
     *
     * @param out where keys are added
     */
    void collectKeys(Collection<Key> out);

    /**
     * Rewrites the references of this argument.
     *
     * @param rewrite maps a referenced key to the argument that replaces the reference
     * @return this argument with references rewritten (this instance when nothing changed)
     */
    Arg rewrite(Function<Key, Arg> rewrite);

    /**
     * @param key the key to refer to
     * @return an argument whose value is the result of {@code key}
     */
    static Arg ref(Key key) {
        return new Ref(key);
    }

    /**
     * @param value a literal value, passed as it is
     * @return the argument
     */
    static Arg value(Object value) {
        return new Value(value);
    }

    /**
     * @param items the arguments whose values make the list
     * @return an argument resolved to a list of the items' values
     */
    static Arg many(List<Arg> items) {
        return new Many(List.copyOf(items));
    }

    /**
     * @param keys keys whose results make the list
     * @return an argument resolved to the list of those results
     */
    static Arg refs(List<Key> keys) {
        List<Arg> items = new ArrayList<>(keys.size());
        for (Key k : keys) {
            items.add(new Ref(k));
        }
        return new Many(List.copyOf(items));
    }

    /** A reference to the result of another task. */
    record Ref(Key key) implements Arg {
        public Ref {
            if (key == null) {
                throw new IllegalArgumentException("a reference needs a key");
            }
        }

        @Override
        public Object resolve(Function<Key, Object> results) {
            return results.apply(key);
        }

        @Override
        public void collectKeys(Collection<Key> out) {
            out.add(key);
        }

        @Override
        public Arg rewrite(Function<Key, Arg> rewrite) {
            Arg r = rewrite.apply(key);
            return r == null ? this : r;
        }
    }

    /** A literal value. */
    record Value(Object value) implements Arg {
        @Override
        public Object resolve(Function<Key, Object> results) {
            return value;
        }

        @Override
        public void collectKeys(Collection<Key> out) {}

        @Override
        public Arg rewrite(Function<Key, Arg> rewrite) {
            return this;
        }
    }

    /** A list of arguments, resolved to a {@link List} of their values. */
    record Many(List<Arg> items) implements Arg {
        @Override
        public Object resolve(Function<Key, Object> results) {
            List<Object> values = new ArrayList<>(items.size());
            for (Arg a : items) {
                values.add(a.resolve(results));
            }
            return values;
        }

        @Override
        public void collectKeys(Collection<Key> out) {
            for (Arg a : items) {
                a.collectKeys(out);
            }
        }

        @Override
        public Arg rewrite(Function<Key, Arg> rewrite) {
            List<Arg> out = null;
            for (int i = 0; i < items.size(); i++) {
                Arg a = items.get(i);
                Arg r = a.rewrite(rewrite);
                if (r != a && out == null) {
                    out = new ArrayList<>(items);
                }
                if (out != null) {
                    out.set(i, r);
                }
            }
            return out == null ? this : new Many(List.copyOf(out));
        }
    }
}
