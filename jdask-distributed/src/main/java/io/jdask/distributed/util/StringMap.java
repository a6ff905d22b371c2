package io.jdask.distributed.util;

/**
 * An {@link OpenHashMap} from {@code String}s, such as task prefixes. {@code String} is final, so
 * its {@code hashCode} and {@code equals} bind statically.
 *
 * @param <V> the values' class
 */
public final class StringMap<V> extends OpenHashMap<String, V> {
    /** An empty map. */
    public StringMap() {}

    @Override
    int hash(String key) {
        return key.hashCode();
    }

    @Override
    boolean same(String a, String b) {
        return a.equals(b);
    }
}
