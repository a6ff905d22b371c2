package io.jdask.dataframe;

import io.jdask.Delayed;
import io.jdask.Lazy;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.TaskGraph;
import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import java.util.List;
import java.util.Optional;

/**
 * What {@link DataFrame} and {@link Series} share: their {@link Parts} (partitions, meta,
 * divisions, graph), the structure and head/tail that come from them, and the collection
 * contract ({@link Lazy}: graph, keys, concatenation of the computed partitions, the rewrite pass
 * shared with {@link Scalar}).
 */
abstract class Partitioned implements Lazy<Frame>, Tokenizable {
    final Parts parts;

    Partitioned(Parts parts) {
        this.parts = parts;
    }

    Parts parts() {
        return parts;
    }

    /** @return an empty frame with the columns, types and index of every partition */
    public Frame meta() {
        return parts.meta();
    }

    /** @return the number of partitions */
    public int npartitions() {
        return parts.npartitions();
    }

    /** @return the npartitions + 1 index boundaries, or empty when unknown */
    public Optional<List<Comparable<?>>> divisions() {
        return parts.divisions();
    }

    /**
     * The first rows, computing only the partitions needed: the first, then twice as many more
     * each round until there are enough rows.
     *
     * @param n how many rows
     * @return up to {@code n} rows
     */
    public Frame head(int n) {
        return parts.head(n);
    }

    /**
     * The last rows, computing partitions from the end as {@link #head(int)} does from the start.
     *
     * @param n how many rows
     * @return up to {@code n} rows
     */
    public Frame tail(int n) {
        return parts.tail(n);
    }

    /**
     * The partitions as delayed values, like Dask's {@code to_delayed}, for use in delayed code
     * (then {@code DataFrame.fromDelayed} to come back).
     *
     * @return one delayed frame per partition, in order
     */
    public List<Delayed<Frame>> toDelayed() {
        return parts.toDelayed();
    }

    /** Merges reads of one source partition with different projections into one read (see {@code SourceFusion}). */
    @Override
    public TaskGraph optimize(TaskGraph graph, List<Key> outputs) {
        return SourceFusion.fuse(graph, outputs);
    }

    /** DataFrames, Series and Scalars share one rewrite pass. */
    @Override
    public Object optimizationKey() {
        return SourceFusion.class;
    }

    @Override
    public Graph graph() {
        return parts.graph();
    }

    @Override
    public List<Key> keys() {
        return parts.keys();
    }

    /** @return the partitions concatenated in order */
    @Override
    public Frame assemble(List<Object> results) {
        return parts.assemble(results);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString(parts.name()).putLong(parts.npartitions());
    }
}
