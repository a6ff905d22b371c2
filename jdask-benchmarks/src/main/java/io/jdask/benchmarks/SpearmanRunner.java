package io.jdask.benchmarks;

import io.jdask.dataframe.CorrMethod;
import io.jdask.dataframe.DataFrame;
import io.jdask.dataframe.Frame;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Spearman correlation of the anchor's price table ({@code bench_b_corr.py}'s {@code make_prices}:
 * random walks, ~15% missing as leading gaps, so almost every pair of columns is present on
 * different rows and is re-ranked) beside pandas' {@code df.corr(method="spearman")} on the same
 * numbers. Also times a copy without missing values (the fast path: ranks, then Pearson on BLAS).
 *
 * <pre>
 * java -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.SpearmanRunner \
 *     [--cols 500] [--rows 5000] [--partitions 4] [--repeats 3] [--pandas] [--dir /tmp/jdask-spearman] \
 *     [--anchors ../shared/bench/anchors]
 * </pre>
 *
 * Prints {@code RESULT | b spearman | size | tool | seconds | notes} lines.
 */
public final class SpearmanRunner {
    private SpearmanRunner() {}

    /** @param args see the class comment */
    public static void main(String[] args) throws Exception {
        int cols = 500;
        int rows = 5000;
        int partitions = 4;
        int repeats = 3;
        boolean pandas = false;
        Path dir = Path.of("/tmp/jdask-spearman");
        Path anchors = Path.of("../shared/bench/anchors");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--cols" -> cols = Integer.parseInt(args[++i]);
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--partitions" -> partitions = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--pandas" -> pandas = true;
                case "--dir" -> dir = Path.of(args[++i]);
                case "--anchors" -> anchors = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; expected --cols, --rows, --partitions, --repeats, --pandas, --dir, --anchors");
            }
        }
        Files.createDirectories(dir);
        String size = rows + "x" + cols;
        Path data = dir.resolve("prices_" + size + ".bin");
        Path ref = dir.resolve("spearman_pandas_" + size + ".bin");
        python(anchors, rows, cols, data, pandas ? ref : null);
        Frame frame = CorrRunner.load(data, rows, cols);
        double[][] expected = Files.exists(ref) ? CorrRunner.read(ref, cols) : null;
        DataFrame df = DataFrame.fromFrame(frame, partitions);
        Frame[] last = new Frame[1];
        double[] t = Timing.median(repeats, () -> last[0] = df.corr(CorrMethod.SPEARMAN).compute());
        String notes = partitions + " partitions, median of " + repeats + ", CPU " + fmt(t[1]) + " s; load " + Timing.load();
        if (expected != null) {
            notes += "; " + CorrRunner.compare(last[0], expected, "pandas");
        }
        report(size, "jdask corr(SPEARMAN), leading gaps (pairs re-ranked)", t[0], notes);
        DataFrame full = df.fillna(1.0);
        double[] tf = Timing.median(repeats, () -> full.corr(CorrMethod.SPEARMAN).compute());
        report(size, "jdask corr(SPEARMAN), gaps filled (ranks + Pearson)", tf[0],
                "CPU " + fmt(tf[1]) + " s; load " + Timing.load());
    }

    private static void python(Path anchors, int rows, int cols, Path data, Path ref) throws Exception {
        if (Files.exists(data) && (ref == null || Files.exists(ref))) {
            return;
        }
        String script = String.join("\n",
                "import sys, time",
                "sys.path.insert(0, " + quote(anchors.toAbsolutePath().toString()) + ")",
                "from bench_b_corr import make_prices",
                "df = make_prices(" + rows + ", " + cols + ")",
                "df.to_numpy().tofile(" + quote(data.toString()) + ")",
                ref == null ? "" : "t0 = time.perf_counter(); c = df.corr(method='spearman'); t = time.perf_counter() - t0",
                ref == null ? "" : "c.to_numpy().tofile(" + quote(ref.toString()) + ")",
                ref == null ? "" : "print(f'RESULT | b spearman | " + rows + "x" + cols
                        + " | pandas df.corr(method=\"spearman\") | {t:.4g} | 1 run; load {open(\"/proc/loadavg\").read().split()[0]}', flush=True)");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("python failed (exit " + p.exitValue() + ")");
        }
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    private static void report(String size, String tool, double seconds, String notes) {
        System.out.println("RESULT | b spearman | " + size + " | " + tool + " | " + fmt(seconds) + " | " + notes);
    }
}
