package io.jdask.distributed.scheduler.state;

import io.jdask.graph.Key;

/**
 * One step in a task's history.
 *
 * @param key the task
 * @param from its state before
 * @param to its state after
 * @param note what happened (worker, cause)
 * @param stimulusId the event that caused it
 * @param nanos the clock's time
 */
public record StoryEntry(Key key, TaskState from, TaskState to, String note, String stimulusId, long nanos) {
    @Override
    public String toString() {
        return key + ": " + from + " -> " + to + (note.isEmpty() ? "" : " (" + note + ")") + " [" + stimulusId + " @" + nanos + "]";
    }
}
