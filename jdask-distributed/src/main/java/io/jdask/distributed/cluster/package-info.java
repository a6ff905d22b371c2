/**
 * Clusters on this machine: {@link io.jdask.distributed.cluster.LocalCluster} starts a scheduler
 * and workers, as threads of this process or as worker processes on 127.0.0.1.
 */
package io.jdask.distributed.cluster;
