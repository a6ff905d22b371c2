package io.jdask;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The values of several collections computed together by {@link Jdask#compute(Lazy...)}. */
public final class Computed {
    private final List<Lazy<?>> collections;
    private final List<Object> values;
    private final Map<Lazy<?>, Object> byCollection = new IdentityHashMap<>();

    Computed(List<Lazy<?>> collections, List<Object> values) {
        this.collections = List.copyOf(collections);
        this.values = Collections.unmodifiableList(new ArrayList<>(values));
        for (int i = 0; i < collections.size(); i++) {
            byCollection.put(collections.get(i), values.get(i));
        }
    }

    /**
     * @param collection one of the collections that were computed
     * @param <R> its value type
     * @return its value
     * @throws IllegalArgumentException if it was not part of the computation
     */
    @SuppressWarnings("unchecked")
    public <R> R get(Lazy<R> collection) {
        if (!byCollection.containsKey(collection)) {
            throw new IllegalArgumentException("this collection was not part of the computation: " + collection);
        }
        return (R) byCollection.get(collection);
    }

    /**
     * @param i position in the argument list of the compute call
     * @return that collection's value
     */
    public Object get(int i) {
        return values.get(i);
    }

    /** @return the values in the order the collections were given */
    public List<Object> asList() {
        return values;
    }

    /** @return how many collections were computed */
    public int size() {
        return collections.size();
    }
}
