package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Answers to {@link ClientRequest}s; each carries the stimulus id of the request it answers. */
public sealed interface ClientReply extends Message {
    /**
     * A request was carried out, or refused.
     *
     * @param error why it was refused, or empty when it succeeded
     * @param stimulusId the request id
     */
    record Done(String error, String stimulusId) implements ClientReply {
        /** Null means no error. */
        public Done {
            error = error == null ? "" : error;
        }

        /** @return whether the request succeeded */
        public boolean ok() {
            return error.isEmpty();
        }
    }

    /**
     * A published dataset.
     *
     * @param name its name
     * @param keys the keys it refers to
     * @param value the dataset as its publisher serialized it
     * @param stimulusId the request id
     */
    record Dataset(String name, List<Key> keys, Payload value, String stimulusId) implements ClientReply {
        /** Copies the list. */
        public Dataset {
            Objects.requireNonNull(name, "name");
            keys = List.copyOf(keys);
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The names of the published datasets, sorted.
     *
     * @param names the names
     * @param stimulusId the request id
     */
    record DatasetNames(List<String> names, String stimulusId) implements ClientReply {
        /** Copies the list. */
        public DatasetNames {
            names = List.copyOf(names);
        }
    }

    /**
     * The scheduler's view of the cluster.
     *
     * @param address the scheduler's address
     * @param clients the clients connected
     * @param tasks the tasks the scheduler knows
     * @param workers every registered worker, sorted by address
     * @param stimulusId the request id
     */
    record SchedulerInfo(String address, int clients, int tasks, List<WorkerSummary> workers, String stimulusId) implements ClientReply {
        /** Copies the list. */
        public SchedulerInfo {
            workers = List.copyOf(workers);
        }
    }

    /**
     * Which keys each worker holds.
     *
     * @param holdings each worker's address with the keys it holds
     * @param stimulusId the request id
     */
    record HasWhat(Map<String, List<Key>> holdings, String stimulusId) implements ClientReply {
        /** Copies the map. */
        public HasWhat {
            holdings = Map.copyOf(holdings);
        }
    }

    /**
     * Recent log lines of a process, oldest first.
     *
     * @param lines the lines
     * @param stimulusId the request id
     */
    record Logs(List<String> lines, String stimulusId) implements ClientReply {
        /** Copies the list. */
        public Logs {
            lines = List.copyOf(lines);
        }
    }

    /**
     * The keys of a progress watch that finished (in memory, failed, or done and released) since
     * the watch's previous answer.
     *
     * @param done the keys newly finished
     * @param pending how many of the watch's keys are not finished
     * @param stimulusId the request id
     */
    record ProgressUpdate(List<Key> done, int pending, String stimulusId) implements ClientReply {
        /** Copies the list. */
        public ProgressUpdate {
            done = List.copyOf(done);
        }
    }

    /**
     * What a function run on a worker returned, or how it failed.
     *
     * @param value the serialized result (empty when it failed)
     * @param error the failure, or {@code null} when it succeeded
     * @param stimulusId the request id
     */
    record RunResult(Payload value, ErrorInfo error, String stimulusId) implements ClientReply {
        /** Checks the value. */
        public RunResult {
            Objects.requireNonNull(value, "value");
        }
    }
}
