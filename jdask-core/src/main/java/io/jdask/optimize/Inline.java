package io.jdask.optimize;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.GraphException;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Removes indirections and cheap constants from a graph, like Dask's {@code inline}.
 *
 * <ul>
 *   <li><b>Aliases.</b> A reference to an {@link Alias} becomes a reference to the alias's final
 *       target (following chains of aliases). The alias is removed unless it is an output; an
 *       output alias is re-pointed at its final target.
 *   <li><b>Cheap constants.</b> A reference to a {@link Literal} whose value {@link #isCheap is
 *       cheap} becomes an {@link Arg.Value} holding that value, and the literal is removed unless
 *       it is an output. Other literals (arrays, data blocks, anything mutable or large) stay
 *       nodes, so every task that uses one shares it instead of carrying its own copy.
 * </ul>
 *
 * <p>Linear in the size of the graph; chains of aliases of any length are resolved iteratively.
 */
public final class Inline {
    /** The longest {@link String} that {@link #isCheap} accepts. */
    public static final int MAX_CHEAP_STRING_LENGTH = 1024;

    /** The largest {@link List} that {@link #isCheap} accepts. */
    public static final int MAX_CHEAP_LIST_SIZE = 16;

    private Inline() {}

    /**
     * Inlines aliases and cheap literals.
     *
     * @param graph the graph
     * @param outputs the keys that will be asked for; they keep their nodes
     * @return the graph without removable aliases and cheap literals ({@code graph} itself when
     *     there is nothing to inline)
     * @throws GraphException if aliases refer to each other in a cycle
     */
    public static TaskGraph inline(TaskGraph graph, Collection<Key> outputs) {
        Map<Key, Arg> replacements = new HashMap<>();
        boolean aliases = false;
        for (Node n : graph.nodes().values()) {
            if (n instanceof Literal lit && isCheap(lit.value())) {
                replacements.put(lit.key(), Arg.value(lit.value()));
            } else if (n instanceof Alias) {
                aliases = true;
            }
        }
        if (aliases) {
            for (Map.Entry<Key, Key> e : resolveAliases(graph).entrySet()) {
                replacements.put(e.getKey(), replacementOf(graph, e.getValue()));
            }
        }
        if (replacements.isEmpty()) {
            return graph;
        }
        Set<Key> outs = outputs instanceof Set<Key> s ? s : new HashSet<>(outputs);
        Function<Key, Arg> rewrite = replacements::get;
        Map<Key, Node> out = new LinkedHashMap<>(Math.max(16, graph.size() * 4 / 3 + 1));
        for (Node n : graph.nodes().values()) {
            Node kept = switch (n) {
                case Task t -> t.rewriteArgs(rewrite);
                case Literal lit -> replacements.containsKey(lit.key()) && !outs.contains(lit.key()) ? null : lit;
                case Alias a -> outs.contains(a.key()) ? outputAlias(a, replacements.get(a.key())) : null;
            };
            if (kept != null) {
                out.put(kept.key(), kept);
            }
        }
        return TaskGraph.of(out);
    }

    /**
     * Whether a literal value is cheap enough to be copied into every task that uses it: {@code
     * null}, a boxed primitive ({@link Boolean}, {@link Character}, {@link Byte}, {@link Short},
     * {@link Integer}, {@link Long}, {@link Float}, {@link Double}), a {@link String} of at most
     * {@value #MAX_CHEAP_STRING_LENGTH} characters, an {@link Enum} constant, a {@link Key}, or a
     * {@link List} of at most {@value #MAX_CHEAP_LIST_SIZE} such values (not nested lists). These
     * are small, and (lists aside) immutable, so carrying them in each task instead of sharing one
     * node costs next to nothing. Arrays, collections of other kinds and any other object are not
     * cheap.
     *
     * @param value a literal's value
     * @return whether it is cheap
     */
    public static boolean isCheap(Object value) {
        if (value instanceof List<?> list) {
            if (list.size() > MAX_CHEAP_LIST_SIZE) {
                return false;
            }
            for (Object item : list) {
                if (item instanceof List<?> || !isCheapScalar(item)) {
                    return false;
                }
            }
            return true;
        }
        return isCheapScalar(value);
    }

    private static boolean isCheapScalar(Object v) {
        return v == null
                || v instanceof Boolean
                || v instanceof Character
                || v instanceof Byte
                || v instanceof Short
                || v instanceof Integer
                || v instanceof Long
                || v instanceof Float
                || v instanceof Double
                || (v instanceof String s && s.length() <= MAX_CHEAP_STRING_LENGTH)
                || v instanceof Enum<?>
                || v instanceof Key;
    }

    /** The argument that replaces a reference to an alias whose final target is {@code target}. */
    private static Arg replacementOf(TaskGraph graph, Key target) {
        if (graph.get(target) instanceof Literal lit && isCheap(lit.value())) {
            return Arg.value(lit.value());
        }
        return Arg.ref(target);
    }

    /** An output alias pointing straight at its final target, or holding the cheap value it names. */
    private static Node outputAlias(Alias a, Arg replacement) {
        return switch (replacement) {
            case Arg.Value v -> new Literal(a.key(), v.value());
            case Arg.Ref r -> r.key().equals(a.target()) ? a : new Alias(a.key(), r.key());
            case Arg.Many m -> throw new IllegalStateException("an alias is never replaced by a list");
        };
    }

    /**
     * Follows every chain of aliases to its end, compressing paths so each alias is visited once.
     *
     * @return for each alias key, the first key along its chain that is not an alias (possibly one
     *     the graph does not hold)
     * @throws GraphException if aliases form a cycle
     */
    static Map<Key, Key> resolveAliases(TaskGraph graph) {
        Map<Key, Key> resolved = new HashMap<>();
        List<Key> path = new ArrayList<>();
        Set<Key> onPath = new HashSet<>();
        for (Node n : graph.nodes().values()) {
            if (!(n instanceof Alias start) || resolved.containsKey(start.key())) {
                continue;
            }
            path.clear();
            onPath.clear();
            Key at = start.key();
            Key end;
            while (true) {
                Key known = resolved.get(at);
                if (known != null) {
                    end = known;
                    break;
                }
                if (!(graph.get(at) instanceof Alias a)) {
                    end = at;
                    break;
                }
                if (!onPath.add(at)) {
                    List<Key> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
                    throw new GraphException("aliases refer to each other in a cycle: " + cycle, cycle);
                }
                path.add(at);
                at = a.target();
            }
            for (Key k : path) {
                resolved.put(k, end);
            }
        }
        return resolved;
    }
}
