package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;
import java.util.Objects;

/**
 * Requests a client sends to the scheduler (or, for {@link GetLogs} and {@link RunFunction}, to a
 * worker) that are answered by one {@link ClientReply} carrying the same stimulus id: the
 * cluster-management calls of the client (datasets, scheduler info, restart, retirement, logs,
 * running a function on every worker).
 */
public sealed interface ClientRequest extends Message {
    /**
     * Publish a named dataset: the scheduler keeps its keys wanted until it is unpublished, so it
     * outlives the publishing client. Answered by {@link ClientReply.Done}.
     *
     * @param name the dataset's name
     * @param keys the keys whose values the dataset refers to (each must be known to the scheduler)
     * @param value the dataset itself, serialized by the client (opaque to the scheduler)
     * @param overwrite whether an existing dataset of that name may be replaced
     * @param stimulusId the request id
     */
    record PublishDataset(String name, List<Key> keys, Payload value, boolean overwrite, String stimulusId) implements ClientRequest {
        /** Copies the list. */
        public PublishDataset {
            Objects.requireNonNull(name, "name");
            keys = List.copyOf(keys);
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * Forget a named dataset (its keys are released unless someone else wants them). Answered by
     * {@link ClientReply.Done}, with an error when no dataset has that name.
     *
     * @param name the dataset's name
     * @param stimulusId the request id
     */
    record UnpublishDataset(String name, String stimulusId) implements ClientRequest {}

    /**
     * Fetch a named dataset. Answered by {@link ClientReply.Dataset}, or {@link ClientReply.Done}
     * with an error when no dataset has that name.
     *
     * @param name the dataset's name
     * @param stimulusId the request id
     */
    record GetDataset(String name, String stimulusId) implements ClientRequest {}

    /**
     * List the names of the published datasets. Answered by {@link ClientReply.DatasetNames}.
     *
     * @param stimulusId the request id
     */
    record ListDatasets(String stimulusId) implements ClientRequest {}

    /**
     * Retire workers gracefully: they take no new tasks, their values held nowhere else move to
     * other workers, then they close. Answered by {@link ClientReply.Done} once retirement has
     * started (with an error naming addresses the scheduler does not know).
     *
     * @param workers the workers' addresses
     * @param stimulusId the request id
     */
    record RetireWorkers(List<String> workers, String stimulusId) implements ClientRequest {
        /** Copies the list. */
        public RetireWorkers {
            workers = List.copyOf(workers);
        }
    }

    /**
     * Release every task and drop every value on the workers; every client's futures are
     * cancelled and the published datasets forgotten. Answered by {@link ClientReply.Done}.
     *
     * @param stimulusId the request id
     */
    record Restart(String stimulusId) implements ClientRequest {}

    /**
     * Ask for the scheduler's view of the cluster. Answered by {@link ClientReply.SchedulerInfo}.
     *
     * @param stimulusId the request id
     */
    record GetSchedulerInfo(String stimulusId) implements ClientRequest {}

    /**
     * Ask which keys each worker holds. Answered by {@link ClientReply.HasWhat}.
     *
     * @param stimulusId the request id
     */
    record GetHasWhat(String stimulusId) implements ClientRequest {}

    /**
     * Copy values held on the cluster to every running worker that lacks them (broadcast). Each
     * worker fetches the copies from a holder and reports them; answered by {@link
     * ClientReply.Done} once the copies are asked for.
     *
     * @param keys the keys (those not in memory are skipped)
     * @param stimulusId the request id
     */
    record Replicate(List<Key> keys, String stimulusId) implements ClientRequest {
        /** Copies the list. */
        public Replicate {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Follow the progress of a submitted graph (for the callbacks of a compute): the first request
     * of a watch names its keys, later ones (empty {@code keys}) ask what finished since; {@code
     * end} forgets the watch after answering. Answered by {@link ClientReply.ProgressUpdate}.
     *
     * @param watch the watch's id, chosen by the client
     * @param keys the keys to watch (only in the first request of a watch)
     * @param end whether this is the last request of the watch
     * @param stimulusId the request id
     */
    record Progress(String watch, List<Key> keys, boolean end, String stimulusId) implements ClientRequest {
        /** Copies the list. */
        public Progress {
            Objects.requireNonNull(watch, "watch");
            keys = List.copyOf(keys);
        }
    }

    /**
     * Ask a scheduler or a worker for its recent log lines. Answered by {@link ClientReply.Logs}.
     *
     * @param maxLines the most lines wanted (the newest)
     * @param stimulusId the request id
     */
    record GetLogs(int maxLines, String stimulusId) implements ClientRequest {}

    /**
     * Run a function on the worker this is sent to (outside its task pool). Answered by {@link
     * ClientReply.RunResult}.
     *
     * @param function the serialized function: a {@link io.jdask.graph.TaskFunction} called without arguments
     * @param stimulusId the request id
     */
    record RunFunction(Payload function, String stimulusId) implements ClientRequest {}
}
