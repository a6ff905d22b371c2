package io.jdask.benchmarks;

import io.jdask.array.Blas;
import io.jdask.dataframe.Column;
import io.jdask.dataframe.Frame;
import io.jdask.dataframe.PairwiseMoments;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The side-by-side runner for {@code shared/bench/anchors/bench_b_corr.py}: pairwise-complete
 * Pearson correlation of a wide price table (random walks, ~15% missing as leading gaps).
 *
 * <p>The input is the anchor's own: Debian's Python imports {@code make_prices} from the anchor
 * script and writes the matrix as raw little-endian float64 (row-major) under the data directory,
 * once per size. With {@code --pandas} it also times {@code df.corr()} (one run, the reference) and
 * keeps its result, against which every jdask result is checked (largest absolute difference, NaN
 * mismatches); with {@code --numpy} it times the anchor's {@code gemm_pairwise_corr} (four GEMMs; its
 * result is the reference where pandas' is absent, e.g. at 7,000 columns where pandas takes minutes)
 * and {@code np.corrcoef} on NaN-as-0 data. The Java side times {@code PairwiseMoments.of(frame)
 * .correlation(1)} on the whole table and on row partitions computed by a thread pool and merged,
 * and a 4000² dgemm through the same BLAS for the machine's rate in this sitting.
 *
 * <pre>
 * ./mvnw -q -B -DskipTests package -pl jdask-benchmarks -am
 * $JAVA -Xmx4g $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.CorrRunner \
 *     [--cols 2000,7000] [--rows 5000] [--partitions 1,10] [--repeats 3] [--pandas] [--numpy] \
 *     [--dir /tmp/jdask-corr] [--anchors ../shared/bench/anchors]
 * </pre>
 */
public final class CorrRunner {
    private CorrRunner() {}

