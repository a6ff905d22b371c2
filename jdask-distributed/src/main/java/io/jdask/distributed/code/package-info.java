/**
 * Code shipping, the part both sides share: a client's {@link io.jdask.distributed.code.ClassPathManifest}
 * (its application's jars and class directories, fingerprinted by content) and the
 * {@link io.jdask.distributed.code.CodeArtifact} records that travel in messages, and the
 * {@link io.jdask.distributed.code.CodeEnvelope} that names a client on its payloads. The worker's side
 * (cache and per-client class loaders) is {@code io.jdask.distributed.worker.code}; see
 * {@code docs/distributed-worker.md}.
 */
package io.jdask.distributed.code;
