package io.jdask;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.Callbacks;
import io.jdask.diagnostics.ProgressBar;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.optimize.Optimizer;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one {@code compute}/{@code persist} call runs: which scheduler (default: {@link
 * Schedulers#current()}), extra callbacks, and whether to optimise the graph. Not thread-safe;
 * build, use, discard.
 */
public final class ComputeOptions {
    private Scheduler scheduler;
    private final List<Callback> callbacks = new ArrayList<>();
    private boolean optimize = true;

    ComputeOptions() {}

    /**
     * @param scheduler the scheduler for this call
     * @return these options
     */
    public ComputeOptions scheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    /**
     * @param callback a callback for this call only (in addition to those registered globally)
     * @return these options
     */
    public ComputeOptions callback(Callback callback) {
        callbacks.add(callback);
        return this;
    }

    /**
     * @param optimize false to run the graph as built (no cull, inline or fuse)
     * @return these options
     */
    public ComputeOptions optimize(boolean optimize) {
        this.optimize = optimize;
        return this;
    }

    /**
     * @param collections the collections
     * @return their values
     */
    public Computed compute(Lazy<?>... collections) {
        List<Lazy<?>> cs = List.of(collections);
        Map<Key, Object> results = run(cs);
        List<Object> values = new ArrayList<>(cs.size());
        for (Lazy<?> c : cs) {
            values.add(c.assemble(resultsOf(c, results)));
        }
        return new Computed(cs, values);
    }

    /**
     * @param collections the collections
     * @return them rebuilt on their computed results
     */
    public Persisted persist(Lazy<?>... collections) {
        List<Lazy<?>> cs = List.of(collections);
        Map<Key, Object> results = run(cs);
        List<Lazy<?>> rebuilt = new ArrayList<>(cs.size());
        for (Lazy<?> c : cs) {
            Map<Key, Object> own = new HashMap<>();
            for (Key k : c.keys()) {
                own.put(k, results.get(k));
            }
            rebuilt.add(c.rebuild(own));
        }
        return new Persisted(cs, rebuilt);
    }

    private static List<Object> resultsOf(Lazy<?> c, Map<Key, Object> results) {
        List<Key> keys = c.keys();
        List<Object> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            out.add(results.get(k));
        }
        return out;
    }

    private Map<Key, Object> run(List<Lazy<?>> cs) {
        if (cs.isEmpty()) {
            return Map.of();
        }
        List<Graph> graphs = new ArrayList<>(cs.size());
        LinkedHashMap<Key, Boolean> wanted = new LinkedHashMap<>();
        for (Lazy<?> c : cs) {
            graphs.add(c.graph());
            for (Key k : c.keys()) {
                wanted.put(k, Boolean.TRUE);
            }
        }
        List<Key> outputs = List.copyOf(wanted.keySet());
        TaskGraph graph = Graph.merge(graphs).materialize();
        if (optimize) {
            java.util.Set<Object> hooksRun = new java.util.HashSet<>();
            for (Lazy<?> c : cs) {
                if (hooksRun.add(c.optimizationKey())) {
                    graph = c.optimize(graph, outputs);
                }
            }
            graph = Optimizer.optimize(graph, outputs);
        }
        graph.validate(outputs);
        List<Callback> all = new ArrayList<>(Callbacks.active());
        all.addAll(callbacks);
        Callback progress = ProgressBar.automatic();
        if (progress != Callbacks.NONE) {
            all.add(progress);
        }
        Scheduler s = scheduler != null ? scheduler : Schedulers.current();
        List<Object> values = s.compute(graph, outputs, Callbacks.compose(all));
        Map<Key, Object> results = new HashMap<>(outputs.size() * 4 / 3 + 1);
        for (int i = 0; i < outputs.size(); i++) {
            results.put(outputs.get(i), values.get(i));
        }
        return results;
    }
}