    /** @param args see the class comment */
    public static void main(String[] args) throws Exception {
        List<Integer> cols = List.of(2000, 7000);
        List<Integer> partitions = List.of(1, 10);
        int rows = 5000;
        int repeats = 3;
        boolean pandas = false;
        boolean numpy = false;
        boolean masked = false;
        Path dir = Path.of("/tmp/jdask-corr");
        Path anchors = Path.of("../shared/bench/anchors");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cols" -> cols = ints(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = ints(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--pandas" -> pandas = true;
                case "--numpy" -> numpy = true;
                case "--masked" -> masked = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--anchors" -> anchors = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --cols, --rows, --partitions, --repeats, --pandas, --numpy, --masked, --dir, --anchors");
            }
        }
        Files.createDirectories(dir);
        System.out.println("BLAS: " + Blas.implementation() + ", load " + load() + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
        double gemm = gemmRate(repeats);
        report("a gemm", "4000x4000 f64", "dgemm through jdask's BLAS bridge", 2.0 * 4000 * 4000 * 4000 / gemm,
                String.format(Locale.ROOT, "%.1f GFLOP/s", gemm / 1e9), "load " + load());
        if (masked) {
            for (int ncols : cols) {
                masked(rows, ncols, repeats, gemm);
            }
            return;
        }
        for (int ncols : cols) {
            Path data = dir.resolve("prices_" + rows + "x" + ncols + ".bin");
            Path ref = dir.resolve("corr_pandas_" + rows + "x" + ncols + ".bin");
            Path numpyRef = dir.resolve("corr_numpy_gemm_pc_" + rows + "x" + ncols + ".bin");
            python(anchors, dir, rows, ncols, data, ref, numpyRef, pandas, numpy, repeats);
            Frame frame = load(data, rows, ncols);
            String against = Files.exists(ref) ? "pandas" : "the anchor's numpy-gemm-pc";
            Path refFile = Files.exists(ref) ? ref : numpyRef;
            double[][] expected = Files.exists(refFile) ? read(refFile, ncols) : null;
            for (int parts : partitions) {
                List<Frame> pieces = split(frame, parts);
                int threads = Runtime.getRuntime().availableProcessors();
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    Frame[] last = new Frame[1];
                    long[] heap = new long[1];
                    double t = median(repeats, () -> {
                        resetPeaks();
                        last[0] = correlate(pieces, pool);
                        heap[0] = Math.max(heap[0], peakHeap());
                        return last[0];
                    });
                    double syrk = (double) rows * ncols * ncols;
                    String notes = (parts == 1 ? "one partition" : parts + " row partitions on " + threads
                            + " threads, merged as a tree") + "; peak heap " + heap[0] / (1 << 20) + " MiB; load " + load();
                    if (expected != null) {
                        notes += "; " + compare(last[0], expected, against);
                    }
                    report("b corr", rows + "x" + ncols, "jdask PairwiseMoments.correlation", t,
                            String.format(Locale.ROOT, "%.1f GFLOP/s (rows*cols^2 / t; %.0f%% of dgemm); %.3g M col-pairs/s",
                                    syrk / t / 1e9, 100 * syrk / t / gemm, ncols * (ncols - 1) / 2.0 / t / 1e6), notes);
                } finally {
                    pool.shutdown();
                }
            }
        }
    }

    private static Frame correlate(List<Frame> pieces, ExecutorService pool) {
        if (pieces.size() == 1) {
            return PairwiseMoments.of(pieces.get(0)).correlation(1);
        }
        try {
            List<Future<PairwiseMoments>> fs = new ArrayList<>();
            for (Frame p : pieces) {
                fs.add(pool.submit(() -> PairwiseMoments.of(p)));
            }
            List<PairwiseMoments> level = new ArrayList<>();
            for (Future<PairwiseMoments> f : fs) {
                level.add(f.get());
            }
            while (level.size() > 1) {
                List<PairwiseMoments> next = new ArrayList<>();
                for (int i = 0; i < level.size(); i += 4) {
                    next.add(PairwiseMoments.mergeAll(level.subList(i, Math.min(level.size(), i + 4))));
                }
                level = next;
            }
            return level.get(0).correlation(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Generates the anchor's data (once) and runs the Python tools asked for. */
    private static void python(Path anchors, Path dir, int rows, int ncols, Path data, Path ref, Path numpyRef,
                               boolean pandas, boolean numpy, int repeats) throws IOException, InterruptedException {
        if (Files.exists(data) && (!pandas || Files.exists(ref)) && !numpy) {
            return;
        }
        String script = String.join("\n",
                "import sys, time, os, statistics",
                "import numpy as np",
                "sys.path.insert(0, " + quote(anchors.toAbsolutePath().toString()) + ")",
                "from bench_b_corr import make_prices, gemm_pairwise_corr",
                "rows, ncols, repeats = " + rows + ", " + ncols + ", " + repeats,
                "df = make_prices(rows, ncols)",
                "x = df.to_numpy()",
                "data, ref, numpy_ref = " + quote(data.toString()) + ", " + quote(ref.toString()) + ", "
                        + quote(numpyRef.toString()),
                "if not os.path.exists(data): x.tofile(data)",
                "def load(): return open('/proc/loadavg').read().split()[0]",
                "def med(fn):",
                "    if repeats > 1: fn()",
                "    ts = []",
                "    for _ in range(repeats):",
                "        t0 = time.perf_counter(); r = fn(); ts.append(time.perf_counter() - t0)",
                "    return statistics.median(ts), r",
                "size = f'{rows}x{ncols}'",
                "if " + (pandas ? "True" : "False") + " and not os.path.exists(ref):",
                "    t0 = time.perf_counter(); c = df.corr(); t = time.perf_counter() - t0",
                "    c.to_numpy().tofile(ref)",
                "    print(f'RESULT | b corr | {size} | pandas df.corr() | {t:.4g} | | 1 run; load {load()}', flush=True)",
                "if " + (numpy ? "True" : "False") + ":",
                "    t, r = med(lambda: gemm_pairwise_corr(x))",
                "    if not os.path.exists(numpy_ref): r.tofile(numpy_ref)",
                "    del r",
                "    print(f'RESULT | b corr | {size} | numpy-gemm-pc (anchor, 4 GEMMs) | {t:.4g} | | median of {repeats} (after a warm-up run when more than 1); load {load()}', flush=True)",
                "    z = np.nan_to_num(x, nan=0.0)",
                "    t, r = med(lambda: np.corrcoef(z, rowvar=False))",
                "    print(f'RESULT | b corr | {size} | numpy-corrcoef (NaN->0, not pairwise-complete) | {t:.4g} | | median of {repeats} (after a warm-up run when more than 1); load {load()}', flush=True)",
                "");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python failed (exit " + p.exitValue() + ")");
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static Frame load(Path file, int rows, int ncols) throws IOException {
        double[][] cols = new double[ncols][rows];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            DoubleBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, (long) rows * ncols * 8)
                    .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < ncols; j++) {
                    cols[j][i] = b.get();
                }
            }
        }
        Frame.Builder fb = Frame.builder();
        for (int j = 0; j < ncols; j++) {
            fb.column(String.format(Locale.ROOT, "S%05d", j), Column.ofDoubles(cols[j]));
            cols[j] = null;
        }
        return fb.build();
    }

    static double[][] read(Path file, int n) throws IOException {
        double[][] m = new double[n][n];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            DoubleBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, 0, (long) n * n * 8)
                    .order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer();
            for (int i = 0; i < n; i++) {
                b.get(m[i]);
            }
        }
        return m;
    }

    static String compare(Frame actual, double[][] expected, String against) {
        double worst = 0;
        long nanMismatch = 0;
        for (int j = 0; j < expected.length; j++) {
            Column c = actual.column(j);
            for (int i = 0; i < expected.length; i++) {
                double a = c.getDouble(i);
                double e = expected[i][j];
                if (Double.isNaN(a) != Double.isNaN(e)) {
                    nanMismatch++;
                } else if (!Double.isNaN(a)) {
                    worst = Math.max(worst, Math.abs(a - e));
                }
            }
        }
        return String.format(Locale.ROOT, "max abs diff vs %s %.1e, NaN mismatches %d", against, worst, nanMismatch);
    }

    private static List<Frame> split(Frame f, int parts) {
        List<Frame> out = new ArrayList<>();
        int n = f.numRows();
        for (int k = 0; k < parts; k++) {
            out.add(f.slice((int) ((long) n * k / parts), (int) ((long) n * (k + 1) / parts)));
        }
        return out;
    }

    /**
     * Scattered gaps (every value missing with probability 0.15, no structure to exploit): every
     * column goes through the masked product. Also times the pair-count product {@code M^T M} alone
     * in f64 and in f32 (exact while counts stay below 2^24) to see what single precision would save.
     */
    private static void masked(int rows, int ncols, int repeats, double gemm) {
        java.util.Random r = new java.util.Random(1);
        Frame.Builder fb = Frame.builder();
        double[] mask = new double[rows * ncols];
        float[] maskF = new float[rows * ncols];
        for (int j = 0; j < ncols; j++) {
            double[] v = new double[rows];
            double level = 100;
            for (int i = 0; i < rows; i++) {
                level *= Math.exp(r.nextGaussian() * 0.02);
                boolean ok = r.nextDouble() >= 0.15;
                v[i] = ok ? level : Double.NaN;
                mask[j * rows + i] = ok ? 1 : 0;
                maskF[j * rows + i] = ok ? 1 : 0;
            }
            fb.column(String.format(Locale.ROOT, "S%05d", j), Column.ofDoubles(v));
        }
        Frame frame = fb.build();
        double t = median(repeats, () -> PairwiseMoments.of(frame).correlation(1));
        double flops = (double) rows * ncols * ncols + 2.0 * rows * 3 * ncols * (double) ncols;
        report("b corr, scattered gaps", rows + "x" + ncols, "jdask PairwiseMoments.correlation (masked-product path)", t,
                String.format(Locale.ROOT, "%.1f GFLOP/s (syrk + [Y|Y^2|M]^T M; %.0f%% of dgemm)", flops / t / 1e9,
                        100 * flops / t / gemm), "15% missing at random; load " + load());
        double[] c = new double[ncols * ncols];
        float[] cf = new float[ncols * ncols];
        double td = median(repeats, () -> {
            Blas.gemmTransposedA(ncols, ncols, rows, mask, 0, rows, mask, 0, rows, 0, c, ncols);
            return c;
        });
        double tf = median(repeats, () -> {
            Blas.gemmTransposedA(ncols, ncols, rows, maskF, 0, rows, maskF, 0, rows, 0f, cf, ncols);
            return cf;
        });
        double pf = 2.0 * rows * ncols * (double) ncols;
        report("b corr, pair counts M^T M", rows + "x" + ncols, "dgemm", td, String.format(Locale.ROOT, "%.1f GFLOP/s", pf / td / 1e9),
                "load " + load());
        report("b corr, pair counts M^T M", rows + "x" + ncols, "sgemm (exact below 2^24 rows)", tf,
                String.format(Locale.ROOT, "%.1f GFLOP/s", pf / tf / 1e9), "load " + load());
    }

    /** FLOP/s of a 4000 x 4000 dgemm through the BLAS bridge. */
    private static double gemmRate(int repeats) {
        int n = 4000;
        java.util.Random r = new java.util.Random(0);
        double[] a = new double[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextDouble();
        }
        double[] c = new double[n * n];
        double t = median(repeats, () -> {
            Blas.gemmTransposedA(n, n, n, a, 0, n, a, 0, n, 0, c, n);
            return c;
        });
        return 2.0 * n * n * (double) n / t;
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks since the last reset (an upper bound of the peak heap). */
    private static long peakHeap() {
        long s = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                s += p.getPeakUsage().getUsed();
            }
        }
        return s;
    }

    private static String load() {
        return Timing.load();
    }

    private static List<Integer> ints(String s) {
        return Arrays.stream(s.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    private static <T> double median(int repeats, Supplier<T> run) {
        run.get();
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            run.get();
            times[i] = (System.nanoTime() - t0) / 1e9;
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }

    private static void report(String workload, String size, String tool, double seconds, String throughput, String notes) {
        System.out.printf(Locale.ROOT, "RESULT | %s | %s | %s | %.4f | %s | %s%n", workload, size, tool, seconds, throughput, notes);
    }
}
