/**
 * One worker's pure state machine: {@link WorkerState} takes {@link WorkerEvent}s (messages from
 * the scheduler, results of executions and fetches, memory readings) and returns {@link
 * WorkerInstruction}s (run a task, fetch from a peer, interrupt, discard data, send a message). No
 * I/O, no threads; time comes from an injected clock.
 */
package io.jdask.distributed.worker.state;
