package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;

/**
 * What happens to the scheduler: a message arrived (tagged with the worker or client it came
 * from), a connection closed, or time passed. The server turns each decoded message into one of
 * these.
 */
public sealed interface SchedulerEvent {
    /** @return the id of the stimulus, recorded in every task story it touches */
    String stimulusId();

    /** An event that comes from one worker (any of them counts as a sign of life). */
    sealed interface FromWorker extends SchedulerEvent {
        /** @return the worker's address */
        String worker();
    }

    /** A worker registered. @param worker its address @param name its name @param nthreads its threads @param memoryLimit bytes, 0 for none @param resources what it offers @param stimulusId the stimulus */
    record AddWorker(String worker, String name, int nthreads, long memoryLimit, Map<String, Double> resources, String stimulusId) implements FromWorker {
        /** Copies the map and checks the threads. */
        public AddWorker {
            resources = Map.copyOf(resources);
            if (nthreads < 1) {
                throw new IllegalArgumentException("a worker needs at least one thread, got " + nthreads);
            }
        }
    }

    /** A worker left or its connection broke. @param worker its address @param reason why @param stimulusId the stimulus */
    record RemoveWorker(String worker, String reason, String stimulusId) implements FromWorker {}

    /**
     * Retire a worker gracefully: it takes no new tasks, its values held nowhere else are copied
     * to other workers, and once it runs nothing and holds nothing unique it is told to close and
     * removed.
     *
     * @param worker its address
     * @param stimulusId the stimulus
     */
    record RetireWorker(String worker, String stimulusId) implements SchedulerEvent {}

    /**
     * Restart: every client's wanted keys are cancelled (each client is told), so every task is
     * released and every value dropped from the workers; running tasks are interrupted.
     *
     * @param stimulusId the stimulus
     */
    record Restart(String stimulusId) implements SchedulerEvent {}

    /**
     * Copy values in memory to every running worker that lacks them: each such worker is asked
     * (one {@code AcquireReplicas} per worker) to fetch them from their holders.
     *
     * @param keys the keys; those not in memory are skipped
     * @param stimulusId the stimulus
     */
    record Replicate(List<Key> keys, String stimulusId) implements SchedulerEvent {
        /** Copies the list. */
        public Replicate {
            keys = List.copyOf(keys);
        }
    }

    /** A worker's heartbeat. @param worker its address @param memoryBytes bytes in memory @param stimulusId the stimulus */
    record Heartbeat(String worker, long memoryBytes, String stimulusId) implements FromWorker {}

    /** A worker paused, resumed or started closing. @param worker its address @param status the new status @param stimulusId the stimulus */
    record WorkerStatusChanged(String worker, WorkerStatus status, String stimulusId) implements FromWorker {}

    /** Periodic: heartbeat timeouts, then work stealing. @param stimulusId the stimulus */
    record Tick(String stimulusId) implements SchedulerEvent {}

    /** A client submitted a graph. @param client its id @param tasks the tasks @param wanted the keys it wants @param stimulusId the stimulus */
    record UpdateGraph(String client, List<TaskSpec> tasks, List<Key> wanted, String stimulusId) implements SchedulerEvent {
        /** Copies the lists. */
        public UpdateGraph {
            tasks = List.copyOf(tasks);
            wanted = List.copyOf(wanted);
        }
    }

    /** A client no longer wants keys. @param client its id @param keys the keys @param stimulusId the stimulus */
    record ReleaseKeys(String client, List<Key> keys, String stimulusId) implements SchedulerEvent {
        /** Copies the list. */
        public ReleaseKeys {
            keys = List.copyOf(keys);
        }
    }

    /** A client cancels keys. @param client its id @param keys the keys @param stimulusId the stimulus */
    record CancelKeys(String client, List<Key> keys, String stimulusId) implements SchedulerEvent {
        /** Copies the list. */
        public CancelKeys {
            keys = List.copyOf(keys);
        }
    }

    /** A client retries erred keys. @param client its id @param keys the keys @param stimulusId the stimulus */
    record RetryKeys(String client, List<Key> keys, String stimulusId) implements SchedulerEvent {
        /** Copies the list. */
        public RetryKeys {
            keys = List.copyOf(keys);
        }
    }

    /** A client left. @param client its id @param stimulusId the stimulus */
    record RemoveClient(String client, String stimulusId) implements SchedulerEvent {}

    /** A worker finished a task. @param worker its address @param key the task @param nbytes the value's size @param typeName the value's class @param durationNanos how long it ran, -1 if unknown @param seen the scheduler messages the worker had handled when it sent this @param stimulusId the stimulus */
    record TaskFinished(String worker, Key key, long nbytes, String typeName, long durationNanos, long seen, String stimulusId) implements FromWorker {}

    /** A task failed on a worker. @param worker its address @param key the task @param error the failure @param durationNanos how long it ran @param seen the scheduler messages the worker had handled when it sent this @param stimulusId the stimulus */
    record TaskErred(String worker, Key key, ErrorInfo error, long durationNanos, long seen, String stimulusId) implements FromWorker {}

    /** A worker holds copies of keys it fetched. @param worker its address @param nbytes the keys with their sizes @param seen the scheduler messages the worker had handled when it sent this @param stimulusId the stimulus */
    record AddReplicas(String worker, Map<Key, Long> nbytes, long seen, String stimulusId) implements FromWorker {
        /** Copies the map. */
        public AddReplicas {
            nbytes = Map.copyOf(nbytes);
        }
    }

    /** A worker did not find a key on a holder. @param worker the reporting worker @param key the key @param holder the peer that lacked it @param stimulusId the stimulus */
    record MissingData(String worker, Key key, String holder, String stimulusId) implements FromWorker {}

    /** A worker answered a steal request. @param worker the victim @param key the task @param released whether it gave the task up @param stimulusId the stimulus */
    record StealResponse(String worker, Key key, boolean released, String stimulusId) implements FromWorker {}
}
