package io.jdask.array;

/**
 * Seeded uniform {@code [0, 1)} values, counter-based so that any piece of a block can be
 * generated on its own: value {@code k} of a block seeded {@code s} is the SplitMix64 output for
 * the counter {@code s + (k + 1) * GAMMA}, which is exactly the {@code k}-th {@code nextDouble()} of
 * {@code new java.util.SplittableRandom(s)}. Written as two array loops (counters, then mixing and
 * conversion) so that the JIT vectorises them; generating into a small reused buffer keeps the
 * whole step in cache.
 */
final class Uniform {
    /** SplitMix64's increment (the golden gamma of {@code SplittableRandom}). */
    static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** Values generated per inner step: 32 KiB of counters and 32 KiB of values, within L1/L2. */
    static final int STEP = 4096;

    private Uniform() {}

    /**
     * The blocks of one seeded uniform array, generated on demand.
     *
     * @param seed the user's seed
     * @param grid blocks per dimension
     * @param chunks the chunk lengths
     */
    record Blocks(long seed, int[] grid, int[][] chunks) implements Fusion {
        /** @return the generator seed of block {@code idx} */
        long blockSeed(int[] idx) {
            return Creation.blockSeed(seed, idx, grid);
        }
    }

    /** @return {@code n} values of the block seeded {@code seed}, from its first one */
    static double[] block(long seed, int n) {
        double[] r = new double[n];
        fill(r, 0, n, seed, 0, new long[Math.min(STEP, Math.max(1, n))]);
        return r;
    }

    /**
     * Writes values {@code first .. first + len - 1} of the block seeded {@code seed} into
     * {@code out[off .. off + len)}.
     *
     * @param scratch a buffer of at least one element, reused between calls
     */
    static void fill(double[] out, int off, int len, long seed, long first, long[] scratch) {
        int step = scratch.length;
        for (int done = 0; done < len; done += step) {
            int n = Math.min(step, len - done);
            long z0 = seed + GAMMA * (first + done + 1);
            for (int k = 0; k < n; k++) {
                scratch[k] = z0 + GAMMA * k;
            }
            int o = off + done;
            for (int k = 0; k < n; k++) {
                long z = scratch[k];
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z = z ^ (z >>> 31);
                out[o + k] = (z >>> 11) * 0x1.0p-53;
            }
        }
    }
}
