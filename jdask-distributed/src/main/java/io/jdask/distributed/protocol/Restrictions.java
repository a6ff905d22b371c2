package io.jdask.distributed.protocol;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a task may run.
 *
 * @param workers addresses or names of the workers allowed to run it; empty for any
 * @param resources abstract resources one run of it holds (e.g. {@code GPU=1}); a worker must
 *     declare at least these amounts
 * @param allowOtherWorkers when no allowed worker is available, run it on any worker that has the
 *     resources (a loose restriction)
 */
public record Restrictions(Set<String> workers, Map<String, Double> resources, boolean allowOtherWorkers) {
    /** No restriction. */
    public static final Restrictions NONE = new Restrictions(Set.of(), Map.of(), false);

    /** Copies the collections and checks the amounts. */
    public Restrictions {
        workers = Set.copyOf(Objects.requireNonNull(workers, "workers"));
        resources = Map.copyOf(Objects.requireNonNull(resources, "resources"));
        for (var e : resources.entrySet()) {
            if (!(e.getValue() > 0)) {
                throw new IllegalArgumentException("resource " + e.getKey() + " needs a positive amount, got " + e.getValue());
            }
        }
    }

    /**
     * @param workers the allowed workers
     * @return a strict restriction to those workers
     */
    public static Restrictions toWorkers(String... workers) {
        return new Restrictions(Set.of(workers), Map.of(), false);
    }

    /**
     * @param resources the resources one run holds
     * @return a restriction to workers that have them
     */
    public static Restrictions toResources(Map<String, Double> resources) {
        return new Restrictions(Set.of(), resources, false);
    }

    /** @return whether this restricts nothing */
    public boolean isNone() {
        return workers.isEmpty() && resources.isEmpty();
    }
}
