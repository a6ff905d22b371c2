package io.jdask.bag;

import io.jdask.graph.TaskFunction;
import java.io.Serializable;
import java.util.List;

/**
 * A tree reduction of a bag: a partial result per partition, partial results combined in groups
 * (level by level, like Dask's {@code split_every}), and the final partial turned into the result.
 *
 * @param <A> the partial result
 */
interface Aggregation<A> extends Serializable {
    /**
     * @param partition one partition of the bag
     * @return its partial result
     * @throws Exception what user code throws
     */
    A partition(List<Object> partition) throws Exception;

    /**
     * @param partials partial results of neighbouring partitions (or groups), in order; at least one
     * @return their combination
     * @throws Exception what user code throws
     */
    A combine(List<A> partials) throws Exception;

    /**
     * @param total the combination of every partition
     * @return the result
     * @throws Exception what user code throws
     */
    Object finish(A total) throws Exception;

    /** Runs {@link #partition}. */
    record PartitionStep(Aggregation<?> agg) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return agg.partition(Elementwise.part(args[0]));
        }
    }

    /** Runs {@link #combine} on the list argument. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record CombineStep(Aggregation agg) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return agg.combine((List<Object>) args[0]);
        }
    }

    /** Runs {@link #finish}. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record FinishStep(Aggregation agg) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            return agg.finish(args[0]);
        }
    }
}
