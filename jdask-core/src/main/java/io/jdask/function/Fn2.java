package io.jdask.function;

import java.io.Serializable;

/**
 * A serializable function of 2 arguments, for {@code Delayed.call}.
 *
 * @param <A> type of argument 1
 * @param <B> type of argument 2
 * @param <R> result type
 */
@FunctionalInterface
public interface Fn2<A, B, R> extends Serializable {
    /**
     * Runs the function.
     *
     * @param a argument 1
     * @param b argument 2
     * @return the result
     * @throws Exception anything; the scheduler reports it with the task's key
     */
    R apply(A a, B b) throws Exception;
}
