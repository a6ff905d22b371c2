package io.jdask.array;

/**
 * Random arrays, like {@code dask.array.random}. Each block has its own generator seeded from the
 * seed and the block's index, so the values depend only on the seed, shape and chunks, never on
 * the scheduler or the order blocks are computed in.
 */
public final class ArrayRandom {
    private ArrayRandom() {}

    /**
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length ({@code -1}: whole)
     * @param seed the seed
     * @return uniform float64 values in {@code [0, 1)}
     */
    public static Array uniform(int[] shape, int[] chunkSizes, long seed) {
        return Creation.random(Creation.Distribution.UNIFORM, shape, Chunks.of(shape, chunkSizes), seed, 0, 0);
    }

    /**
     * @param mean the mean
     * @param std the standard deviation
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length
     * @param seed the seed
     * @return normally distributed float64 values
     */
    public static Array normal(double mean, double std, int[] shape, int[] chunkSizes, long seed) {
        return Creation.random(Creation.Distribution.NORMAL, shape, Chunks.of(shape, chunkSizes), seed, mean, std);
    }

    /**
     * @param low lowest value
     * @param high bound (exclusive), greater than {@code low}
     * @param shape the shape
     * @param chunkSizes per dimension the chunk length
     * @param seed the seed
     * @return uniform int64 values in {@code [low, high)}
     * @throws IllegalArgumentException when {@code high <= low}
     */
    public static Array integers(long low, long high, int[] shape, int[] chunkSizes, long seed) {
        if (high <= low) {
            throw new IllegalArgumentException("integers: high " + high + " must be greater than low " + low);
        }
        return Creation.random(Creation.Distribution.INTEGERS, shape, Chunks.of(shape, chunkSizes), seed, low, high);
    }
}
