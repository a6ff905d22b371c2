package io.jdask.optimize;

import io.jdask.graph.GraphException;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of the static ordering ({@link Order#order}): the state of a depth-first walk from the
 * graph's sinks that places each node once, plus the eager placement of dependents that free
 * memory. See {@code docs/ordering.md} for the policy.
 *
 * <p>Cost: {@code O(n + e)} plus sorting each node's dependencies ({@code O(e log d)} comparisons
 * for in-degree {@code d}); every loop is iterative.
 */
final class Ordering {
    private static final byte NEW = 0;
    private static final byte ON_STACK = 1;
    private static final byte PLACED = 2;

    private final IndexedGraph g;
    private final int n;
    /** Static estimate of the work a node needs; shared work is split among its users. */
    private final double[] work;
    private final int[] priority;
    private final byte[] state;
    private final int[] unplacedDependencies;
    private final int[] unplacedDependents;
    /** Each node's dependencies, sorted on first visit, in one array; {@code offset[v]} starts v's. */
    private final int[] sortedDeps;
    private final int[] offset;
    private final int[] cursor;
    private int next;
    private int[] eager = new int[16];
    private int eagerSize;
    private int[] found = new int[16];
    private int foundSize;

    private final long[] head0;
    private final long[] head1;
    private final IntSort.Comparator mostWorkFirst;
    private final IntSort.Comparator leastWorkFirst;

    Ordering(IndexedGraph g) {
        this.g = g;
        this.n = g.size();
        this.work = new double[n];
        this.priority = new int[n];
        this.state = new byte[n];
        this.unplacedDependencies = new int[n];
        this.unplacedDependents = new int[n];
        this.offset = new int[n + 1];
        this.cursor = new int[n];
        int edges = 0;
        for (int v = 0; v < n; v++) {
            offset[v] = edges;
            edges += g.dependencies(v).length;
        }
        offset[n] = edges;
        this.sortedDeps = new int[edges];
        this.head0 = new long[n];
        this.head1 = new long[n];
        readKeyHeads();
        this.mostWorkFirst = (a, b) -> {
            int c = Double.compare(work[b], work[a]);
            return c != 0 ? c : compareKeys(a, b);
        };
        this.leastWorkFirst = (a, b) -> {
            int c = Double.compare(work[a], work[b]);
            return c != 0 ? c : compareKeys(a, b);
        };
    }

    /**
     * Key order, decided where possible by the first 16 characters of the names packed into two
     * longs per node (read once, so most comparisons touch no Key object); on equal heads, the full
     * {@link Key#compareTo}.
     */
    private int compareKeys(int a, int b) {
        int c = Long.compareUnsigned(head0[a], head0[b]);
        if (c == 0) {
            c = Long.compareUnsigned(head1[a], head1[b]);
            if (c == 0) {
                c = g.key(a).compareTo(g.key(b));
            }
        }
        return c != 0 ? c : Integer.compare(a, b);
    }

    private void readKeyHeads() {
        for (int v = 0; v < n; v++) {
            String name = g.key(v).name();
            long h0 = pack(name, 0);
            head0[v] = h0;
            // after a character that does not fit a byte, later characters must not decide
            head1[v] = hasMarker(h0) ? -1L : pack(name, 8);
        }
    }

    private static boolean hasMarker(long head) {
        for (int shift = 0; shift < 64; shift += 8) {
            if (((head >>> shift) & 0xFF) == 0xFF) {
                return true;
            }
        }
        return false;
    }

    /**
     * Eight characters of {@code name} from {@code from}, one byte each, zero-padded. A character
     * that does not fit in {@code 0..0xFE} becomes {@code 0xFF} and so do all after it: such a head
     * still orders correctly against heads that differ before the marker, and ties with other
     * marked heads fall back to the full comparison. Heads that differ order their names as
     * {@link String#compareTo} does.
     */
    private static long pack(String name, int from) {
        long h = 0;
        for (int i = from; i < from + 8; i++) {
            int ch = i < name.length() ? name.charAt(i) : 0;
            if (ch > 0xFE) {
                for (; i < from + 8; i++) {
                    h = (h << 8) | 0xFF;
                }
                return h;
            }
            h = (h << 8) | ch;
        }
        return h;
    }

    int[] run() {
        estimateWork();
        for (int v = 0; v < n; v++) {
            unplacedDependencies[v] = g.dependencies(v).length;
            unplacedDependents[v] = g.dependents(v).length;
        }
        int[] sinks = sinks();
        int[] stack = new int[n];
        for (int s : sinks) {
            if (state[s] != NEW) {
                continue;
            }
            int top = 0;
            stack[0] = s;
            visit(s);
            while (top >= 0) {
                int v = stack[top];
                if (state[v] == PLACED) {
                    top--;
                    continue;
                }
                int c = cursor[v];
                int end = offset[v + 1];
                while (c < end && state[sortedDeps[c]] == PLACED) {
                    c++;
                }
                if (c < end) {
                    cursor[v] = c + 1;
                    int d = sortedDeps[c];
                    if (state[d] == ON_STACK) {
                        throw cycle(stack, top, d);
                    }
                    visit(d);
                    stack[++top] = d;
                } else {
                    top--;
                    place(v);
                    drainEager();
                }
            }
        }
        if (next != n) {
            throw unreachableCycle();
        }
        return priority;
    }

    /**
     * {@code work[v] = 1 + sum over dependencies d of work[d] / (number of dependents of d)}, in
     * topological order (Kahn's algorithm). For a tree this is the size of the subtree; on a DAG the
     * shared parts are split among their users, so the works of the sinks add up to {@code n}.
     */
    private void estimateWork() {
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        int[] waiting = unplacedDependencies; // borrowed; reset in run()
        for (int v = 0; v < n; v++) {
            waiting[v] = g.dependencies(v).length;
            if (waiting[v] == 0) {
                queue[tail++] = v;
            }
        }
        while (head < tail) {
            int v = queue[head++];
            double w = 1.0;
            for (int d : g.dependencies(v)) {
                w += work[d] / g.dependents(d).length;
            }
            work[v] = w;
            for (int t : g.dependents(v)) {
                if (--waiting[t] == 0) {
                    queue[tail++] = t;
                }
            }
        }
    }

    /** @return the nodes nothing depends on, smallest goal (least work) first */
    private int[] sinks() {
        int count = 0;
        for (int v = 0; v < n; v++) {
            if (g.dependents(v).length == 0) {
                count++;
            }
        }
        int[] sinks = new int[count];
        int i = 0;
        for (int v = 0; v < n; v++) {
            if (g.dependents(v).length == 0) {
                sinks[i++] = v;
            }
        }
        IntSort.sort(sinks, 0, count, leastWorkFirst);
        return sinks;
    }

    /** Marks {@code v} as on the walk's stack and sorts its dependencies, most work first. */
    private void visit(int v) {
        state[v] = ON_STACK;
        int[] deps = g.dependencies(v);
        int from = offset[v];
        System.arraycopy(deps, 0, sortedDeps, from, deps.length);
        IntSort.sort(sortedDeps, from, from + deps.length, mostWorkFirst);
        cursor[v] = from;
    }

    /**
     * Gives {@code v} the next priority and queues, for eager placement, every dependent that is
     * now ready and whose placement would release a result: a dependent of {@code v} whose last
     * missing dependency was {@code v}, and the one dependent a dependency of {@code v} still waits
     * for.
     */
    private void place(int v) {
        priority[v] = next++;
        state[v] = PLACED;
        foundSize = 0;
        for (int w : g.dependents(v)) {
            if (--unplacedDependencies[w] == 0 && state[w] != PLACED && releases(w)) {
                addFound(w);
            }
        }
        for (int u : g.dependencies(v)) {
            if (--unplacedDependents[u] == 1) {
                int w = lastUnplacedDependent(u);
                if (unplacedDependencies[w] == 0) {
                    addFound(w);
                }
            }
        }
        if (foundSize > 1) {
            IntSort.sort(found, 0, foundSize, leastWorkFirst);
        }
        for (int i = foundSize - 1; i >= 0; i--) {
            if (eagerSize == eager.length) {
                eager = Arrays.copyOf(eager, eagerSize * 2);
            }
            eager[eagerSize++] = found[i];
        }
    }

    private void drainEager() {
        while (eagerSize > 0) {
            int w = eager[--eagerSize];
            if (state[w] != PLACED) {
                place(w);
            }
        }
    }

    /** @return whether placing the ready node {@code w} would release one of its dependencies */
    private boolean releases(int w) {
        for (int u : g.dependencies(w)) {
            if (unplacedDependents[u] == 1) {
                return true;
            }
        }
        return false;
    }

    private int lastUnplacedDependent(int u) {
        for (int w : g.dependents(u)) {
            if (state[w] != PLACED) {
                return w;
            }
        }
        throw new IllegalStateException("node " + g.key(u) + " has no unplaced dependent");
    }

    private void addFound(int w) {
        if (foundSize == found.length) {
            found = Arrays.copyOf(found, foundSize * 2);
        }
        found[foundSize++] = w;
    }

    private GraphException cycle(int[] stack, int top, int d) {
        int from = top;
        while (stack[from] != d) {
            from--;
        }
        List<Key> keys = new ArrayList<>();
        for (int i = from; i <= top; i++) {
            keys.add(g.key(stack[i])); // each depends on the next, the last on the first
        }
        return new GraphException("the graph has a cycle: " + keys, keys);
    }

    private GraphException unreachableCycle() {
        List<Key> keys = new ArrayList<>();
        for (int v = 0; v < n && keys.size() < 10; v++) {
            if (state[v] != PLACED) {
                keys.add(g.key(v));
            }
        }
        return new GraphException("the graph has a cycle that no output depends on, among " + keys, keys);
    }
}
