package io.jdask.graph;

import java.util.List;

/** A task graph that cannot be run: it has a cycle or refers to a key it does not contain. */
public class GraphException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final List<Key> keys;

    /**
     * @param message what is wrong
     * @param keys the keys at fault (the cycle, or the task and its missing dependency)
     */
    public GraphException(String message, List<Key> keys) {
        super(message);
        this.keys = List.copyOf(keys);
    }

    /** @return the keys at fault */
    public List<Key> keys() {
        return keys;
    }
}
