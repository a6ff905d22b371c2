package io.jdask.distributed.util;

import io.jdask.graph.Key;

/**
 * An {@link OpenHashMap} from task {@link Key}s: the scheduler's table of tasks, and what a worker
 * last freed. {@code Key} is final, so its {@code hashCode} and {@code equals} bind statically.
 *
 * @param <V> the values' class
 */
public final class KeyMap<V> extends OpenHashMap<Key, V> {
    /** An empty map. */
    public KeyMap() {}

    @Override
    int hash(Key key) {
        return key.hashCode();
    }

    @Override
    boolean same(Key a, Key b) {
        return a.equals(b);
    }
}
