package io.jdask.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The process-wide configuration: a base view read from files and environment, plus the scoped
 * overrides of {@link Config#set}, published together as one immutable {@link ConfigView}.
 *
 * <p>Readers do one volatile read. Writers (open or close a scope, refresh) take a lock, rebuild
 * the view and swap it in. Scopes form a list in the order they were opened; the effective view
 * applies all open ones in that order, so closing any scope, in any order and from any thread,
 * removes exactly its own values and leaves those of the others.
 */
final class GlobalConfig {
    private static final Object LOCK = new Object();
    private static volatile ConfigView effective;
    private static ConfigView base; // guarded by LOCK
    private static final List<OverrideScope> scopes = new ArrayList<>(); // guarded by LOCK

    private GlobalConfig() {}

    static ConfigView current() {
        ConfigView v = effective;
        return v != null ? v : initialise();
    }

    private static ConfigView initialise() {
        synchronized (LOCK) {
            if (base == null) {
                base = ConfigLoader.loadSystem();
                publish();
            }
            return effective;
        }
    }

    static void refresh() {
        ConfigView fresh = ConfigLoader.loadSystem();
        synchronized (LOCK) {
            base = fresh;
            publish();
        }
    }

    static Config.Scope open(Map<String, ?> values) {
        Map<String, Object> flat = new LinkedHashMap<>();
        ConfigKeys.flatten("", values, flat::put);
        OverrideScope scope = new OverrideScope(flat);
        synchronized (LOCK) {
            if (base == null) {
                base = ConfigLoader.loadSystem();
            }
            scopes.add(scope);
            publish();
        }
        return scope;
    }

    private static void close(OverrideScope scope) {
        synchronized (LOCK) {
            if (scopes.remove(scope)) {
                publish();
            }
        }
    }

    /** Rebuilds the effective view; the caller holds {@link #LOCK}. */
    private static void publish() {
        if (scopes.isEmpty()) {
            effective = base;
            return;
        }
        Entries merged = new Entries(base);
        for (OverrideScope s : scopes) {
            s.values.forEach((k, v) -> merged.put(k, v, "Config.set"));
        }
        effective = merged.toView();
    }

    /** One call's overrides; identity decides which scope a close removes. */
    private static final class OverrideScope implements Config.Scope {
        private final Map<String, Object> values;

        OverrideScope(Map<String, Object> values) {
            this.values = values;
        }

        @Override
        public void close() {
            GlobalConfig.close(this);
        }

        @Override
        public String toString() {
            return "Config.Scope" + values;
        }
    }
}
