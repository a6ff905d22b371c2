package io.jdask.graph;

import java.io.Serializable;
import java.util.List;

/**
 * One entry of a task graph: a {@link Task} to run, a {@link Literal} value, or an {@link Alias}
 * that names another key's result.
 */
public sealed interface Node extends Serializable permits Task, Literal, Alias {
    /** @return the key this node produces */
    Key key();

    /** @return the keys this node needs, each once, in the order they are first referenced */
    List<Key> dependencies();

    /**
     * @param key the new key
     * @return this node producing {@code key} instead
     */
    Node withKey(Key key);
}
