package io.jdask.config;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps {@code JDASK_*} environment variables to configuration keys: {@code __} separates levels and
 * a single {@code _} becomes {@code -}, so {@code JDASK_PROGRESS__MIN_SECONDS} sets
 * {@code progress.min-seconds}. Values are read as YAML, so {@code 4}, {@code true}, {@code 1.5}
 * and {@code [a, b]} get their types; text YAML cannot read stays text.
 */
final class EnvVariables {
    static final String PREFIX = "JDASK_";
    static final String CONFIG_VARIABLE = "JDASK_CONFIG";

    private EnvVariables() {}

    /**
     * @param name an environment variable name
     * @return the configuration key it sets, or null when it is not a configuration variable
     */
    static String keyOf(String name) {
        if (!name.startsWith(PREFIX) || name.equals(CONFIG_VARIABLE) || name.length() == PREFIX.length()) {
            return null;
        }
        String[] levels = name.substring(PREFIX.length()).split("__", -1);
        StringBuilder key = new StringBuilder();
        for (String level : levels) {
            if (level.isEmpty()) {
                return null;
            }
            if (!key.isEmpty()) {
                key.append('.');
            }
            key.append(level.toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        return key.toString();
    }

    /**
     * @param raw an environment variable's value
     * @return the value YAML makes of it, or the raw text when YAML cannot read it
     */
    static Object parseValue(String raw) {
        if (raw.isBlank()) {
            return raw;
        }
        try {
            return YamlFiles.parseValue(raw);
        } catch (IOException e) {
            return raw;
        }
    }

    /**
     * Adds every configuration variable of {@code env}, in name order, to {@code into}.
     *
     * @param env environment variables
     * @param into the entries to add to
     */
    static void apply(Map<String, String> env, Entries into) {
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String key = keyOf(e.getKey());
            if (key == null || e.getValue() == null) {
                continue;
            }
            Object value = parseValue(e.getValue());
            String origin = "environment variable " + e.getKey();
            if (value instanceof Map<?, ?> m && !m.isEmpty()) {
                ConfigKeys.flatten(key, m, (k, v) -> into.put(k, v, origin));
            } else {
                into.put(key, value instanceof Map ? null : value, origin);
            }
        }
    }
}
