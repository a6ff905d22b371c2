package io.jdask.config;

import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A mutable set of flattened configuration leaves with where each came from, used while layers
 * are merged. A key is either a leaf or a section, never both: putting {@code a.b} drops a leaf
 * {@code a} and every leaf under {@code a.b.}, as assigning a nested map would.
 */
final class Entries {
    private final TreeMap<String, Object> values = new TreeMap<>();
    private final Map<String, String> origins = new HashMap<>();

    Entries() {}

    Entries(ConfigView view) {
        values.putAll(view.leaves());
        origins.putAll(view.origins());
    }

    /**
     * @param key a canonical key
     * @param value its value (may be null)
     * @param origin where it came from, for messages
     */
    void put(String key, Object value, String origin) {
        for (int dot = key.indexOf('.'); dot >= 0; dot = key.indexOf('.', dot + 1)) {
            String ancestor = key.substring(0, dot);
            if (values.containsKey(ancestor)) {
                values.remove(ancestor);
                origins.remove(ancestor);
            }
        }
        SortedMap<String, Object> under = values.subMap(key + ".", key + "/");
        for (String k : under.keySet()) {
            origins.remove(k);
        }
        under.clear();
        values.put(key, value);
        origins.put(key, origin);
    }

    /**
     * Adds every leaf of a nested map.
     *
     * @param tree a map, possibly nested, whose keys may be dotted
     * @param origin where it came from
     */
    void putTree(Map<?, ?> tree, String origin) {
        ConfigKeys.flatten("", tree, (k, v) -> put(k, v, origin));
    }

    boolean containsKey(String key) {
        return values.containsKey(key);
    }

    String origin(String key) {
        return origins.get(key);
    }

    ConfigView toView() {
        return new ConfigView(values, origins);
    }
}
