package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;

/** What the scheduler server must do after an event: send a message. */
public sealed interface SchedulerInstruction {
    /**
     * Send a message to a worker.
     *
     * @param worker the worker's address
     * @param message the message
     */
    record ToWorker(String worker, SchedulerToWorker message) implements SchedulerInstruction {}

    /**
     * Send a message to a client.
     *
     * @param client the client's id
     * @param message the message
     */
    record ToClient(String client, SchedulerToClient message) implements SchedulerInstruction {}
}
