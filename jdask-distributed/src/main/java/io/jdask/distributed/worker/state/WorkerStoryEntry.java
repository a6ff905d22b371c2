package io.jdask.distributed.worker.state;

import io.jdask.graph.Key;

/**
 * One step in a key's history on a worker.
 *
 * @param key the key
 * @param from its state before
 * @param to its state after
 * @param note what happened
 * @param stimulusId the event that caused it
 * @param nanos the clock's time
 */
public record WorkerStoryEntry(Key key, WorkerTaskState from, WorkerTaskState to, String note, String stimulusId, long nanos) {
    @Override
    public String toString() {
        return key + ": " + from + " -> " + to + (note.isEmpty() ? "" : " (" + note + ")") + " [" + stimulusId + " @" + nanos + "]";
    }
}
