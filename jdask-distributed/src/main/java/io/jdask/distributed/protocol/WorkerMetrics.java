package io.jdask.distributed.protocol;

/**
 * What a worker reports about itself in each {@link WorkerToScheduler.Heartbeat}: the figures of
 * its data store, its process and its traffic. The counters ({@code bytesSent}, {@code
 * bytesReceived}, {@code spills}, {@code spilledBytesTotal}, {@code unspills}) count since the
 * worker started, so a reader finds what happened between two heartbeats by difference and a lost
 * heartbeat loses nothing.
 *
 * @param memoryBytes the bytes of the values its data store holds in memory
 * @param executing the tasks running now
 * @param spilledBytes the in-memory sizes of the values its store holds on disk now
 * @param cpuPercent the CPU its process used since the previous heartbeat, in percent of one core
 *     (above 100 when several cores were busy), -1 when the JVM cannot tell
 * @param bytesSent bytes of values it sent to peers and clients
 * @param bytesReceived bytes of values it received from peers
 * @param spills values its store wrote to disk
 * @param spilledBytesTotal the in-memory bytes of the values its store wrote to disk
 * @param unspills values its store read back from disk
 */
public record WorkerMetrics(long memoryBytes, int executing, long spilledBytes, double cpuPercent, long bytesSent, long bytesReceived,
        long spills, long spilledBytesTotal, long unspills) {
    /** Before a worker's first heartbeat: nothing known, CPU unknown. */
    public static final WorkerMetrics NONE = new WorkerMetrics(0, 0, 0, -1, 0, 0, 0, 0, 0);

    /**
     * Only memory and the tasks running known (a worker without a spilling store, tests).
     *
     * @param memoryBytes the bytes held in memory
     * @param executing the tasks running now
     * @return the figures, the rest zero and CPU unknown
     */
    public static WorkerMetrics of(long memoryBytes, int executing) {
        return new WorkerMetrics(memoryBytes, executing, 0, -1, 0, 0, 0, 0, 0);
    }
}
