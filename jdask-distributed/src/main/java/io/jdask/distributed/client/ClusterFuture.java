package io.jdask.distributed.client;

import io.jdask.graph.Key;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A result on the cluster: the value of one key, held by a worker until it is gathered. It
 * implements {@link Future}: {@link #get()} waits for the task and fetches its value from a
 * worker that holds it (once; later calls return the same value); a failed task throws an {@link
 * java.util.concurrent.ExecutionException} whose cause is a {@link
 * io.jdask.scheduler.TaskFailedException} naming the task to blame; {@link #cancel(boolean)}
 * cancels the task on the cluster (interrupting it if it runs and nothing else needs it).
 *
 * <p>While a future is held, its value stays on the cluster; {@link #release()} (or closing the
 * client) lets the scheduler forget it.
 *
 * @param <T> the value's type
 */
public interface ClusterFuture<T> extends Future<T> {
    /** @return the key whose value this is */
    Key key();

    /** @return where the task stands, as this client last heard */
    Status status();

    /**
     * Runs {@code callback} once the task finished, failed or was cancelled (at once, on the
     * calling thread, when it already has); later callbacks run on a client thread.
     *
     * @param callback receives this future
     * @return this future
     */
    ClusterFuture<T> onDone(Consumer<ClusterFuture<T>> callback);

    /**
     * Runs the task again after it failed (with the tasks its failure came from).
     *
     * @return this future
     */
    ClusterFuture<T> retry();

    /** Gives up this future: the scheduler may forget the value once nothing else needs it. */
    void release();

    /** Where a task stands, as a client sees it. */
    enum Status {
        /** Waiting or running. */
        PENDING,
        /** Its value is held on the cluster. */
        FINISHED,
        /** It failed, or a task it depends on failed. */
        ERROR,
        /** It was cancelled. */
        CANCELLED
    }
}
