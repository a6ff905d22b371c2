package io.jdask.distributed.scheduler.state;

import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scheduler's log of the latest transitions, of all tasks together: a ring of at most {@code
 * limit} entries held in parallel arrays, so recording a transition allocates nothing (the arrays
 * grow by doubling up to the limit, then the oldest entry is overwritten). An entry keeps
 * references (the key, the stimulus, a note, the address of the worker it happened on) and is
 * turned into a {@link StoryEntry} with its note text only when {@link #of(Key)} is asked.
 */
final class StoryLog {
    private final int limit;
    private Key[] keys;
    private TaskState[] from;
    private TaskState[] to;
    private String[] notes;
    /** The worker the note is about ("on ADDRESS"), or null. */
    private String[] on;
    private String[] stimuli;
    private long[] nanos;
    /** Where the next entry goes. */
    private int next;
    private int size;

    StoryLog(int limit) {
        this.limit = limit;
        int initial = Math.min(limit, 1024);
        keys = new Key[initial];
        from = new TaskState[initial];
        to = new TaskState[initial];
        notes = new String[initial];
        on = new String[initial];
        stimuli = new String[initial];
        nanos = new long[initial];
    }

    /**
     * Records one transition.
     *
     * @param onWorker the address of the worker it happened on, rendered as {@code "on ADDRESS"}
     *     before the note (joined by ", " when the note is not empty), or null
     */
    void add(Key key, TaskState f, TaskState t, String note, String onWorker, String stimulus, long time) {
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
        on[next] = onWorker;
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
        on = Arrays.copyOf(on, n);
        stimuli = Arrays.copyOf(stimuli, n);
        nanos = Arrays.copyOf(nanos, n);
    }

    /** @return the entries about {@code key}, oldest first */
    List<StoryEntry> of(Key key) {
        List<StoryEntry> out = new ArrayList<>();
        int start = size < keys.length ? 0 : next; // while growing, nothing was overwritten yet
        for (int n = 0; n < size; n++) {
            int i = (start + n) % keys.length;
            if (keys[i].equals(key)) {
                String note = notes[i];
                if (on[i] != null) {
                    note = "on " + on[i] + (note.isEmpty() ? "" : ", " + note);
                }
                out.add(new StoryEntry(keys[i], from[i], to[i], note, stimuli[i], nanos[i]));
            }
        }
        return out;
    }
}
