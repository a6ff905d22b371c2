package io.jdask.optimize;

import io.jdask.graph.IndexedGraph;

/** Temporary ordering (dependencies first, in insertion order); replaced by the real policy. */
public final class Order {
    private Order() {}

    public static int[] order(IndexedGraph g) {
        int n = g.size();
        int[] waiting = new int[n];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            waiting[i] = g.dependencies(i).length;
            if (waiting[i] == 0) {
                queue[tail++] = i;
            }
        }
        int[] priority = new int[n];
        int next = 0;
        while (head < tail) {
            int v = queue[head++];
            priority[v] = next++;
            for (int d : g.dependents(v)) {
                if (--waiting[d] == 0) {
                    queue[tail++] = d;
                }
            }
        }
        return priority;
    }
}
