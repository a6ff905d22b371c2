package io.jdask.array;

import java.io.Serializable;

/** A function applied to each block by {@link Array#mapBlocks}; serializable so it can travel to workers. */
@FunctionalInterface
public interface BlockFunction extends Serializable {
    /**
     * @param block one block
     * @return the block of the result
     */
    NDArray apply(NDArray block);
}
