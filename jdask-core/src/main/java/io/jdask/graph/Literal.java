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

    /**
     * Whether a value is cheap enough to copy into every task that uses it instead of keeping it
     * as a shared node: null, boxed primitives, enums, keys and short strings.
     *
     * @param value a value
     * @return whether it is cheap
     */
    public static boolean isCheap(Object value) {
        return value == null
                || value instanceof Number && value.getClass().getName().startsWith("java.lang.")
                || value instanceof Boolean
                || value instanceof Character
                || value instanceof Enum<?>
                || value instanceof Key
                || value instanceof String s && s.length() <= 256;
    }

    /** @return whether this literal's value is {@linkplain #isCheap(Object) cheap} */
    public boolean isCheap() {
        return isCheap(value);
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
