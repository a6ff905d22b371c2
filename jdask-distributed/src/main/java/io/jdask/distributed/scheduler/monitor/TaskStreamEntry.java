package io.jdask.distributed.scheduler.monitor;

import io.jdask.graph.Key;

/**
 * One bar of the task stream: a task that ran on a worker, a value copied to it, a failure, or the
 * values a worker spilled to disk or read back between two heartbeats. Times are the scheduler's,
 * in epoch milliseconds: a task's start is the arrival of its report less the duration the worker
 * measured; a spill's span is the time between the heartbeats that told of it.
 *
 * @param seq its place among all entries ever recorded (from 1)
 * @param worker the worker's address
 * @param key the task, or for a spill or unspill the key {@code spill} or {@code unspill}
 * @param kind what it was
 * @param startMillis when it started
 * @param stopMillis when it ended
 * @param nbytes the value's size (computed or copied), the bytes spilled, 0 for a failure or an unspill
 * @param count how many values: 1, or the values spilled or read back
 */
public record TaskStreamEntry(long seq, String worker, Key key, Kind kind, long startMillis, long stopMillis, long nbytes, long count) {
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
        ERROR,
        /** The worker's store wrote values to disk (all of them between two heartbeats, in one entry). */
        SPILL,
        /** The worker's store read values back from disk (all of them between two heartbeats, in one entry). */
        UNSPILL
    }
}
