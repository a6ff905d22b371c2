/**
 * A worker's data: the {@link io.jdask.distributed.worker.store.DataStore} that holds task results
 * by key with their sizes and spills least-recently-used values to disk, the pure memory policy
 * ({@link io.jdask.distributed.worker.store.MemoryMonitor} over
 * {@link io.jdask.distributed.worker.store.MemoryThresholds}) that says when to spill, pause or be
 * restarted, and the worker's locked {@link io.jdask.distributed.worker.store.LocalDirectory}.
 * No networking here; see {@code docs/distributed-worker.md}.
 */
package io.jdask.distributed.worker.store;
