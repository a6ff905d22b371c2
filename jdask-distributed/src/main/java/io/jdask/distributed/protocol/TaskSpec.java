package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;
import java.util.Objects;

/**
 * One task of a submitted graph as the scheduler sees it: its key, its dependencies and its
 * scheduling hints, with the function and literal arguments kept as opaque bytes.
 *
 * @param key the task's key
 * @param payload the serialized task, never deserialized by the scheduler
 * @param dependencies the keys whose values the task needs
 * @param order the task's static priority within its graph ({@link io.jdask.optimize.Order}),
 *     lower first
 * @param restrictions where it may run
 * @param retries how many times a failure is retried before it counts
 */
public record TaskSpec(Key key, Payload payload, List<Key> dependencies, int order, Restrictions restrictions, int retries) {
    /** Copies the list and checks the fields. */
    public TaskSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
        dependencies = List.copyOf(dependencies);
        Objects.requireNonNull(restrictions, "restrictions");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
        if (dependencies.contains(key)) {
            throw new IllegalArgumentException("task " + key + " depends on itself");
        }
    }

    /**
     * A task without restrictions or retries.
     *
     * @param key the key
     * @param payload the serialized task
     * @param dependencies its dependencies
     * @param order its static priority
     * @return the spec
     */
    public static TaskSpec of(Key key, Payload payload, List<Key> dependencies, int order) {
        return new TaskSpec(key, payload, dependencies, order, Restrictions.NONE, 0);
    }
}
