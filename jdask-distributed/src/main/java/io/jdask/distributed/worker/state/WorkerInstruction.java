package io.jdask.distributed.worker.state;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.WorkerToScheduler;
import io.jdask.graph.Key;
import java.util.List;

/** What the worker process must do after an event. */
public sealed interface WorkerInstruction {
    /**
     * Run a task on a free thread, reading its dependencies from the data store; report with
     * {@link WorkerEvent.ExecuteSuccess} or {@link WorkerEvent.ExecuteFailure}.
     *
     * @param key the task
     * @param payload the serialized task
     * @param dependencies the keys it reads
     * @param stimulusId the stimulus
     */
    record Execute(Key key, Payload payload, List<Key> dependencies, String stimulusId) implements WorkerInstruction {
        /** Copies the list. */
        public Execute {
            dependencies = List.copyOf(dependencies);
        }
    }

    /**
     * Ask a peer for values; report with {@link WorkerEvent.FetchDone} or {@link WorkerEvent.FetchFailed}.
     *
     * @param peer the peer's address
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record Fetch(String peer, List<Key> keys, String stimulusId) implements WorkerInstruction {
        /** Copies the list. */
        public Fetch {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Interrupt a running task (it was cancelled); it still reports its end.
     *
     * @param key the task
     * @param stimulusId the stimulus
     */
    record Interrupt(Key key, String stimulusId) implements WorkerInstruction {}

    /**
     * Drop these values from the data store (memory or spill files).
     *
     * @param keys the keys
     * @param stimulusId the stimulus
     */
    record Discard(List<Key> keys, String stimulusId) implements WorkerInstruction {
        /** Copies the list. */
        public Discard {
            keys = List.copyOf(keys);
        }
    }

    /**
     * Send a message to the scheduler.
     *
     * @param message the message
     */
    record Send(WorkerToScheduler message) implements WorkerInstruction {}

    /**
     * The scheduler asked this worker to close.
     *
     * @param reason why
     * @param stimulusId the stimulus
     */
    record Close(String reason, String stimulusId) implements WorkerInstruction {}

    /**
     * The scheduler asked this worker to restart (a client's restart; its keys were freed just
     * before): a worker that can restart its process closes and exits; one that cannot sends
     * {@code reply} and keeps running.
     *
     * @param reply the status message to send when the process cannot restart (its status now)
     * @param stimulusId the stimulus
     */
    record Restart(io.jdask.distributed.protocol.WorkerToScheduler.StatusChanged reply, String stimulusId) implements WorkerInstruction {}
}
