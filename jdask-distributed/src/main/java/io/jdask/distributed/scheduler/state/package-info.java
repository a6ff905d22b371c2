/**
 * The scheduler's pure state machine: {@link SchedulerState} takes {@link SchedulerEvent}s and
 * returns {@link SchedulerInstruction}s (protocol messages addressed to workers and clients). No
 * I/O, no threads; time comes from an injected clock. {@code docs/distributed-state.md} describes
 * the states, transitions and policies.
 */
package io.jdask.distributed.scheduler.state;
