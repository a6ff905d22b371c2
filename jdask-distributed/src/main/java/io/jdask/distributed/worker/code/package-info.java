/**
 * Code shipping on the worker: the {@link io.jdask.distributed.worker.code.CodeCache} of shipped
 * jars keyed by content hash, the {@link io.jdask.distributed.worker.code.ClientCode} registry of one
 * isolated class loader (and serialization) per client, and the
 * {@link io.jdask.distributed.worker.code.CodeSource} seam through which the transport fetches
 * bytes from a client. See {@code docs/distributed-worker.md}.
 */
package io.jdask.distributed.worker.code;
