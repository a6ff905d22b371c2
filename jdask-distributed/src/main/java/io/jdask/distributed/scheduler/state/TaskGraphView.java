package io.jdask.distributed.scheduler.state;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scheduler's task graph at one moment, for display: one node per task, or, beyond a limit,
 * one node per key prefix (with how many of its tasks are in each state) so that a big graph stays
 * small.
 *
 * @param grouped whether nodes are prefixes rather than tasks
 * @param taskCount the tasks the scheduler knew
 * @param nodes the nodes
 * @param edges dependency to dependent
 */
public record TaskGraphView(boolean grouped, int taskCount, List<Node> nodes, List<Edge> edges) {
    /** Copies the lists. */
    public TaskGraphView {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /**
     * A task or a prefix.
     *
     * @param id the key (or the prefix when grouped)
     * @param prefix the key prefix
     * @param states how many of its tasks are in each state (one, for a task)
     * @param worker the worker processing or holding it (a task only), or null
     */
    public record Node(String id, String prefix, Map<TaskState, Integer> states, String worker) {
        /** Copies the map. */
        public Node {
            states = Map.copyOf(states);
        }
    }

    /** @param from the dependency's node id @param to the dependent's node id */
    public record Edge(String from, String to) {}

    /**
     * Reads the graph. Walks every task: call it on the thread that owns the state, at a bounded
     * rate.
     *
     * @param s the state
     * @param maxTasks beyond this many tasks, nodes are prefixes
     * @return the view
     */
    public static TaskGraphView of(SchedulerState s, int maxTasks) {
        int n = s.tasks.size();
        if (n <= maxTasks) {
            List<Node> nodes = new ArrayList<>(n);
            List<Edge> edges = new ArrayList<>();
            for (STask t : s.tasks.values()) {
                SWorker w = t.processingOn != null ? t.processingOn : t.whoHas.isEmpty() ? null : t.whoHas.iterator().next();
                String id = t.key.toString();
                nodes.add(new Node(id, t.prefix.name, Map.of(t.state, 1), w == null ? null : w.address));
                for (STask d : t.dependencies) {
                    edges.add(new Edge(d.key.toString(), id));
                }
            }
            return new TaskGraphView(false, n, nodes, edges);
        }
        Map<String, EnumMap<TaskState, Integer>> counts = new LinkedHashMap<>();
        Map<String, Set<String>> links = new HashMap<>();
        for (STask t : s.tasks.values()) {
            counts.computeIfAbsent(t.prefix.name, p -> new EnumMap<>(TaskState.class)).merge(t.state, 1, Integer::sum);
            for (STask d : t.dependencies) {
                if (d.prefix != t.prefix) {
                    links.computeIfAbsent(d.prefix.name, p -> new LinkedHashSet<>()).add(t.prefix.name);
                }
            }
        }
        List<Node> nodes = new ArrayList<>(counts.size());
        counts.forEach((p, c) -> nodes.add(new Node(p, p, c, null)));
        List<Edge> edges = new ArrayList<>();
        links.forEach((from, tos) -> tos.forEach(to -> edges.add(new Edge(from, to))));
        return new TaskGraphView(true, n, nodes, edges);
    }
}
