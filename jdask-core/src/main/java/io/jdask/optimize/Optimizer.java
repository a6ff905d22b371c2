package io.jdask.optimize;

import io.jdask.config.Config;
import io.jdask.graph.GraphException;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The low-level optimisations every compute runs before scheduling: {@link Cull}, then {@link
 * Inline} when the configuration key {@value #INLINE_ACTIVE} is true, then {@link Fuse} when
 * {@value #FUSE_ACTIVE} is true. None of them changes the results of the outputs.
 */
public final class Optimizer {
    /** Configuration key: whether {@link #optimize} inlines aliases and cheap literals. */
    public static final String INLINE_ACTIVE = "optimization.inline.active";

    /** Configuration key: whether {@link #optimize} fuses linear chains. */
    public static final String FUSE_ACTIVE = "optimization.fuse.active";

    private Optimizer() {}

    /**
     * Culls, then inlines and fuses as configured.
     *
     * @param graph the graph
     * @param outputs the keys that will be asked for; each keeps its node
     * @return the optimised graph
     * @throws GraphException if an output is not in the graph, or aliases form a cycle
     */
    public static TaskGraph optimize(TaskGraph graph, List<Key> outputs) {
        Set<Key> outs = new HashSet<>(outputs);
        TaskGraph g = Cull.cull(graph, outs);
        if (Config.getBoolean(INLINE_ACTIVE)) {
            g = Inline.inline(g, outs);
        }
        if (Config.getBoolean(FUSE_ACTIVE)) {
            g = Fuse.fuse(g, outs);
        }
        return g;
    }
}
