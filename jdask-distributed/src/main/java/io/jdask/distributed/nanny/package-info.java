/**
 * Nannies: {@link io.jdask.distributed.nanny.Nanny} starts a worker process, forwards its output
 * and starts it again when it dies or passes the terminate fraction of its memory limit. Used by
 * {@code jdask worker} and the multi-process {@link io.jdask.distributed.cluster.LocalCluster}.
 */
package io.jdask.distributed.nanny;
