package io.jdask.distributed.scheduler.monitor;

import io.jdask.graph.Key;

/**
 * One bar of the task stream: a task that ran on a worker, a value copied to it, or a failure.
 * Times are the scheduler's, in epoch milliseconds: a task's start is the arrival of its report
 * less the duration the worker measured.
 *
 * @param seq its place among all entries ever recorded (from 1)
 * @param worker the worker's address
 * @param key the task
 * @param kind what it was
 * @param startMillis when it started
 * @param stopMillis when it ended
 * @param nbytes the value's size (computed or copied), 0 for a failure
 */
public record TaskStreamEntry(long seq, String worker, Key key, Kind kind, long startMillis, long stopMillis, long nbytes) {
    /** @return the key's prefix (computed on each call, by the reader, not by the scheduler's loop) */
    public String prefix() {
        return key.prefix();
    }

    /** What an entry shows. */
    public enum Kind {
        /** A task ran and its value is stored. */
        COMPUTE,
        /** A value was copied to the worker from a peer. */
        TRANSFER,
        /** A task failed. */
        ERROR
    }
}
