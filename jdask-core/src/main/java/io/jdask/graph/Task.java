package io.jdask.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.Function;

/**
 * A graph node that runs a function on its arguments.
 *
 * <p>Immutable. The dependencies are the distinct keys referenced by the arguments.
 */
public final class Task implements Node {
    private static final long serialVersionUID = 1L;

    private final Key key;
    private final TaskFunction function;
    private final Arg[] args;
    private final List<Key> dependencies;

    /**
     * @param key the key of the task's result
     * @param function what the task runs
     * @param args its arguments
     */
    public Task(Key key, TaskFunction function, Arg... args) {
        this(key, function, args.clone(), true);
    }

    /**
     * @param key the key of the task's result
     * @param function what the task runs
     * @param args its arguments
     */
    public Task(Key key, TaskFunction function, List<Arg> args) {
        this(key, function, args.toArray(new Arg[0]), true);
    }

    private Task(Key key, TaskFunction function, Arg[] args, boolean owned) {
        if (key == null || function == null) {
            throw new IllegalArgumentException("a task needs a key and a function");
        }
        this.key = key;
        this.function = function;
        this.args = args;
        this.dependencies = collectDependencies(args);
    }

    private static List<Key> collectDependencies(Arg[] args) {
        if (args.length == 0) {
            return List.of();
        }
        if (args.length == 1) {
            if (args[0] instanceof Arg.Ref r) {
                return List.of(r.key());
            }
            if (args[0] instanceof Arg.Value) {
                return List.of();
            }
        }
        LinkedHashSet<Key> keys = new LinkedHashSet<>();
        for (Arg a : args) {
            a.collectKeys(keys);
        }
        return keys.isEmpty() ? List.of() : Collections.unmodifiableList(new ArrayList<>(keys));
    }

    @Override
    public Key key() {
        return key;
    }

    /** @return the function the task runs */
    public TaskFunction function() {
        return function;
    }

    /** @return the number of arguments */
    public int arity() {
        return args.length;
    }

    /**
     * @param i which argument
     * @return the {@code i}-th argument
     */
    public Arg arg(int i) {
        return args[i];
    }

    /** @return the arguments, as an unmodifiable list */
    public List<Arg> args() {
        return List.of(args);
    }

    @Override
    public List<Key> dependencies() {
        return dependencies;
    }

    @Override
    public Task withKey(Key k) {
        return new Task(k, function, args, true);
    }

    /**
     * @param rewrite maps a referenced key to the argument that replaces the reference, or null
     * @return this task with its argument references rewritten
     */
    public Task rewriteArgs(Function<Key, Arg> rewrite) {
        Arg[] out = null;
        for (int i = 0; i < args.length; i++) {
            Arg r = args[i].rewrite(rewrite);
            if (r != args[i] && out == null) {
                out = args.clone();
            }
            if (out != null) {
                out[i] = r;
            }
        }
        return out == null ? this : new Task(key, function, out, true);
    }

    /**
     * Runs the task's function on resolved arguments.
     *
     * @param results the result of each key the task refers to
     * @return the task's result
     * @throws Exception what the function throws
     */
    public Object run(Function<Key, Object> results) throws Exception {
        Object[] values = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            values[i] = args[i].resolve(results);
        }
        return function.apply(values);
    }

    @Override
    public String toString() {
        return key + " = task(" + dependencies + ")";
    }
}
