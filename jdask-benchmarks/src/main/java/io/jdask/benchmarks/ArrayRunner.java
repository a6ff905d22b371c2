package io.jdask.benchmarks;

import io.jdask.array.Array;
import io.jdask.array.DType;
import io.jdask.array.NDArray;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.DoubleSupplier;

/**
 * The side-by-side runner for {@code shared/bench/anchors/bench_d_array.py} and
 * {@code bench_a_gemm.py}: the same workloads, timed the same way (median of repeats after one
 * warm-up), printing {@code RESULT | workload | size | tool | seconds | throughput | notes} lines.
 *
 * <p>The memory-bandwidth bound for the persisted sum is measured here, in the same run: the same
 * data, copied out as row strips of one block's height, is summed by one plain thread per core
 * with an 8-accumulator loop and no task graph; that rate is the most a reduction of that much
 * data can reach on this machine.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl jdask-benchmarks -am
 * java -Xmx12g $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.ArrayRunner [n] [chunk] [mm-n] [repeats]
 * </pre>
 * (n = 0 runs only the matrix products.)
 * <pre>
 * </pre>
 */
public final class ArrayRunner {
    private ArrayRunner() {}

    /** @param args optional n (20000), chunk (2000), matmul n (10000), repeats (3) */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int mm = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        if (n > 0) {
            arrays(n, c, repeats);
        }
        products(c, mm, repeats);
    }

    private static void arrays(int n, int c, int repeats) throws Exception {
        double gb = (double) n * n * 8 / 1e9;
        String size = n + "x" + n + " f64 (" + String.format(Locale.ROOT, "%.1f", gb) + " GB), chunks " + c;
        Array x = Array.random(Array.shape(n, n), Array.chunks(c, c), 42);

        double t = median(repeats, () -> x.sum().compute().scalar());
        report("d array x.sum()", size, "jdask threads, incl. generation", t, gb / t + " GB/s");
        t = median(repeats, () -> x.add(x.transpose()).mean(0).compute().getDouble(0));
        report("d array (x + x.T).mean(axis=0)", size, "jdask threads, incl. generation", t, gb / t + " GB/s (of x)");
        t = median(repeats, () -> x.mapBlocks(b -> NDArray.zeros(DType.F64, 1, 1), DType.F64, ones(x.chunkSizes()))
                .sum().compute().scalar());
        report("d array generation only", size, "jdask threads (mapBlocks tiny result)", t, gb / t + " GB/s");

        Array xp = x.persist();
        t = median(repeats, () -> xp.sum().compute().scalar());
        report("d array x.sum()", size, "jdask threads, persisted x", t, gb / t + " GB/s");
        double bound = bandwidth(xp, repeats);
        report("d array memory bound", size, "plain Java threads summing the same data (no graph)", gb / bound, bound + " GB/s");
        t = median(repeats, () -> xp.add(xp.transpose()).mean(0).compute().getDouble(0));
        report("d array (x + x.T).mean(axis=0)", size, "jdask threads, persisted x", t, gb / t + " GB/s (of x)");
    }

    private static void products(int c, int mm, int repeats) {
        String blas = System.getenv("OPENBLAS_NUM_THREADS") == null ? "" : ", OPENBLAS_NUM_THREADS=" + System.getenv("OPENBLAS_NUM_THREADS");
        Array y = Array.random(Array.shape(mm, mm), Array.chunks(c, c), 7).persist();
        double flops = 2.0 * mm * mm * (double) mm;
        double t = median(repeats, () -> y.matmul(y).sum().compute().scalar());
        report("d array (y @ y).sum()", mm + "x" + mm + " f64, chunks " + c, "jdask threads, persisted y" + blas, t,
                flops / t / 1e9 + " GFLOP/s");
        int g = 4000;
        NDArray a = Array.random(Array.shape(g, g), Array.chunks(-1, -1), 1).compute();
        t = median(repeats, () -> a.matmul(a).getDouble(0, 0));
        report("a gemm", g + "x" + g + " f64", "jdask NDArray.matmul (BLAS)" + blas, t, 2.0 * g * g * g / t / 1e9 + " GFLOP/s");
    }

    private static int[][] ones(int[][] chunks) {
        int[][] r = new int[chunks.length][];
        for (int d = 0; d < chunks.length; d++) {
            r[d] = new int[chunks[d].length];
            Arrays.fill(r[d], 1);
        }
        return r;
    }

    /** GB/s of summing all persisted blocks with one plain thread per core, no task graph. */
    private static double bandwidth(Array xp, int repeats) throws Exception {
        List<double[]> blocks = new ArrayList<>();
        int rows = xp.chunkSizes()[0][0];
        for (int i = 0; i < xp.chunkSizes()[0].length; i++) {
            blocks.add(xp.get(io.jdask.array.Slice.range(i * rows, (i + 1) * rows)).compute().toDoubleArray());
        }
        int threads = Runtime.getRuntime().availableProcessors();
        long bytes = 0;
        for (double[] b : blocks) {
            bytes += 8L * b.length;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            double best = median(repeats, () -> {
                try {
                    List<Future<Double>> fs = new ArrayList<>();
                    for (int k = 0; k < threads; k++) {
                        int me = k;
                        fs.add(pool.submit(() -> {
                            double s = 0;
                            for (int i = me; i < blocks.size(); i += threads) {
                                s += sum8(blocks.get(i));
                            }
                            return s;
                        }));
                    }
                    double s = 0;
                    for (Future<Double> f : fs) {
                        s += f.get();
                    }
                    return s;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return bytes / 1e9 / best;
        } finally {
            pool.shutdown();
        }
    }

    private static double sum8(double[] x) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 8 <= x.length; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < x.length; i++) {
            s0 += x[i];
        }
        return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7;
    }

    /** The median process CPU seconds of the last {@link #median} call, printed by {@link #report}. */
    private static double lastCpu = Double.NaN;

    private static double median(int repeats, DoubleSupplier run) {
        double[] wallAndCpu = Timing.median(repeats, run::getAsDouble);
        lastCpu = wallAndCpu[1];
        return wallAndCpu[0];
    }

    private static void report(String workload, String size, String tool, double seconds, String throughput) {
        System.out.printf(Locale.ROOT, "RESULT | %s | %s | %s | %.4f | %s | cpu %.3f s, load %s%n", workload, size, tool, seconds,
                throughput, lastCpu, Timing.load());
        lastCpu = Double.NaN;
    }
}
