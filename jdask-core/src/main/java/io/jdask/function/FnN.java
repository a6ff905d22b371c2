package io.jdask.function;

import java.io.Serializable;

/**
 * A serializable function of any number of arguments, for {@code Delayed.apply}.
 *
 * @param <R> result type
 */
@FunctionalInterface
public interface FnN<R> extends Serializable {
    /**
     * Runs the function.
     *
     * @param args the resolved arguments
     * @return the result
     * @throws Exception anything; the scheduler reports it with the task's key
     */
    R apply(Object[] args) throws Exception;
}
