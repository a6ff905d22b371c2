package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.ErrorInfo;

/**
 * What drives one transition, beyond the target state: the worker and result of a finished task,
 * the error of a failed one, whether the worker already forgot the task.
 *
 * @param worker the worker involved, or null
 * @param nbytes a result's size
 * @param typeName a result's class
 * @param durationNanos how long it ran
 * @param error a failure, or null
 * @param note for the story
 * @param workerGone true when the worker holding or running the task no longer knows it (died,
 *     released it for a steal, lost it): no message to it
 * @param noRetry true when retries do not apply (a killed-worker error)
 * @param onWorker true when the story should read {@code "on " + worker's address} before the note
 *     (a result): the text is made only when the story is asked for
 */
record Cause(SWorker worker, long nbytes, String typeName, long durationNanos, ErrorInfo error, String note, boolean workerGone, boolean noRetry,
        boolean onWorker) {
    static final Cause NONE = new Cause(null, -1, "", 0, null, "", false, false, false);

    static Cause note(String note) {
        return new Cause(null, -1, "", 0, null, note, false, false, false);
    }

    static Cause silent(String note) {
        return new Cause(null, -1, "", 0, null, note, true, false, false);
    }

    static Cause lost(String note) {
        return new Cause(null, -1, "", 0, null, note, true, false, false);
    }

    static Cause result(SWorker w, long nbytes, String typeName, long durationNanos) {
        return new Cause(w, nbytes, typeName, durationNanos, null, "", false, false, true);
    }

    static Cause error(SWorker w, ErrorInfo error, String note) {
        return new Cause(w, -1, "", 0, error, note, false, false, false);
    }

    static Cause killed(ErrorInfo error, String note) {
        return new Cause(null, -1, "", 0, error, note, true, true, false);
    }
}
