package io.jdask.distributed.client;

import io.jdask.distributed.protocol.Restrictions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how the tasks of one {@code submit} or {@code map} run, like Dask's {@code workers=},
 * {@code resources=}, {@code allow_other_workers=} and {@code retries=}:
 *
 * <pre>{@code
 * client.submit(TaskOptions.onWorkers("gpu-box").retries(2), fn, x);
 * client.map(TaskOptions.needing("GPU", 1), fn, items);
 * }</pre>
 *
 * <p>A task restricted to workers runs only on those (names or addresses), and waits while none of
 * them is connected, unless {@link #allowOtherWorkers(boolean)} lets it run elsewhere then. A task
 * that needs resources runs only on workers started with at least that much of each
 * ({@code jdask worker --resources GPU=2}), and holds it while it runs. Retries re-run a task that
 * failed (an exception, not a lost worker) up to that many times before its error counts.
 *
 * @param workers the workers allowed (names or addresses); empty for any
 * @param resources the abstract resources one run of a task holds
 * @param allowOtherWorkers whether the tasks may run on other workers when none of the allowed is available
 * @param retries how many times a failed task is run again
 */
public record TaskOptions(Set<String> workers, Map<String, Double> resources, boolean allowOtherWorkers, int retries) {
    /** No restriction, no retries. */
    public static final TaskOptions NONE = new TaskOptions(Set.of(), Map.of(), false, 0);

    /** Copies the collections and checks the values. */
    public TaskOptions {
        workers = Set.copyOf(Objects.requireNonNull(workers, "workers"));
        resources = Map.copyOf(Objects.requireNonNull(resources, "resources"));
        for (String w : workers) {
            if (w.isBlank()) {
                throw new IllegalArgumentException("a worker name or address in workers is blank");
            }
        }
        for (Map.Entry<String, Double> e : resources.entrySet()) {
            if (!(e.getValue() > 0) || e.getValue().isInfinite()) {
                throw new IllegalArgumentException("resource " + e.getKey() + " needs a positive, finite amount, got " + e.getValue());
            }
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0, got " + retries);
        }
    }

    /**
     * @param workers names or addresses of the workers allowed
     * @return options restricting the tasks to those workers
     */
    public static TaskOptions onWorkers(String... workers) {
        return NONE.workers(workers);
    }

    /**
     * @param resource a resource's name
     * @param amount how much of it one run holds
     * @return options that need that resource
     */
    public static TaskOptions needing(String resource, double amount) {
        return NONE.resource(resource, amount);
    }

    /** @param workers names or addresses of the workers allowed @return these options restricted to them */
    public TaskOptions workers(String... workers) {
        return new TaskOptions(Set.of(workers), resources, allowOtherWorkers, retries);
    }

    /** @param resource a resource's name @param amount how much one run holds @return these options needing it too */
    public TaskOptions resource(String resource, double amount) {
        Map<String, Double> r = new LinkedHashMap<>(resources);
        r.put(Objects.requireNonNull(resource, "resource"), amount);
        return new TaskOptions(workers, r, allowOtherWorkers, retries);
    }

    /** @param allow whether the tasks may run elsewhere when none of the allowed workers is available @return new options */
    public TaskOptions allowOtherWorkers(boolean allow) {
        return new TaskOptions(workers, resources, allow, retries);
    }

    /** @param retries how many times a failed task is run again @return new options */
    public TaskOptions retries(int retries) {
        return new TaskOptions(workers, resources, allowOtherWorkers, retries);
    }

    Restrictions restrictions() {
        return workers.isEmpty() && resources.isEmpty() ? Restrictions.NONE : new Restrictions(workers, resources, allowOtherWorkers);
    }
}
