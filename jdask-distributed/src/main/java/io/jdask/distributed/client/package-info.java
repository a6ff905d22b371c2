/**
 * The client: {@link io.jdask.distributed.client.Client} connects to a scheduler, submits whole
 * graphs, tracks {@link io.jdask.distributed.client.ClusterFuture}s and gathers results straight
 * from the workers; while open it is the default scheduler of every collection. {@link
 * io.jdask.distributed.client.LocalCluster} starts a scheduler and workers on this machine.
 */
package io.jdask.distributed.client;
