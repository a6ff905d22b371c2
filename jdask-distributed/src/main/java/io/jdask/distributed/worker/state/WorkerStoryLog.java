package io.jdask.distributed.worker.state;

import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A worker's log of its latest transitions, of all keys together: a ring of at most {@code limit}
 * entries held in parallel arrays, so recording a transition allocates nothing (the arrays grow by
 * doubling up to the limit, then the oldest entry is overwritten). An entry keeps references (the
 * key, the stimulus, a constant or shared note) and, for notes that carry a duration, the number
 * of nanoseconds; the note's text is built only when {@link #of(Key)} is asked.
 */
final class WorkerStoryLog {
    /** No duration: the note is shown as it is. */
    static final long NO_NANOS = Long.MIN_VALUE;

    private final int limit;
    private Key[] keys;
    private WorkerTaskState[] from;
    private WorkerTaskState[] to;
    private String[] notes;
    /** A duration shown after the note as {@code "N ns"}, or {@link #NO_NANOS}. */
    private long[] durations;
    private String[] stimuli;
    private long[] nanos;
    /** Where the next entry goes. */
    private int next;
    private int size;

    WorkerStoryLog(int limit) {
        this.limit = limit;
        int initial = Math.min(limit, 1024);
        keys = new Key[initial];
        from = new WorkerTaskState[initial];
        to = new WorkerTaskState[initial];
        notes = new String[initial];
        durations = new long[initial];
        stimuli = new String[initial];
        nanos = new long[initial];
    }

    /**
     * Records one transition.
     *
     * @param duration nanoseconds shown after the note ({@code note + duration + " ns"}), or {@link #NO_NANOS}
     */
    void add(Key key, WorkerTaskState f, WorkerTaskState t, String note, long duration, String stimulus, long time) {
        if (next == keys.length && keys.length < limit) {
            grow();
        }
        if (next == keys.length) {
            next = 0; // full: overwrite the oldest
        }
        keys[next] = key;
        from[next] = f;
        to[next] = t;
        notes[next] = note;
        durations[next] = duration;
        stimuli[next] = stimulus;
        nanos[next] = time;
        next++;
        if (size < keys.length) {
            size++;
        }
    }

    private void grow() {
        int n = (int) Math.min(limit, 2L * keys.length);
        keys = Arrays.copyOf(keys, n);
        from = Arrays.copyOf(from, n);
        to = Arrays.copyOf(to, n);
        notes = Arrays.copyOf(notes, n);
        durations = Arrays.copyOf(durations, n);
        stimuli = Arrays.copyOf(stimuli, n);
        nanos = Arrays.copyOf(nanos, n);
    }

    /** @return the entries about {@code key}, oldest first */
    List<WorkerStoryEntry> of(Key key) {
        List<WorkerStoryEntry> out = new ArrayList<>();
        int start = size < keys.length ? 0 : next; // while growing, nothing was overwritten yet
        for (int n = 0; n < size; n++) {
            int i = (start + n) % keys.length;
            if (keys[i].equals(key)) {
                String note = durations[i] == NO_NANOS ? notes[i] : notes[i] + durations[i] + " ns";
                out.add(new WorkerStoryEntry(keys[i], from[i], to[i], note, stimuli[i], nanos[i]));
            }
        }
        return out;
    }
}
