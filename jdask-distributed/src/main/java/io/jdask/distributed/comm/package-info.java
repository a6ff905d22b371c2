/**
 * The transport: TCP connections (Netty) that carry {@link io.jdask.distributed.protocol.Message}s
 * in the layout of {@link io.jdask.distributed.protocol.MessageCodec}, opened by a versioned
 * handshake and a shared-secret challenge, optionally over TLS. Scheduler, worker and client use
 * {@link io.jdask.distributed.comm.Transport} and {@link io.jdask.distributed.comm.Connection};
 * the Netty pipeline stays package-private.
 */
package io.jdask.distributed.comm;
