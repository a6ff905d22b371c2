package io.jdask.distributed.worker.state;

import java.util.Map;

/**
 * One worker's settings.
 *
 * @param address the worker's own address (never fetched from)
 * @param nthreads task threads
 * @param memoryLimit bytes, 0 for none
 * @param pauseFraction above this fraction of the memory limit the worker pauses: no new
 *     executions or fetches until it is below again
 * @param resources the abstract resources it offers
 * @param maxFetchesPerPeer concurrent fetches from one peer
 * @param maxFetchesTotal concurrent fetches overall
 * @param fetchBatchBytes a fetch asks one peer for several keys up to about this many bytes
 * @param validate whether invariants are checked after every event (for tests)
 * @param storyLimit how many transitions (of all keys together) the story log keeps
 */
public record WorkerConfig(
        String address,
        int nthreads,
        long memoryLimit,
        double pauseFraction,
        Map<String, Double> resources,
        int maxFetchesPerPeer,
        int maxFetchesTotal,
        long fetchBatchBytes,
        boolean validate,
        int storyLimit) {

    /** Copies the map and checks the values. */
    public WorkerConfig {
        resources = Map.copyOf(resources);
        if (nthreads < 1) {
            throw new IllegalArgumentException("nthreads must be >= 1, got " + nthreads);
        }
        if (maxFetchesPerPeer < 1 || maxFetchesTotal < 1) {
            throw new IllegalArgumentException("fetch limits must be >= 1");
        }
        if (storyLimit < 1) {
            throw new IllegalArgumentException("storyLimit must be >= 1, got " + storyLimit);
        }
        if (!(pauseFraction > 0)) {
            throw new IllegalArgumentException("pauseFraction must be > 0, got " + pauseFraction);
        }
    }

    /**
     * @param address the worker's address
     * @param nthreads its threads
     * @return no memory limit, pause at 0.8, no resources, 1 fetch per peer, 4 overall, 50 MB batches,
     *     100,000 transitions of story
     */
    public static WorkerConfig of(String address, int nthreads) {
        return new WorkerConfig(address, nthreads, 0, 0.8, Map.of(), 1, 4, 50_000_000L, false, 100_000);
    }

    /** @param limit bytes @return a copy with it */
    public WorkerConfig withMemoryLimit(long limit) {
        return new WorkerConfig(address, nthreads, limit, pauseFraction, resources, maxFetchesPerPeer, maxFetchesTotal, fetchBatchBytes, validate, storyLimit);
    }

    /** @param r the resources @return a copy with them */
    public WorkerConfig withResources(Map<String, Double> r) {
        return new WorkerConfig(address, nthreads, memoryLimit, pauseFraction, r, maxFetchesPerPeer, maxFetchesTotal, fetchBatchBytes, validate, storyLimit);
    }

    /** @param perPeer per peer @param total overall @return a copy with these fetch limits */
    public WorkerConfig withFetchLimits(int perPeer, int total) {
        return new WorkerConfig(address, nthreads, memoryLimit, pauseFraction, resources, perPeer, total, fetchBatchBytes, validate, storyLimit);
    }

    /** @param bytes the batch size @return a copy with it */
    public WorkerConfig withFetchBatchBytes(long bytes) {
        return new WorkerConfig(address, nthreads, memoryLimit, pauseFraction, resources, maxFetchesPerPeer, maxFetchesTotal, bytes, validate, storyLimit);
    }

    /** @param v whether to validate @return a copy with it */
    public WorkerConfig withValidate(boolean v) {
        return new WorkerConfig(address, nthreads, memoryLimit, pauseFraction, resources, maxFetchesPerPeer, maxFetchesTotal, fetchBatchBytes, v, storyLimit);
    }
}
