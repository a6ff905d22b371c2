package io.jdask.distributed.client;

import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.graph.Alias;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import io.jdask.optimize.Order;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a graph into the task specs of one {@code UpdateGraph}. A literal holding a future of
 * this client (a persisted collection's block) is not sent: the scheduler holds that key, so the
 * tasks that use it depend on it there; under another key it becomes an alias of the future's key.
 */
final class GraphSpecs {
    private GraphSpecs() {}

    static List<TaskSpec> of(ClientImpl client, TaskGraph graph) {
        IndexedGraph ig = graph.index();
        int[] priority = Order.order(ig);
        List<TaskSpec> specs = new ArrayList<>(ig.size());
        ClientCodeShipping.Payloads payloads = client.payloads();
        for (int id = 0; id < ig.size(); id++) {
            Node n = ig.node(id);
            if (n instanceof Literal lit && lit.value() instanceof ClusterFuture<?> f) {
                Key held = ours(client, f, n.key());
                if (held.equals(n.key())) {
                    continue;
                }
                n = new Alias(n.key(), held);
            }
            specs.add(TaskSpec.of(n.key(), payloads.payload(n), n.dependencies(), priority[id]));
        }
        return specs;
    }

    /** The key of a future found in a graph, checked to belong to this client and still be held. */
    static Key ours(ClientImpl client, ClusterFuture<?> f, Key node) {
        if (!(f instanceof FutureImpl<?> fi) || fi.client() != client) {
            throw new IllegalArgumentException("node " + node + " refers to " + f + ", a future of another client: a collection persisted on a "
                    + "cluster computes only through the client that persisted it (publish it as a dataset to share it)");
        }
        if (fi.released()) {
            throw new IllegalArgumentException("node " + node + " refers to " + f + ", which was released: persist the collection again");
        }
        return fi.key();
    }
}
