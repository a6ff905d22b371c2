package io.jdask.distributed.scheduler.state;

/**
 * How many tasks of a key prefix are in each state now, as the scheduler counts them on every
 * transition (see {@link SchedulerState#prefixCounts()}).
 *
 * @param prefix the key prefix ({@link io.jdask.graph.Key#prefix()})
 * @param waiting tasks waiting for dependencies
 * @param queued root tasks in the scheduler's queue
 * @param noWorker ready tasks that no worker may run now
 * @param processing tasks sent to workers
 * @param memory tasks whose values are held
 * @param erred tasks that failed
 * @param finished tasks that went from processing to memory since the prefix last set out while
 *     none of its tasks was in one of the states above (including those released since)
 * @param startedAt the scheduler's {@linkplain SchedulerState#transitionCount() transition count}
 *     when it last set out so, 0 if it never did: the larger, the more recent
 */
public record PrefixCounts(String prefix, int waiting, int queued, int noWorker, int processing, int memory, int erred, long finished,
        long startedAt) {
    /** @return whether any of its tasks is in one of the counted states */
    public boolean live() {
        return waiting + queued + noWorker + processing + memory + erred > 0;
    }
}
