package io.jdask.distributed.worker.transfer;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the same-host shared-memory path, from system properties of the worker's JVM:
 *
 * <ul>
 *   <li>{@code jdask.worker.shm} ({@code true}): {@code false} turns the path off (every value goes
 *       through the socket);
 *   <li>{@code jdask.worker.shm.dir} ({@code /dev/shm}): where ring files are made;
 *   <li>{@code jdask.worker.shm.min-bytes} (4 MiB): values smaller than this go through the socket;
 *   <li>{@code jdask.worker.shm.ring-bytes} (16 MiB): the size of each ring;
 *   <li>{@code jdask.worker.shm.idle-timeout-ms} (30000): how long a side waits for the other
 *       without progress before the transfer fails.
 * </ul>
 *
 * @param enabled whether the path is on
 * @param dir where ring files are made
 * @param minBytes the smallest value sent through a ring
 * @param ringBytes the bytes of each ring
 * @param chunkBytes the most bytes copied and published at once
 * @param idleTimeout how long a side waits without progress
 */
public record ShmSettings(boolean enabled, Path dir, int minBytes, int ringBytes, int chunkBytes, Duration idleTimeout) {
    /** The settings' system property prefix. */
    public static final String PROPERTY = "jdask.worker.shm";

    /** Checks the numbers. */
    public ShmSettings {
        if (ringBytes < 64 << 10) {
            throw new IllegalArgumentException(PROPERTY + ".ring-bytes must be at least 65536, not " + ringBytes);
        }
        if (chunkBytes < 4096 || chunkBytes > ringBytes) {
            throw new IllegalArgumentException("chunk of " + chunkBytes + " bytes for a ring of " + ringBytes);
        }
        if (minBytes < 0 || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("bad " + PROPERTY + " settings: min-bytes " + minBytes + ", idle timeout " + idleTimeout);
        }
    }

    /** @return the settings from the JVM's system properties */
    public static ShmSettings fromSystemProperties() {
        boolean enabled = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
        Path dir = Path.of(System.getProperty(PROPERTY + ".dir", "/dev/shm"));
        int min = intProperty(PROPERTY + ".min-bytes", 4 << 20);
        int ring = intProperty(PROPERTY + ".ring-bytes", 16 << 20);
        int chunk = Math.min(1 << 20, ring / 4);
        long idle = intProperty(PROPERTY + ".idle-timeout-ms", 30_000);
        return new ShmSettings(enabled, dir, min, ring, chunk, Duration.ofMillis(idle));
    }

    /** @return these settings with the path turned off */
    public ShmSettings disabled() {
        return new ShmSettings(false, dir, minBytes, ringBytes, chunkBytes, idleTimeout);
    }

    private static int intProperty(String name, int fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("system property " + name + " must be an integer, not '" + v + "'", e);
        }
    }
}
