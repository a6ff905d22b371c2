package io.jdask.distributed.worker.state;

/** The states of a key on a worker. */
public enum WorkerTaskState {
    /** Known but neither computed, fetched nor wanted. */
    RELEASED,
    /** To compute; waits for dependencies to arrive. */
    WAITING,
    /** To compute; all dependencies are here; waits for a thread (and its resources). */
    READY,
    /** Running on a thread. */
    EXECUTING,
    /** Running, but no longer wanted: interrupted, its outcome is dropped unless it is asked for again. */
    CANCELLED,
    /** A dependency to fetch from a peer. */
    FETCH,
    /** A dependency being fetched. */
    FLIGHT,
    /** A dependency that no known peer holds; waits for the scheduler to say where it is. */
    MISSING,
    /** The value is in this worker's data store. */
    MEMORY,
    /** It failed here (reported, then forgotten). */
    ERROR,
    /** Removed from the worker. */
    FORGOTTEN
}
