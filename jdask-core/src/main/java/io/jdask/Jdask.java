package io.jdask;

import io.jdask.diagnostics.Callback;
import io.jdask.scheduler.Scheduler;

/**
 * Computes and persists any mix of lazy collections together, sharing their common work:
 *
 * <pre>{@code
 * Computed r = Jdask.compute(total, mean);    // one graph, shared parts computed once
 * long t = r.get(total);
 * Persisted p = Jdask.persist(x);             // x backed by results, for repeated use
 * }</pre>
 *
 * <p>{@link #options()} chooses a scheduler, callbacks or no optimisation for one call.
 */
public final class Jdask {
    private Jdask() {}

    /**
     * Computes collections together with the current scheduler.
     *
     * @param collections the collections
     * @return their values
     * @throws io.jdask.scheduler.TaskFailedException if a task fails (naming its key)
     * @throws io.jdask.scheduler.ComputeCancelledException if the calling thread is interrupted
     */
    public static Computed compute(Lazy<?>... collections) {
        return options().compute(collections);
    }

    /**
     * Computes collections together and returns them rebuilt on their results.
     *
     * @param collections the collections
     * @return the persisted collections
     */
    public static Persisted persist(Lazy<?>... collections) {
        return options().persist(collections);
    }

    /** @return options for one compute or persist call */
    public static ComputeOptions options() {
        return new ComputeOptions();
    }

    /**
     * Shortcut for {@code Jdask.options().scheduler(s)}.
     *
     * @param scheduler the scheduler to use
     * @return options for one call
     */
    public static ComputeOptions with(Scheduler scheduler) {
        return options().scheduler(scheduler);
    }

    /**
     * Shortcut for {@code Jdask.options().callback(c)}.
     *
     * @param callback a callback for one call
     * @return options for one call
     */
    public static ComputeOptions with(Callback callback) {
        return options().callback(callback);
    }
}
