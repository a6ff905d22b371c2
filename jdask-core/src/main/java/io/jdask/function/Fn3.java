package io.jdask.function;

import java.io.Serializable;

/**
 * A serializable function of 3 arguments, for {@code Delayed.call}.
 *
 * @param <A> type of argument 1
 * @param <B> type of argument 2
 * @param <C> type of argument 3
 * @param <R> result type
 */
@FunctionalInterface
public interface Fn3<A, B, C, R> extends Serializable {
    /**
     * Runs the function.
     *
     * @param a argument 1
     * @param b argument 2
     * @param c argument 3
     * @return the result
     * @throws Exception anything; the scheduler reports it with the task's key
     */
    R apply(A a, B b, C c) throws Exception;
}
