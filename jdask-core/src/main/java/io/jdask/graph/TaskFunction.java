package io.jdask.graph;

import java.io.Serializable;

/**
 * The code of a task: receives the task's resolved arguments, in order, and returns its result.
 *
 * <p>Implementations must be serializable (a serializable lambda or a class) so a task can travel
 * to a worker process; they must not keep state between calls.
 */
@FunctionalInterface
public interface TaskFunction extends Serializable {
    /**
     * Runs the task.
     *
     * @param args the resolved arguments: results of dependencies where the task referred to a key,
     *     literal values otherwise, {@link java.util.List}s for {@link Arg.Many}
     * @return the task's result (may be {@code null})
     * @throws Exception anything the user's code throws; schedulers report it with the task's key
     */
    Object apply(Object[] args) throws Exception;
}
