package io.jdask.distributed.client;

import io.jdask.diagnostics.Callback;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.scheduler.Scheduler;
import java.util.List;

/**
 * Core's scheduler contract for {@link Client#persist}: core optimises the collection's graph as
 * for any compute, this runs it on the cluster and answers with the outputs' futures instead of
 * their values, so core rebuilds the collection on literals that hold those futures while the
 * values stay on the workers.
 */
record PersistScheduler(ClientImpl client) implements Scheduler {
    @Override
    public String name() {
        return "distributed";
    }

    @Override
    public List<Object> compute(TaskGraph graph, List<Key> outputs, Callback callback) {
        return client.persistGraph(graph, outputs, callback);
    }
}
