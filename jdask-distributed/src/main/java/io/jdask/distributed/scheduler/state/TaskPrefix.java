package io.jdask.distributed.scheduler.state;

/**
 * The tasks that share a key prefix, as Dask's {@code TaskPrefix} groups them: how many are in each
 * state, how many finished in the current computation, and how long they ran. Each task holds its
 * prefix from its submission on, so counting a transition costs a few array updates and no lookup.
 * Mutable; owned by one {@link SchedulerState} (see {@link TaskPrefixes}).
 */
final class TaskPrefix {
    private static final int RELEASED = TaskState.RELEASED.ordinal();
    private static final int FORGOTTEN = TaskState.FORGOTTEN.ordinal();

    final String name;
    /** Tasks per state, by ordinal; released and forgotten ones are not counted. */
    final int[] byState = new int[TaskState.values().length];
    /** The tasks in a counted state. */
    int live;
    /** Tasks that went from processing to memory since the prefix last set out from idle. */
    long finished;
    /** The state's transition count when a task of this prefix last set out while none was live, 0 before. */
    long startedAt;
    /** How many finished with a known duration. */
    long durations;
    /** The moving average of their durations (each new one weighs half). */
    long meanNanos;
    long totalNanos;

    TaskPrefix(String name) {
        this.name = name;
    }

    /**
     * Counts one task's transition. A task that sets out from released while none of the prefix is
     * live starts a new computation of it: the finished count restarts.
     *
     * @param from its state before
     * @param to its state now
     * @param transition the state's count of transitions, this one included
     */
    void moved(TaskState from, TaskState to, long transition) {
        int f = from.ordinal();
        int t = to.ordinal();
        if (f == RELEASED) {
            if (t != FORGOTTEN && live == 0) {
                finished = 0;
                startedAt = transition;
            }
        } else if (f != FORGOTTEN) {
            byState[f]--;
            live--;
        }
        if (t != RELEASED && t != FORGOTTEN) {
            byState[t]++;
            live++;
        }
        if (from == TaskState.PROCESSING && to == TaskState.MEMORY) {
            finished++;
        }
    }

    /** @param nanos a finished task's duration, negative when unknown */
    void recordDuration(long nanos) {
        if (nanos < 0) {
            return;
        }
        meanNanos = durations == 0 ? nanos : (meanNanos + nanos) / 2;
        durations++;
        totalNanos += nanos;
    }

    /**
     * @param unknown what to expect before any task of the prefix finished
     * @return the expected duration of its next task
     */
    long expectedNanos(long unknown) {
        return durations == 0 ? unknown : meanNanos;
    }

    PrefixCounts counts() {
        int[] n = byState;
        return new PrefixCounts(name, n[TaskState.WAITING.ordinal()], n[TaskState.QUEUED.ordinal()], n[TaskState.NO_WORKER.ordinal()],
                n[TaskState.PROCESSING.ordinal()], n[TaskState.MEMORY.ordinal()], n[TaskState.ERRED.ordinal()], finished, startedAt);
    }

    @Override
    public String toString() {
        return name;
    }
}
