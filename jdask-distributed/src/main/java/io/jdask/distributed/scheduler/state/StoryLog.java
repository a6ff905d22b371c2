package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.util.TransitionRing;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler's log of the latest transitions, of all tasks together, in a {@link
 * TransitionRing} (recording allocates nothing). An entry keeps references (the key, the stimulus,
 * a note, the address of the worker it happened on) and is turned into a {@link StoryEntry} with its
 * note text only when {@link #of(Key)} is asked.
 */
final class StoryLog {
    private final TransitionRing<TaskState> ring;

    StoryLog(int limit) {
        this.ring = new TransitionRing<>(limit);
    }

    /**
     * Records one transition.
     *
     * @param onWorker the address of the worker it happened on, rendered as {@code "on ADDRESS"}
     *     before the note (joined by ", " when the note is not empty), or null
     */
    void add(Key key, TaskState f, TaskState t, String note, String onWorker, String stimulus, long time) {
        ring.add(key, f, t, note, onWorker, 0, stimulus, time);
    }

    /** @return the entries about {@code key}, oldest first */
    List<StoryEntry> of(Key key) {
        List<StoryEntry> out = new ArrayList<>();
        ring.visit(key, (k, f, t, note, on, number, stimulus, nanos) -> out.add(new StoryEntry(k, f, t,
                on == null ? note : "on " + on + (note.isEmpty() ? "" : ", " + note), stimulus, nanos)));
        return out;
    }
}
