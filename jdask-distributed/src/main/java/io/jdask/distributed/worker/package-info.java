/**
 * The worker process: {@link io.jdask.distributed.worker.Worker} registers with a scheduler, runs
 * tasks on a thread pool around the pure {@link io.jdask.distributed.worker.state.WorkerState},
 * fetches dependencies from peer workers and serves its values to peers and clients. Values live
 * in a {@link io.jdask.distributed.worker.DataStore}; payloads are read and written by a {@link
 * io.jdask.distributed.worker.TaskCodec}: both are seams for a spilling store and per-client class
 * loading.
 */
package io.jdask.distributed.worker;
