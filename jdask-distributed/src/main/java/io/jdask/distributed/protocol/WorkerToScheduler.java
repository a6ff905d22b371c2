package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.Map;

/** Messages a worker sends to the scheduler. */
public sealed interface WorkerToScheduler extends Message {
    /**
     * The first message after the handshake.
     *
     * @param address where peers and clients reach the worker
     * @param name its human name
     * @param nthreads its task threads
     * @param memoryLimit its memory limit in bytes, 0 for none
     * @param resources the abstract resources it offers
     * @param stimulusId the stimulus
     */
    record RegisterWorker(String address, String name, int nthreads, long memoryLimit, Map<String, Double> resources, String stimulusId)
            implements WorkerToScheduler {
        /** Copies the map. */
        public RegisterWorker {
            resources = Map.copyOf(resources);
        }
    }

    /**
     * The worker is alive, with its figures.
     *
     * @param metrics its memory, spilling, CPU and traffic
     * @param stimulusId the stimulus
     */
    record Heartbeat(WorkerMetrics metrics, String stimulusId) implements WorkerToScheduler {
        /** @return the bytes its data store holds in memory */
        public long memoryBytes() {
            return metrics.memoryBytes();
        }

        /** @return the tasks running now */
        public int executing() {
            return metrics.executing();
        }
    }

    /**
     * A task ran and its value is stored.
     *
     * @param key the task
     * @param nbytes the value's size
     * @param typeName the value's class name
     * @param durationNanos how long it ran, or -1 when it did not run here now (already held)
     * @param seen how many scheduler messages the worker had handled when it sent this (see
     *     {@link SchedulerToWorker.FreeKeys})
     * @param stimulusId the stimulus
     */
    record TaskFinished(Key key, long nbytes, String typeName, long durationNanos, long seen, String stimulusId) implements WorkerToScheduler {}

    /**
     * A task threw.
     *
     * @param key the task
     * @param error the failure
     * @param durationNanos how long it ran
     * @param seen how many scheduler messages the worker had handled when it sent this
     * @param stimulusId the stimulus
     */
    record TaskErred(Key key, ErrorInfo error, long durationNanos, long seen, String stimulusId) implements WorkerToScheduler {}

    /**
     * The worker now also holds these keys (fetched from peers).
     *
     * @param nbytes each key with its size
     * @param seen how many scheduler messages the worker had handled when it sent this
     * @param stimulusId the stimulus
     */
    record AddReplicas(Map<Key, Long> nbytes, long seen, String stimulusId) implements WorkerToScheduler {
        /** Copies the map. */
        public AddReplicas {
            nbytes = Map.copyOf(nbytes);
        }
    }

    /**
     * A peer the scheduler named as a holder of a key did not have it.
     *
     * @param key the key
     * @param holder the peer
     * @param stimulusId the stimulus
     */
    record MissingData(Key key, String holder, String stimulusId) implements WorkerToScheduler {}

    /**
     * The answer to a {@link SchedulerToWorker.StealRequest}.
     *
     * @param key the task
     * @param released whether the worker gave the task up (it had not started)
     * @param stimulusId the stimulus
     */
    record StealResponse(Key key, boolean released, String stimulusId) implements WorkerToScheduler {}

    /**
     * The worker paused, resumed or started closing.
     *
     * @param status its new status
     * @param stimulusId the stimulus
     */
    record StatusChanged(WorkerStatus status, String stimulusId) implements WorkerToScheduler {}
}
