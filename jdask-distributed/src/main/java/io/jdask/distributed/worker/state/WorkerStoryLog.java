package io.jdask.distributed.worker.state;

import io.jdask.distributed.util.TransitionRing;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's log of its latest transitions, of all keys together, in a {@link TransitionRing}
 * (recording allocates nothing). An entry keeps references (the key, the stimulus, a constant or
 * shared note) and, for notes that carry a duration, the number of nanoseconds; the note's text is
 * built only when {@link #of(Key)} is asked.
 */
final class WorkerStoryLog {
    /** No duration: the note is shown as it is. */
    static final long NO_NANOS = Long.MIN_VALUE;

    private final TransitionRing<WorkerTaskState> ring;

    WorkerStoryLog(int limit) {
        this.ring = new TransitionRing<>(limit);
    }

    /**
     * Records one transition.
     *
     * @param by a key shown right after the note ({@code note + by}), or null
     * @param duration nanoseconds shown after the note ({@code note + duration + " ns"}), or {@link #NO_NANOS}
     */
    void add(Key key, WorkerTaskState f, WorkerTaskState t, String note, Key by, long duration, String stimulus, long time) {
        ring.add(key, f, t, note, by, duration, stimulus, time);
    }

    /** @return the entries about {@code key}, oldest first */
    List<WorkerStoryEntry> of(Key key) {
        List<WorkerStoryEntry> out = new ArrayList<>();
        ring.visit(key, (k, f, t, note, by, duration, stimulus, nanos) -> {
            String text = by == null ? note : note + by;
            out.add(new WorkerStoryEntry(k, f, t, duration == NO_NANOS ? text : text + duration + " ns", stimulus, nanos));
        });
        return out;
    }
}
