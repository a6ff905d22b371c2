package io.jdask.array;

/**
 * A selection along one dimension for {@link Array#get}: a range with a step, a single index
 * (drops the dimension) or a list of indices. Negative positions count from the end.
 */
public sealed interface Slice {
    /**
     * @param start first index (inclusive; negative counts from the end)
     * @param stop end index (exclusive; negative counts from the end; clamped to the length)
     * @param step step, positive or negative, not zero
     * @return the range
     */
    static Slice range(int start, int stop, int step) {
        if (step == 0) {
            throw new IllegalArgumentException("slice step cannot be zero");
        }
        return new Range(start, stop, step);
    }

    /**
     * @param start first index
     * @param stop end (exclusive)
     * @return the range with step 1
     */
    static Slice range(int start, int stop) {
        return new Range(start, stop, 1);
    }

    /** @return the whole dimension */
    static Slice all() {
        return new Range(0, Integer.MAX_VALUE, 1);
    }

    /**
     * @param i the index (negative counts from the end)
     * @return a selection of one position that removes the dimension
     */
    static Slice index(int i) {
        return new Index(i);
    }

    /**
     * @param positions the positions, in the order wanted (repeats allowed)
     * @return a selection of those positions
     */
    static Slice indices(int... positions) {
        return new Indices(positions.clone());
    }

    /** A range {@code start:stop:step}. @param start start @param stop stop @param step step */
    record Range(int start, int stop, int step) implements Slice {}

    /** One position. @param index the position */
    record Index(int index) implements Slice {}

    /** A list of positions. @param positions the positions */
    record Indices(int[] positions) implements Slice {}
}
