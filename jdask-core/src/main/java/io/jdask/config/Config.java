package io.jdask.config;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * jdask's configuration. (Minimal stand-in: the layered implementation replaces the body, keeping
 * these signatures.)
 */
public final class Config {
    private static final Map<String, Object> VALUES = new ConcurrentHashMap<>(Map.of(
            "scheduler.default", "threads",
            "scheduler.threads", 0,
            "optimization.fuse.active", true,
            "optimization.inline.active", true,
            "progress.enabled", true,
            "progress.min-seconds", 1.0));

    private Config() {}

    /** A scoped override; closing it restores the previous values. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    public static Object get(String key) {
        Object v = VALUES.get(key);
        if (v == null) {
            throw new IllegalArgumentException("unknown configuration key '" + key + "'");
        }
        return v;
    }

    public static String getString(String key) {
        return String.valueOf(get(key));
    }

    public static int getInt(String key) {
        Object v = get(key);
        return v instanceof Number n ? n.intValue() : Integer.parseInt(v.toString().trim());
    }

    public static double getDouble(String key) {
        Object v = get(key);
        return v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
    }

    public static boolean getBoolean(String key) {
        Object v = get(key);
        return v instanceof Boolean b ? b : Boolean.parseBoolean(v.toString().trim());
    }

    public static Scope set(String key, Object value) {
        Object prev = VALUES.put(key, value);
        return () -> {
            if (prev == null) {
                VALUES.remove(key);
            } else {
                VALUES.put(key, prev);
            }
        };
    }
}
