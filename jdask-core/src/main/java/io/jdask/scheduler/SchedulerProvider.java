package io.jdask.scheduler;

import java.util.Optional;

/**
 * Supplies schedulers by name to {@link Schedulers#byName(String)} and config {@code
 * scheduler.default}; found with {@link java.util.ServiceLoader}.
 */
public interface SchedulerProvider {
    /**
     * @param name a scheduler name from config or code
     * @return the scheduler, if this provider knows the name
     */
    Optional<Scheduler> scheduler(String name);
}
