package io.jdask.optimize;

import io.jdask.graph.Key;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The function of a fused task: runs a linear chain of tasks, first to last, inside one task.
 *
 * <p>The first step refers only to the fused task's inputs (its arguments, in the order of {@link
 * #inputs}); every later step refers only to the result of the step before it. The local results
 * therefore reduce to that one previous result, which is dropped as soon as the next step has
 * run, so a long chain holds one intermediate value at a time. Serializable: it travels to worker
 * processes like any task function.
 */
final class FusedFunction implements TaskFunction {
    private static final long serialVersionUID = 1L;
    private static final int LINEAR_LOOKUP_MAX = 8;

    private final Task[] steps;
    private final Key[] inputs;

    /**
     * @param steps the tasks to run, at least two, each (after the first) referring only to the
     *     one before it
     * @param inputs the keys the first step refers to, in the order the fused task passes them
     */
    FusedFunction(List<Task> steps, List<Key> inputs) {
        if (steps.size() < 2) {
            throw new IllegalArgumentException("a fused function needs at least two steps");
        }
        this.steps = steps.toArray(new Task[0]);
        this.inputs = inputs.toArray(new Key[0]);
    }

    @Override
    public Object apply(Object[] args) throws Exception {
        Previous previous = new Previous();
        Task step = steps[0];
        Object result = run(step, inputLookup(args));
        for (int i = 1; i < steps.length; i++) {
            previous.key = step.key();
            previous.value = result;
            step = steps[i];
            result = run(step, previous);
        }
        return result;
    }

    private Object run(Task step, Function<Key, Object> lookup) throws Exception {
        try {
            return step.run(lookup);
        } catch (Exception e) {
            e.addSuppressed(new FusedStepFailure(step.key(), steps[steps.length - 1].key()));
            throw e;
        }
    }

    private Function<Key, Object> inputLookup(Object[] args) {
        if (args.length != inputs.length) {
            throw new IllegalArgumentException(
                    "fused task expects " + inputs.length + " inputs, got " + args.length);
        }
        if (inputs.length <= LINEAR_LOOKUP_MAX) {
            return k -> {
                for (int i = 0; i < inputs.length; i++) {
                    if (inputs[i].equals(k)) {
                        return args[i];
                    }
                }
                throw missing(k);
            };
        }
        Map<Key, Object> byKey = new HashMap<>(inputs.length * 4 / 3 + 1);
        for (int i = 0; i < inputs.length; i++) {
            byKey.put(inputs[i], args[i]);
        }
        return k -> {
            Object v = byKey.get(k);
            if (v == null && !byKey.containsKey(k)) {
                throw missing(k);
            }
            return v;
        };
    }

    private static IllegalStateException missing(Key k) {
        return new IllegalStateException("fused task has no input " + k);
    }

    /** @return the keys of the steps, first to last */
    List<Key> keys() {
        List<Key> keys = new ArrayList<>(steps.length);
        for (Task t : steps) {
            keys.add(t.key());
        }
        return keys;
    }

    /** @return the keys the first step refers to, in argument order */
    List<Key> inputs() {
        return List.of(inputs);
    }

    @Override
    public String toString() {
        return "fused(" + steps[0].key() + " .. " + steps[steps.length - 1].key() + ", " + steps.length + " steps, inputs "
                + Arrays.toString(inputs) + ")";
    }

    /** The result of the step before the running one. */
    private static final class Previous implements Function<Key, Object> {
        Key key;
        Object value;

        @Override
        public Object apply(Key k) {
            if (!k.equals(key)) {
                throw missing(k);
            }
            return value;
        }
    }

    /** Attached (suppressed) to what a step throws: says which fused step failed. */
    static final class FusedStepFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final Key step;

        FusedStepFailure(Key step, Key fusedInto) {
            super("raised by " + step + ", fused into " + fusedInto, null, false, false);
            this.step = step;
        }

        /** @return the key of the step that failed */
        Key step() {
            return step;
        }
    }
}
