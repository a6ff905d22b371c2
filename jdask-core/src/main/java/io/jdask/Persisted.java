package io.jdask;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Collections rebuilt on computed results by {@link Jdask#persist(Lazy...)}. */
public final class Persisted {
    private final List<Lazy<?>> persisted;
    private final Map<Lazy<?>, Lazy<?>> byOriginal = new IdentityHashMap<>();

    Persisted(List<Lazy<?>> originals, List<Lazy<?>> persisted) {
        this.persisted = List.copyOf(persisted);
        for (int i = 0; i < originals.size(); i++) {
            byOriginal.put(originals.get(i), persisted.get(i));
        }
    }

    /**
     * @param original one of the collections that were persisted
     * @param <C> its type
     * @return the same collection, now backed by computed results
     * @throws IllegalArgumentException if it was not persisted here
     */
    @SuppressWarnings("unchecked")
    public <C extends Lazy<?>> C get(C original) {
        Lazy<?> p = byOriginal.get(original);
        if (p == null) {
            throw new IllegalArgumentException("this collection was not part of the persist call: " + original);
        }
        return (C) p;
    }

    /** @return the persisted collections in the order they were given */
    public List<Lazy<?>> asList() {
        return persisted;
    }
}
