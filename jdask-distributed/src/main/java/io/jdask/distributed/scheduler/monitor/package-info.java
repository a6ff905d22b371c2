/**
 * What a scheduler is doing, gathered on its loop by a {@link io.jdask.distributed.scheduler.SchedulerPlugin}
 * into bounded buffers and published as immutable {@link io.jdask.distributed.scheduler.monitor.ClusterSnapshot}s
 * at a bounded rate, for the dashboard and metrics to read from any thread.
 */
package io.jdask.distributed.scheduler.monitor;
