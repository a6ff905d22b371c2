package io.jdask.distributed.scheduler.state;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The scheduler-side queue of root tasks: best first by priority, then key (what a {@code TreeSet}
 * with that comparator gave). A binary heap in an array; each queued task keeps its place in
 * {@link STask#queueSlot}, so removing one is a sift from its slot, not a search.
 *
 * <p>Why not a {@code TreeSet}: its comparisons run in the JDK's shared {@code TreeMap} code, and
 * the comparator built from {@code Comparator.comparing(..).thenComparing(..)} calls its key
 * extractors and {@code compareTo} from lambdas in the JDK's {@code Comparator} code. Both type
 * profiles are shared by every sorted collection and comparator of the process; in a scheduler
 * that also serves the dashboard they turn into virtual calls the JIT does not inline (see
 * {@code OpenHashMap}). Here {@link #before} calls {@code compareTo} of the final classes
 * {@code Priority} and {@code Key} directly.
 *
 * <p>Not thread-safe; owned by the scheduler's loop.
 */
final class TaskQueue implements Iterable<STask> {
    private STask[] heap = new STask[64];
    private int size;

    /** @return whether {@code a} runs before {@code b} */
    static boolean before(STask a, STask b) {
        int c = a.priority.compareTo(b.priority);
        return c != 0 ? c < 0 : a.key.compareTo(b.key) < 0;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    boolean contains(STask t) {
        int i = t.queueSlot;
        return i >= 0 && i < size && heap[i] == t;
    }

    /**
     * @param t a task not in this queue
     * @throws IllegalStateException if it is queued already
     */
    void add(STask t) {
        if (t.queueSlot >= 0) {
            throw new IllegalStateException(t.key + " is queued already");
        }
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        up(t, size++);
    }

    /** @return the best task, left in the queue */
    STask first() {
        if (size == 0) {
            throw new NoSuchElementException("no queued task");
        }
        return heap[0];
    }

    /** @return whether {@code t} was in the queue (it is not anymore) */
    boolean remove(STask t) {
        if (!contains(t)) {
            return false;
        }
        int i = t.queueSlot;
        t.queueSlot = -1;
        STask last = heap[--size];
        heap[size] = null;
        if (last != t) {
            if (i > 0 && before(last, heap[(i - 1) >>> 1])) {
                up(last, i);
            } else {
                down(last, i);
            }
        }
        return true;
    }

    /** Puts {@code t} at slot {@code i} or above, moving worse parents down. */
    private void up(STask t, int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            STask p = heap[parent];
            if (!before(t, p)) {
                break;
            }
            heap[i] = p;
            p.queueSlot = i;
            i = parent;
        }
        heap[i] = t;
        t.queueSlot = i;
    }

    /** Puts {@code t} at slot {@code i} or below, moving better children up. */
    private void down(STask t, int i) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            STask c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[right];
            }
            if (!before(c, t)) {
                break;
            }
            heap[i] = c;
            c.queueSlot = i;
            i = child;
        }
        heap[i] = t;
        t.queueSlot = i;
    }

    /** @return the queued tasks, best first (a copy) */
    List<STask> sorted() {
        List<STask> out = Arrays.asList(Arrays.copyOf(heap, size));
        out.sort((a, b) -> a == b ? 0 : before(a, b) ? -1 : 1);
        return out;
    }

    /** Iterates in no particular order; the queue must not change meanwhile. */
    @Override
    public Iterator<STask> iterator() {
        return Arrays.asList(heap).subList(0, size).iterator();
    }
}
