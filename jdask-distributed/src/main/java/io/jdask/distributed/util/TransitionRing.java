package io.jdask.distributed.util;

import io.jdask.graph.Key;
import java.util.Arrays;

/**
 * The latest transitions of a state machine's tasks, of all keys together: a ring of at most
 * {@code limit} entries held in parallel arrays, so recording a transition allocates nothing (the
 * arrays grow by doubling up to the limit, then the oldest entry is overwritten). An entry keeps
 * references (the key, its two states, a note, a second text, a number, the stimulus) and the time;
 * the scheduler's and the workers' story logs turn the entries of one key into their own records,
 * building note texts only then.
 *
 * <p>Not thread-safe: owned by the state machine that records into it.
 *
 * @param <S> the state type
 */
public final class TransitionRing<S> {
    /** Receives the entries of one key, oldest first. */
    @FunctionalInterface
    public interface Visitor<S> {
        /**
         * @param key the key
         * @param from the state before
         * @param to the state after
         * @param note the note as recorded
         * @param detail the second text (or the object whose {@code toString} it is) as recorded (may be null)
         * @param number the number as recorded
         * @param stimulus the stimulus id
         * @param nanos the time
         */
        void entry(Key key, S from, S to, String note, Object detail, long number, String stimulus, long nanos);
    }

    private final int limit;
    private Key[] keys;
    private Object[] from;
    private Object[] to;
    private String[] notes;
    private Object[] details;
    private long[] numbers;
    private String[] stimuli;
    private long[] nanos;
    /** Where the next entry goes. */
    private int next;
    private int size;

    /** @param limit the most entries kept (at least 1) */
    public TransitionRing(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a transition ring keeps at least 1 entry, got " + limit);
        }
        this.limit = limit;
        int initial = Math.min(limit, 1024);
        keys = new Key[initial];
        from = new Object[initial];
        to = new Object[initial];
        notes = new String[initial];
        details = new Object[initial];
        numbers = new long[initial];
        stimuli = new String[initial];
        nanos = new long[initial];
    }

    /** Records one transition, overwriting the oldest once {@code limit} are kept. */
    public void add(Key key, S f, S t, String note, Object detail, long number, String stimulus, long time) {
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
        details[next] = detail;
        numbers[next] = number;
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
        details = Arrays.copyOf(details, n);
        numbers = Arrays.copyOf(numbers, n);
        stimuli = Arrays.copyOf(stimuli, n);
        nanos = Arrays.copyOf(nanos, n);
    }

    /** Hands the entries about {@code key} that are still kept to {@code visitor}, oldest first. */
    @SuppressWarnings("unchecked")
    public void visit(Key key, Visitor<S> visitor) {
        int start = size < keys.length ? 0 : next; // while growing, nothing was overwritten yet
        for (int n = 0; n < size; n++) {
            int i = (start + n) % keys.length;
            if (keys[i].equals(key)) {
                visitor.entry(keys[i], (S) from[i], (S) to[i], notes[i], details[i], numbers[i], stimuli[i], nanos[i]);
            }
        }
    }
}
