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
 */
record Cause(SWorker worker, long nbytes, String typeName, long durationNanos, ErrorInfo error, String note, boolean workerGone, boolean noRetry) {
    static final Cause NONE = new Cause(null, -1, "", 0, null, "", false, false);

    static Cause note(String note) {
        return new Cause(null, -1, "", 0, null, note, false, false);
    }

    static Cause silent(String note) {
        return new Cause(null, -1, "", 0, null, note, true, false);
    }

    static Cause lost(String note) {
        return new Cause(null, -1, "", 0, null, note, true, false);
    }

    static Cause result(SWorker w, long nbytes, String typeName, long durationNanos) {
        return new Cause(w, nbytes, typeName, durationNanos, null, "on " + w.address, false, false);
    }

    static Cause error(SWorker w, ErrorInfo error, String note) {
        return new Cause(w, -1, "", 0, error, note, false, false);
    }

    static Cause killed(ErrorInfo error, String note) {
        return new Cause(null, -1, "", 0, error, note, true, true);
    }
}
