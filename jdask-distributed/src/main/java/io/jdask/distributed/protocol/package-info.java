/**
 * The messages of the distributed runtime: one record per message, grouped by direction under a
 * sealed interface ({@link ClientToScheduler}, {@link SchedulerToClient}, {@link
 * SchedulerToWorker}, {@link WorkerToScheduler}, {@link WorkerToWorker}, and code shipping's
 * {@link CodeMessage}s), the {@link Handshake}
 * that opens every connection, and the opaque {@link Payload} bytes that carry user functions and
 * data. No sockets here; the scheduler, the worker and the client share only this package.
 */
package io.jdask.distributed.protocol;
