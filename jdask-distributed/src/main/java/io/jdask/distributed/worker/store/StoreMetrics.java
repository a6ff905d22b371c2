package io.jdask.distributed.worker.store;

/**
 * A snapshot of a {@link DataStore}'s counters, for heartbeats and the dashboard.
 *
 * @param memoryBytes bytes of the values held in memory (their sizes as the store measured them)
 * @param memoryCount values held in memory
 * @param spilledBytes in-memory sizes of the values now on disk
 * @param diskBytes bytes of the spill files now on disk
 * @param spilledCount values now on disk
 * @param unspillableBytes bytes of in-memory values that could not be serialized, so stay in memory
 * @param unspillableCount how many such values
 * @param spillsTotal values written to disk since the store opened
 * @param spilledBytesTotal in-memory bytes of the values written to disk since the store opened
 * @param unspillsTotal values read back from disk since the store opened
 * @param spillErrors spill attempts that failed with an I/O error (the value stayed in memory)
 */
public record StoreMetrics(
        long memoryBytes,
        int memoryCount,
        long spilledBytes,
        long diskBytes,
        int spilledCount,
        long unspillableBytes,
        int unspillableCount,
        long spillsTotal,
        long spilledBytesTotal,
        long unspillsTotal,
        long spillErrors) {}
