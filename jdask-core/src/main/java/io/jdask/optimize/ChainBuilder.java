package io.jdask.optimize;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one linear chain of nodes into the single node that replaces it.
 *
 * <p>A chain is listed first to last; every member after the first has exactly one dependency,
 * the member before it. Aliases inside the chain only forward a value, so they disappear; a
 * literal can only start a chain, and its value is passed as a constant to the member that used
 * it. What is left decides the result: nothing but the literal gives a {@link Literal}, nothing but
 * an alias gives an {@link Alias} to the chain's input, one task gives that task under the last
 * key, and two tasks or more give a task running a {@link FusedFunction}.
 */
final class ChainBuilder {
    private ChainBuilder() {}

    /**
     * @param chain the members, first to last, at least two
     * @return the node replacing the chain, keyed by the last member's key
     */
    static Node build(List<Node> chain) {
        Key top = chain.get(chain.size() - 1).key();
        List<Task> steps = new ArrayList<>();
        Node first = chain.get(0);
        // what the next member receives: a constant, or the result of a key
        Arg carried = switch (first) {
            case Literal lit -> Arg.value(lit.value());
            case Alias a -> Arg.ref(a.target());
            case Task t -> {
                steps.add(t);
                yield Arg.ref(t.key());
            }
        };
        Key previousKey = first.key();
        for (int i = 1; i < chain.size(); i++) {
            Node member = chain.get(i);
            if (member instanceof Task t) {
                Task step = rewire(t, previousKey, carried);
                steps.add(step);
                carried = Arg.ref(step.key());
            } else if (!(member instanceof Alias)) {
                throw new IllegalArgumentException("a literal can only start a chain: " + member.key());
            }
            previousKey = member.key();
        }
        if (steps.isEmpty()) {
            return carried instanceof Arg.Value v ? new Literal(top, v.value()) : new Alias(top, ((Arg.Ref) carried).key());
        }
        if (steps.size() == 1) {
            Task only = steps.get(0);
            return only.key().equals(top) ? only : only.withKey(top);
        }
        Task firstStep = steps.get(0);
        List<Arg> inputArgs = new ArrayList<>(firstStep.dependencies().size());
        for (Key k : firstStep.dependencies()) {
            inputArgs.add(Arg.ref(k));
        }
        return new Task(top, new FusedFunction(steps, firstStep.dependencies()), inputArgs);
    }

    /** Makes {@code t}'s references to the previous member refer to what that member carried. */
    private static Task rewire(Task t, Key previousKey, Arg carried) {
        if (carried instanceof Arg.Ref r && r.key().equals(previousKey)) {
            return t;
        }
        return t.rewriteArgs(k -> k.equals(previousKey) ? carried : null);
    }
}
