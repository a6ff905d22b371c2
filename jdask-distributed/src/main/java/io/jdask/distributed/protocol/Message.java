package io.jdask.distributed.protocol;

/**
 * Any message of the distributed protocol. Every message names the stimulus that caused it, so a
 * task's story can be followed across processes.
 */
public sealed interface Message permits Handshake, Connect, ClientToScheduler, SchedulerToClient, SchedulerToWorker, WorkerToScheduler, WorkerToWorker,
        ClientRequest, ClientReply, CodeMessage, SchedulerGreeting, Batch,
        ShmMessage {
    /** @return the id of the stimulus this message comes from, or is */
    String stimulusId();
}
