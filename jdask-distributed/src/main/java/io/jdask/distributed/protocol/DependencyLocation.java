package io.jdask.distributed.protocol;

import io.jdask.graph.Key;
import java.util.List;

/**
 * Where a task's dependency can be fetched from.
 *
 * @param key the dependency
 * @param workers the addresses of the workers that hold it
 * @param nbytes its size
 */
public record DependencyLocation(Key key, List<String> workers, long nbytes) {
    /** Copies the list. */
    public DependencyLocation {
        workers = List.copyOf(workers);
    }
}
