package io.jdask.scheduler;

import io.jdask.graph.Alias;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import java.util.List;

/**
 * The bookkeeping of one local run, free of threads and I/O: which tasks are ready (by static
 * priority), which are done, and which results can be released because every task that needs them
 * has run. Literals and aliases complete without being dispatched; a literal holding a {@link
 * java.util.concurrent.Future} (a value held elsewhere, such as a block persisted on a cluster)
 * completes with the future's value, fetched when the run starts. Not thread-safe: the threaded
 * scheduler guards it with a lock.
 */
final class ExecutionState {
    private final IndexedGraph graph;
    private final int[] waiting;
    private final int[] holders;
    private final boolean[] output;
    private final Object[] results;
    private final IntHeap ready;
    private final int[] outputIds;
    private final int[] stack;
    private int remaining;
    private int released;

    ExecutionState(IndexedGraph graph, int[] priority, List<Key> outputs) {
        this.graph = graph;
        int n = graph.size();
        this.waiting = new int[n];
        this.holders = new int[n];
        this.output = new boolean[n];
        this.results = new Object[n];
        this.ready = new IntHeap(priority, 64);
        this.stack = new int[n];
        this.outputIds = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            int id = graph.id(outputs.get(i));
            if (id < 0) {
                throw new IllegalArgumentException("the graph has no task for the requested key " + outputs.get(i));
            }
            outputIds[i] = id;
            output[id] = true;
        }
        remaining = n;
        for (int id = 0; id < n; id++) {
            waiting[id] = graph.dependencies(id).length;
            holders[id] = graph.dependents(id).length;
        }
        int roots = 0;
        for (int id = 0; id < n; id++) {
            if (waiting[id] == 0) {
                stack[roots++] = id;
            }
        }
        int[] initial = java.util.Arrays.copyOf(stack, roots);
        for (int id : initial) {
            becameReady(id);
        }
    }

    /** A literal's value; a future's is waited for (literals have no dependencies, so this runs when the state is built). */
    private static Object valueOf(Literal lit) {
        if (!(lit.value() instanceof java.util.concurrent.Future<?> f)) {
            return lit.value();
        }
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputeCancelledException("interrupted while fetching the value of " + lit.key());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new TaskFailedException(lit.key(), e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw new ComputeCancelledException("the value of " + lit.key() + " was cancelled");
        }
    }

    /** @return whether a task is ready to run */
    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** @return how many tasks are ready */
    int readyCount() {
        return ready.size();
    }

    /** @return the ready task with the best priority; call only when {@link #hasReady()} */
    int pop() {
        return ready.pop();
    }

    /** @return whether every node has completed */
    boolean done() {
        return remaining == 0;
    }

    /** @return how many nodes have not completed yet */
    int remaining() {
        return remaining;
    }

    /** @return how many intermediate results were released so far */
    int released() {
        return released;
    }

    /**
     * @param id a node
     * @return its task (only tasks are ever handed out by {@link #pop()})
     */
    Task task(int id) {
        return (Task) graph.node(id);
    }

    /**
     * @param key a dependency's key
     * @return its result (for argument resolution by a running task)
     */
    Object result(Key key) {
        int id = graph.id(key);
        if (id < 0) {
            throw new IllegalStateException("no result for " + key);
        }
        return results[id];
    }

    /**
     * Records a task's result, releases dependencies no longer needed and readies dependents.
     *
     * @param id the task
     * @param result its result
     */
    void finish(int id, Object result) {
        complete(id, result);
    }

    /** @return the results of the output keys, in order */
    Object[] outputs() {
        Object[] out = new Object[outputIds.length];
        for (int i = 0; i < outputIds.length; i++) {
            out[i] = results[outputIds[i]];
        }
        return out;
    }

    /** @return the number of results held now (for tests of release behaviour) */
    int held() {
        int h = 0;
        for (int id = 0; id < results.length; id++) {
            if (results[id] != null) {
                h++;
            }
        }
        return h;
    }

    private void becameReady(int id) {
        Node n = graph.node(id);
        if (n instanceof Task) {
            ready.push(id);
        } else if (n instanceof Literal lit) {
            complete(id, valueOf(lit));
        } else if (n instanceof Alias alias) {
            complete(id, results[graph.id(alias.target())]);
        }
    }

    private void complete(int first, Object firstResult) {
        int top = 0;
        stack[0] = first;
        results[first] = firstResult;
        while (top >= 0) {
            int id = stack[top--];
            remaining--;
            if (holders[id] == 0 && !output[id]) {
                results[id] = null; // nobody needs it
            }
            for (int d : graph.dependencies(id)) {
                if (--holders[d] == 0 && !output[d]) {
                    results[d] = null;
                    released++;
                }
            }
            for (int dep : graph.dependents(id)) {
                if (--waiting[dep] == 0) {
                    Node n = graph.node(dep);
                    if (n instanceof Task) {
                        ready.push(dep);
                    } else {
                        results[dep] = n instanceof Literal lit ? valueOf(lit) : results[graph.id(((Alias) n).target())];
                        stack[++top] = dep;
                    }
                }
            }
        }
    }
}
