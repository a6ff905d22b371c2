package io.jdask.graph;

import java.util.List;

/**
 * A graph node whose result is a value known when the graph is built.
 *
 * @param key the key
 * @param value the value (may be {@code null})
 */
public record Literal(Key key, Object value) implements Node {
    public Literal {
        if (key == null) {
            throw new IllegalArgumentException("a literal needs a key");
        }
    }

    @Override
    public List<Key> dependencies() {
        return List.of();
    }

    @Override
    public Node withKey(Key k) {
        return new Literal(k, value);
    }

    @Override
    public String toString() {
        String v = String.valueOf(value);
        return key + " = " + (v.length() > 40 ? v.substring(0, 37) + "..." : v);
    }
}
