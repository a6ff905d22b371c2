package io.jdask.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/** Key spelling rules: canonical form, flattening of nested maps, and "did you mean" suggestions. */
final class ConfigKeys {
    private ConfigKeys() {}

    /**
     * The canonical spelling of a dotted key: lower case, with {@code _} written as {@code -}.
     *
     * @param key a dotted key such as {@code "Scheduler.Min_Seconds"}
     * @return the canonical key ({@code "scheduler.min-seconds"}); the same instance when it already is
     * @throws IllegalArgumentException when the key is null, blank or has an empty segment
     */
    static String canonical(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a configuration key must not be empty");
        }
        boolean clean = true;
        for (int i = 0; i < key.length() && clean; i++) {
            char c = key.charAt(i);
            clean = c != '_' && Character.toLowerCase(c) == c;
        }
        String k = clean ? key : key.toLowerCase(Locale.ROOT).replace('_', '-');
        if (k.startsWith(".") || k.endsWith(".") || k.contains("..")) {
            throw new IllegalArgumentException("configuration key '" + key + "' has an empty segment");
        }
        return k;
    }

    /**
     * Walks a value that may be a nested map and reports each leaf with its full dotted key.
     * Map keys are canonicalised; lists become unmodifiable; an empty map yields no leaves.
     *
     * @param prefix the key of {@code value}, or empty for a top-level map
     * @param value a leaf value or a map of sub-keys
     * @param out receives (canonical key, leaf value)
     */
    static void flatten(String prefix, Object value, BiConsumer<String, Object> out) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String sub = String.valueOf(e.getKey());
                flatten(prefix.isEmpty() ? canonical(sub) : prefix + "." + canonical(sub), e.getValue(), out);
            }
        } else if (prefix.isEmpty()) {
            throw new IllegalArgumentException("a configuration value needs a key");
        } else {
            out.accept(prefix, freeze(value));
        }
    }

    private static Object freeze(Object value) {
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            for (Object o : c) {
                copy.add(freeze(o));
            }
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /**
     * @param key an unknown key, as the caller spelled it
     * @param known the known keys
     * @return the known key closest to {@code key} by edit distance, or null when there are none
     */
    static String closest(String key, Collection<String> known) {
        String target = key.toLowerCase(Locale.ROOT).replace('_', '-');
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(target, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance with two rolling rows. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
