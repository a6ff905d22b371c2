/**
 * The scheduler process: {@link io.jdask.distributed.scheduler.SchedulerServer} listens for workers
 * and clients and drives the pure {@link io.jdask.distributed.scheduler.state.SchedulerState} from
 * one event-loop thread. It never deserializes task payloads or values.
 */
package io.jdask.distributed.scheduler;
