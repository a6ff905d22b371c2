package io.jdask.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Timing helpers the side-by-side runners share: process CPU time, medians, the load average. */
final class Timing {
    private Timing() {}

    /** A piece of work to time. */
    interface Work {
        Object run() throws Exception;
    }

    /** @return the CPU time of this process (all threads), in nanoseconds */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @return the one-minute load average, or "?" where /proc is not there */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * Runs the work twice to warm up, then {@code repeats} times after a GC each.
     *
     * @return the median wall seconds and the median CPU seconds of the process
     */
    static double[] median(int repeats, Work work) {
        try {
            work.run();
            work.run();
            long[] t = new long[repeats];
            long[] cpu = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                System.gc();
                long c0 = cpuNanos();
                long t0 = System.nanoTime();
                work.run();
                t[i] = System.nanoTime() - t0;
                cpu[i] = cpuNanos() - c0;
            }
            Arrays.sort(t);
            Arrays.sort(cpu);
            return new double[] {t[repeats / 2] / 1e9, cpu[repeats / 2] / 1e9};
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
