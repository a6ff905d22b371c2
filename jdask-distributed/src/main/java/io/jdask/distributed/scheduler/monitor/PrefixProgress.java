package io.jdask.distributed.scheduler.monitor;

/**
 * The progress of the tasks sharing a key prefix (e.g. every {@code sum-chunk} task) in the
 * current computation. The counts restart when a new task of the prefix arrives after all earlier
 * ones had left the scheduler's active states.
 *
 * @param prefix the key prefix
 * @param waiting tasks waiting for dependencies
 * @param queued root tasks in the scheduler's queue, or ready tasks no worker may run
 * @param processing tasks sent to workers
 * @param memory tasks whose values are held now
 * @param erred tasks that failed
 * @param finished tasks that finished since the counts restarted (including those released since)
 * @param meanMillis the mean duration of its tasks so far, -1 before the first finished
 */
public record PrefixProgress(String prefix, int waiting, int queued, int processing, int memory, int erred, long finished, double meanMillis) {
    /** @return all tasks of the prefix counted: finished, erred and those still on their way */
    public long total() {
        return finished + erred + waiting + queued + processing;
    }
}
