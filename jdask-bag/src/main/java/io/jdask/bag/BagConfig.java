package io.jdask.bag;

/** The configuration keys of jdask-bag (defaults in {@code META-INF/jdask/config-defaults.yaml}). */
final class BagConfig {
    /** Bytes of an input partition above which groupBy's shuffle spills it to disk. */
    static final String SPILL_THRESHOLD = "bag.shuffle.spill-threshold";
    /** Where groupBy's shuffle writes spill files; empty for the system's temporary directory. */
    static final String SPILL_DIRECTORY = "bag.shuffle.spill-directory";

    private BagConfig() {}
}
