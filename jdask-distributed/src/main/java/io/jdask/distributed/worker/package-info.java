/**
 * The worker process: {@link io.jdask.distributed.worker.Worker} registers with a scheduler, runs
 * tasks on a thread pool around the pure {@link io.jdask.distributed.worker.state.WorkerState},
 * fetches dependencies from peer workers and serves its values to peers and clients. Values live
 * in a {@link io.jdask.distributed.worker.DataStore}; payloads are read and written by a {@link
 * io.jdask.distributed.worker.TaskCodec}, by default one that reads each client's payloads in that
 * client's class loader over the code it shipped (fetched through the scheduler, cached by content
 * hash).
 */
package io.jdask.distributed.worker;
