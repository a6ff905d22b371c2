package io.jdask.graph;

import java.util.List;

/**
 * A graph node whose result is the result of another key.
 *
 * @param key the alias
 * @param target the key whose result it names
 */
public record Alias(Key key, Key target) implements Node {
    public Alias {
        if (key == null || target == null) {
            throw new IllegalArgumentException("an alias needs a key and a target");
        }
        if (key.equals(target)) {
            throw new IllegalArgumentException("alias " + key + " refers to itself");
        }
    }

    @Override
    public List<Key> dependencies() {
        return List.of(target);
    }

    @Override
    public Node withKey(Key k) {
        return new Alias(k, target);
    }

    @Override
    public String toString() {
        return key + " -> " + target;
    }
}
