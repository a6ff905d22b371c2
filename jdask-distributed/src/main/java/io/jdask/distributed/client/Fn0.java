package io.jdask.distributed.client;

import java.io.Serializable;

/**
 * A function without arguments that can travel to a worker (a serializable lambda).
 *
 * @param <R> its result
 */
@FunctionalInterface
public interface Fn0<R> extends Serializable {
    /**
     * @return the result
     * @throws Exception anything; the future reports it
     */
    R call() throws Exception;
}
