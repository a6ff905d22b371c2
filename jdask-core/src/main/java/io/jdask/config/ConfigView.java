package io.jdask.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An immutable set of configuration values: every leaf of the merged YAML tree under its dotted key.
 *
 * <p>{@link Config} keeps the process-wide view; {@link Config#load} builds one from a given
 * environment and files, for tests and tools. Keys are looked up case-insensitively with {@code _}
 * and {@code -} equivalent. Values are what YAML produced (String, Integer, Long, Double, Boolean,
 * List, or null) or what {@link Config#set} put; the typed getters convert strings, so
 * {@code "4"} reads as the int 4.
 *
 * <p>Instances are immutable and safe to share between threads; lookups of a key spelled in
 * canonical form (lower case, {@code -}) cost one hash lookup.
 */
public final class ConfigView {
    private static final Object MISSING = new Object();

    private final Map<String, Object> values;
    private final SortedMap<String, Object> sorted;
    private final Map<String, String> origins;

    ConfigView(SortedMap<String, Object> leaves, Map<String, String> origins) {
        this.values = new HashMap<>(leaves);
        this.sorted = Collections.unmodifiableSortedMap(new TreeMap<>(leaves));
        this.origins = Map.copyOf(origins);
    }

    SortedMap<String, Object> leaves() {
        return sorted;
    }

    Map<String, String> origins() {
        return origins;
    }

    /**
     * The value of a key: a leaf value, or for a section ({@code "optimization"}) an unmodifiable
     * nested map of everything under it.
     *
     * @param key a dotted key, e.g. {@code "scheduler.threads"}
     * @return the value (null when the configuration says {@code null})
     * @throws IllegalArgumentException when no layer defines the key; the message suggests the
     *     closest known key
     */
    public Object get(String key) {
        Object v = values.get(key);
        if (v != null) {
            return v;
        }
        v = find(key);
        if (v == MISSING) {
            throw unknown(key);
        }
        return v;
    }

    /**
     * @param key a dotted key
     * @return whether the key is a leaf or a section of this configuration
     */
    public boolean contains(String key) {
        return find(key) != MISSING;
    }

    /**
     * @param key a dotted key
     * @return the value as text, or null when the value is null
     * @throws IllegalArgumentException when the key is unknown or names a section
     */
    public String getString(String key) {
        Object v = leaf(key);
        return v == null ? null : String.valueOf(v);
    }

    /**
     * @param key a dotted key
     * @return the value as an int; strings are parsed and whole doubles accepted
     * @throws IllegalArgumentException when the key is unknown or the value is not an int
     */
    public int getInt(String key) {
        Object v = leaf(key);
        long l = toLong(key, v, "an integer");
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw wrongType(key, v, "an integer within int range");
        }
        return (int) l;
    }

    /**
     * @param key a dotted key
     * @return the value as a long; strings are parsed and whole doubles accepted
     * @throws IllegalArgumentException when the key is unknown or the value is not a long
     */
    public long getLong(String key) {
        Object v = leaf(key);
        return toLong(key, v, "an integer");
    }

    /**
     * @param key a dotted key
     * @return the value as a double; strings are parsed
     * @throws IllegalArgumentException when the key is unknown or the value is not a number
     */
    public double getDouble(String key) {
        Object v = leaf(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                throw wrongType(key, v, "a number");
            }
        }
        throw wrongType(key, v, "a number");
    }

    /**
     * @param key a dotted key
     * @return the value as a boolean; accepts {@code true/false}, {@code yes/no}, {@code on/off},
     *     {@code 1/0} in any case
     * @throws IllegalArgumentException when the key is unknown or the value is none of these
     */
    public boolean getBoolean(String key) {
        Object v = leaf(key);
        if (v instanceof Boolean b) {
            return b;
        }
        String s = v instanceof String || v instanceof Number ? v.toString().strip().toLowerCase(Locale.ROOT) : "";
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw wrongType(key, v, "a boolean (true or false)");
        };
    }

    /**
     * A list of strings. A YAML list gives its items as text; a string is split at commas (so an
     * environment variable may say {@code a.,b.}); null gives an empty list; any other value a
     * list of itself.
     *
     * @param key a dotted key
     * @return an unmodifiable list
     * @throws IllegalArgumentException when the key is unknown or names a section
     */
    public List<String> getList(String key) {
        Object v = leaf(key);
        List<String> out = new ArrayList<>();
        if (v == null) {
            return List.of();
        } else if (v instanceof Collection<?> c) {
            for (Object o : c) {
                out.add(String.valueOf(o));
            }
        } else if (v instanceof Object[] a) {
            for (Object o : a) {
                out.add(String.valueOf(o));
            }
        } else if (v instanceof String s) {
            for (String part : s.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        } else {
            out.add(String.valueOf(v));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A size in bytes, see {@link Units#parseBytes}; a number is a count of bytes.
     *
     * @param key a dotted key
     * @return the size in bytes
     * @throws IllegalArgumentException when the key is unknown or the value is not a size
     */
    public long getBytes(String key) {
        Object v = leaf(key);
        if (v instanceof Number) {
            long n = toLong(key, v, "a size in bytes");
            if (n < 0) {
                throw wrongType(key, v, "a non-negative size in bytes");
            }
            return n;
        }
        if (v instanceof String s) {
            try {
                return Units.parseBytes(s);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(describe(key) + ": " + e.getMessage(), e);
            }
        }
        throw wrongType(key, v, "a size in bytes, such as 4GiB");
    }

    /**
     * A duration, see {@link Units#parseDuration}; a number is a count of seconds.
     *
     * @param key a dotted key
     * @return the duration
     * @throws IllegalArgumentException when the key is unknown or the value is not a duration
     */
    public Duration getDuration(String key) {
        Object v = leaf(key);
        try {
            if (v instanceof Duration d) {
                return d;
            }
            if (v instanceof Number n) {
                return Units.seconds(n);
            }
            if (v instanceof String s) {
                return Units.parseDuration(s);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe(key) + ": " + e.getMessage(), e);
        }
        throw wrongType(key, v, "a duration, such as 500ms or 2s");
    }

    /**
     * @return every leaf under its canonical dotted key, sorted by key; unmodifiable
     */
    public Map<String, Object> snapshot() {
        return sorted;
    }

    /**
     * Where a key's value came from: {@code "built-in defaults"}, {@code "file /path/x.yaml"},
     * {@code "environment variable JDASK_..."}, {@code "Config.set"}, {@code "override"}.
     *
     * @param key a dotted leaf key
     * @return the origin of its value
     * @throws IllegalArgumentException when the key is not a leaf of this configuration
     */
    public String origin(String key) {
        leaf(key);
        String o = origins.get(key);
        return o != null ? o : origins.get(ConfigKeys.canonical(key));
    }

    /**
     * This configuration with some values replaced, as a new view. Keys may be dotted and values
     * nested maps, which are merged leaf by leaf; a leaf replaces a whole section of the same key.
     *
     * @param overrides keys and values that take precedence
     * @return the new view; this one is unchanged
     * @throws IllegalArgumentException when a key is empty or has an empty segment
     */
    public ConfigView with(Map<String, ?> overrides) {
        return with(overrides, "override");
    }

    ConfigView with(Map<String, ?> overrides, String origin) {
        Entries e = new Entries(this);
        e.putTree(overrides, origin);
        return e.toView();
    }

    private Object find(String key) {
        Object v = values.get(key);
        if (v != null || values.containsKey(key)) {
            return v;
        }
        String k = ConfigKeys.canonical(key);
        v = values.get(k);
        if (v != null || values.containsKey(k)) {
            return v;
        }
        SortedMap<String, Object> under = sorted.subMap(k + ".", k + "/");
        return under.isEmpty() ? MISSING : nest(k.length() + 1, under);
    }

    private static Map<String, Object> nest(int strip, SortedMap<String, Object> under) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : under.entrySet()) {
            String[] parts = e.getKey().substring(strip).split("\\.");
            Map<String, Object> node = root;
            for (int i = 0; i < parts.length - 1; i++) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) node.computeIfAbsent(parts[i],
                        p -> new LinkedHashMap<>());
                node = child;
            }
            node.put(parts[parts.length - 1], e.getValue());
        }
        return freeze(root);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> freeze(Map<String, Object> map) {
        map.replaceAll((k, v) -> v instanceof Map<?, ?> m ? freeze((Map<String, Object>) m) : v);
        return Collections.unmodifiableMap(map);
    }

    private Object leaf(String key) {
        Object v = values.get(key);
        if (v != null) {
            return v;
        }
        v = find(key);
        if (v == MISSING) {
            throw unknown(key);
        }
        if (v instanceof Map<?, ?> && !values.containsKey(ConfigKeys.canonical(key))) {
            throw new IllegalArgumentException("configuration key '" + key + "' is a section, not a value;"
                    + " its keys are " + sorted.subMap(ConfigKeys.canonical(key) + ".", ConfigKeys.canonical(key) + "/").keySet());
        }
        return v;
    }

    private long toLong(String key, Object v, String what) {
        try {
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof BigInteger b) {
                return b.longValueExact();
            }
            if (v instanceof Number n) {
                return new BigDecimal(n.toString()).longValueExact();
            }
            if (v instanceof String s) {
                return new BigDecimal(s.strip()).longValueExact();
            }
        } catch (ArithmeticException | NumberFormatException e) {
            throw wrongType(key, v, what);
        }
        throw wrongType(key, v, what);
    }

    private IllegalArgumentException wrongType(String key, Object v, String what) {
        String shown = v instanceof String ? "'" + v + "'" : String.valueOf(v);
        String type = v == null ? "null" : v.getClass().getSimpleName();
        return new IllegalArgumentException(
                describe(key) + " must be " + what + ", but is " + shown + " (" + type + ")");
    }

    private String describe(String key) {
        String k = ConfigKeys.canonical(key);
        String origin = origins.get(k);
        return "configuration key '" + k + "'" + (origin == null ? "" : " (from " + origin + ")");
    }

    private IllegalArgumentException unknown(String key) {
        String suggestion = ConfigKeys.closest(key, sorted.keySet());
        return new IllegalArgumentException("unknown configuration key '" + key + "'"
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?")
                + " (keys come from the built-in defaults, ~/.config/jdask/*.yaml, $JDASK_CONFIG,"
                + " JDASK_* environment variables and Config.set)");
    }

    /** @return the number of leaves and the sorted leaves */
    @Override
    public String toString() {
        return "ConfigView" + sorted;
    }
}
