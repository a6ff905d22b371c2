package io.jdask.function;

import java.io.Serializable;

/**
 * A serializable function of 1 argument, for {@code Delayed.call}.
 *
 * @param <A> type of argument 1
 * @param <R> result type
 */
@FunctionalInterface
public interface Fn1<A, R> extends Serializable {
    /**
     * Runs the function.
     *
     * @param a argument 1
     * @return the result
     * @throws Exception anything; the scheduler reports it with the task's key
     */
    R apply(A a) throws Exception;
}
