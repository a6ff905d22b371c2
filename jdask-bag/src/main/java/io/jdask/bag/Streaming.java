package io.jdask.bag;

/**
 * An {@link Aggregation} whose partial result can be built one element at a time, so a fused
 * pipeline feeds it without collecting the partition into a list first.
 *
 * @param <S> the mutable state while a partition streams in
 * @param <A> the partial result
 */
interface Streaming<S, A> {
    /** @return a fresh state for one partition */
    S begin();

    /**
     * @param state the partition's state
     * @param element the next element
     * @throws Exception what user code throws
     */
    void add(S state, Object element) throws Exception;

    /**
     * @param state the state after the partition's last element
     * @return the partition's partial result, as {@link Aggregation#partition} would give
     */
    A end(S state);
}
