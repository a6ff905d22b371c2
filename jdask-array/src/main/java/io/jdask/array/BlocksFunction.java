package io.jdask.array;

import java.io.Serializable;
import java.util.List;

/**
 * The function of {@link Array#blockwise}: called once per output block with one argument per
 * input array, in the order the arrays were given; serializable so it can travel to workers.
 */
@FunctionalInterface
public interface BlocksFunction extends Serializable {
    /**
     * @param blocks per input array its block ({@link NDArray}), or, when the input has index
     *     letters missing from the output, the list of its blocks along those letters (nested one
     *     list level per letter, outermost the first such letter of that input's index)
     * @return the output block
     */
    NDArray apply(List<Object> blocks);
}
