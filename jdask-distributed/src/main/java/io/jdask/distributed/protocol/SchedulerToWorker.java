package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;

/** Messages the scheduler sends to a worker. */
public sealed interface SchedulerToWorker extends Message {
    /**
     * Compute a task: fetch the dependencies it lacks, then run it when a thread is free.
     *
     * @param key the task
     * @param payload the serialized task
     * @param priority lower runs first
     * @param dependencies every dependency with the workers that hold it
     * @param resources the resources one run holds
     * @param stimulusId the stimulus
     */
    record ComputeTask(Key key, Payload payload, Priority priority, List<DependencyLocation> dependencies, Map<String, Double> resources, String stimulusId)
            implements SchedulerToWorker {
        /** Copies the collections. */
        public ComputeTask {
            dependencies = List.copyOf(dependencies);
            resources = Map.copyOf(resources);
        }
    }

    /**
     * Forget these keys: drop their data, stop computing them (interrupting a running one).
     *
     * <p>A worker may have reported a key (finished, failed, fetched) just before this message
     * reached it; the scheduler recognises such a crossed report by its {@code seen} count (the
     * number of scheduler messages the worker had handled, which is below this message's place in
     * the connection's sequence) and ignores it, because the worker drops the key on arrival.
     *
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record FreeKeys(List<Key> keys, String stimulusId) implements SchedulerToWorker {
        /** Copies the list. */
        public FreeKeys {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Give up this task if it has not started; answered by {@link WorkerToScheduler.StealResponse}.
     *
     * @param key the task
     * @param stimulusId the stimulus
     */
    record StealRequest(Key key, String stimulusId) implements SchedulerToWorker {}

    /**
     * Fetch copies of these keys and keep them (a retiring worker's data moving elsewhere); each
     * arrival is reported with {@link WorkerToScheduler.AddReplicas}.
     *
     * @param keys the keys with their holders
     * @param stimulusId the stimulus
     */
    record AcquireReplicas(List<DependencyLocation> keys, String stimulusId) implements SchedulerToWorker {
        /** Copies the list. */
        public AcquireReplicas {
            keys = List.copyOf(keys);
        }
    }

    /**
     * New holders of a dependency the worker could not find.
     *
     * @param key the dependency
     * @param workers the workers that hold it now
     * @param stimulusId the stimulus
     */
    record RefreshWhoHas(Key key, List<String> workers, String stimulusId) implements SchedulerToWorker {
        /** Copies the list. */
        public RefreshWhoHas {
            workers = List.copyOf(workers);
        }
    }

    /**
     * Close now.
     *
     * @param reason why, for the worker's log
     * @param stimulusId the stimulus
     */
    record CloseWorker(String reason, String stimulusId) implements SchedulerToWorker {}

    /**
     * Restart: a worker run under a {@link io.jdask.distributed.nanny.Nanny} that restarts
     * closes and exits with {@link io.jdask.distributed.worker.WorkerMain#EXIT_RESTART}, and its
     * nanny starts a fresh process at once (it registers with a new address); any other worker
     * cannot restart its process and answers with a {@link WorkerToScheduler.StatusChanged} of
     * its status, keeping its (by then emptied) store. The scheduler sends it to every worker
     * on a client's restart, after the messages that free every key.
     *
     * @param stimulusId the stimulus
     */
    record RestartWorker(String stimulusId) implements SchedulerToWorker {}
}
