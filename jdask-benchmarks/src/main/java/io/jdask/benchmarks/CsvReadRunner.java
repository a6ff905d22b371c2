package io.jdask.benchmarks;

import io.jdask.dataframe.Csv;
import io.jdask.dataframe.CsvOptions;
import io.jdask.dataframe.Frame;
import io.jdask.dataframe.PartitionSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Side by side: {@code pandas.read_csv} (run with {@code /usr/bin/python3}) and jdask's CSV reader
 * on the same file, in MB/s. The file (integers, floats with missing values, strings some of which
 * are quoted with commas inside, dates, timestamps, booleans) is generated when missing.
 *
 * <p>jdask is timed reading the whole file as one partition on one thread (the per-core rate,
 * comparable with pandas, which parses on one core) and reading it in blocks on a plain thread
 * pool with one thread per core.
 *
 * <pre>
 * java $FLAGS -Xmx8g -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.CsvReadRunner [file=/tmp/df-csv/bench.csv] [mb=200] [repeats=3] [jdask-only]
 * </pre>
 */
public final class CsvReadRunner {
    private CsvReadRunner() {}

    /**
     * @param args the CSV file (generated if missing), its size in MB when generated, timed repeats
     * @throws Exception when the file cannot be written or python fails
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/df-csv/bench.csv");
        long mbWanted = args.length > 1 ? Long.parseLong(args[1]) : 200;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(file)) {
            generate(file, mbWanted * 1_000_000L, 42);
        }
        double mb = Files.size(file) / 1e6;
        int cores = Runtime.getRuntime().availableProcessors();
        String size = String.format(Locale.ROOT, "%.0f MB", mb);
        System.out.println("# load before: " + load());

        boolean withPandas = args.length <= 3 || !args[3].equals("jdask-only");
        double[] pd = withPandas ? pandas(file, repeats, "") : new double[] {Double.NaN, Double.NaN};
        double pandas = pd[0];
        report(size, "pandas.read_csv (1 core)", pd, mb, "");
        double[] pdDates = withPandas ? pandas(file, repeats, ", parse_dates=['day', 'ts']") : new double[] {Double.NaN, Double.NaN};
        double pandasDates = pdDates[0];
        report(size, "pandas.read_csv parse_dates (1 core)", pdDates, mb, "");

        PartitionSource whole = Csv.source(file.toString(), CsvOptions.builder().blockSize(0).build());
        System.out.println("# inferred: " + whole.meta().columnNames() + " "
                + whole.meta().columnNames().stream().map(c -> whole.meta().column(c).dtype().label()).toList());
        whole.read(0); // warm-up
        double[] oneT = median(repeats, () -> whole.read(0));
        double one = oneT[0];
        report(size, "jdask readCsv, 1 partition, 1 thread", oneT, mb, String.format(Locale.ROOT, "wall %.2fx pandas, %.2fx pandas"
                + " parse_dates; cpu %.2fx pandas, %.2fx pandas parse_dates", pandas / one, pandasDates / one,
                pd[1] / oneT[1], pdDates[1] / oneT[1]));

        long block = Math.max(1 << 20, (long) Math.ceil(Files.size(file) / (double) (cores * 4)));
        PartitionSource blocks = Csv.source(file.toString(), CsvOptions.builder().blockSize(block).build());
        ExecutorService pool = Executors.newFixedThreadPool(cores);
        try {
            readAll(blocks, pool);
            double[] par = median(repeats, () -> readAll(blocks, pool));
            report(size, "jdask readCsv, " + blocks.numPartitions() + " blocks, " + cores + " threads", par, mb,
                    String.format(Locale.ROOT, "wall %.2fx pandas", pandas / par[0]));
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        System.out.println("# load after: " + load());
    }

    private static int readAll(PartitionSource s, ExecutorService pool) throws Exception {
        List<Future<Frame>> fs = new ArrayList<>();
        for (int i = 0; i < s.numPartitions(); i++) {
            int p = i;
            fs.add(pool.submit(() -> s.read(p)));
        }
        int rows = 0;
        for (Future<Frame> f : fs) {
            rows += f.get().numRows();
        }
        return rows;
    }

    /** @return median wall seconds and median process CPU seconds */
    private static double[] median(int repeats, Timing.Work w) throws Exception {
        double[] t = new double[repeats];
        double[] c = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long c0 = Timing.cpuNanos();
            long t0 = System.nanoTime();
            w.run();
            t[i] = (System.nanoTime() - t0) / 1e9;
            c[i] = (Timing.cpuNanos() - c0) / 1e9;
        }
        Arrays.sort(t);
        Arrays.sort(c);
        return new double[] {t[repeats / 2], c[repeats / 2]};
    }

    /** @return median wall seconds and median process CPU seconds of pandas.read_csv */
    private static double[] pandas(Path file, int repeats, String kwargs) throws IOException, InterruptedException {
        String script = String.join("\n",
                "import pandas as pd, time, sys, statistics",
                "ts = []; cs = []",
                "pd.read_csv(sys.argv[1]" + kwargs + ")",
                "for _ in range(int(sys.argv[2])):",
                "    t0 = time.perf_counter(); c0 = time.process_time(); pd.read_csv(sys.argv[1]" + kwargs + ")",
                "    ts.append(time.perf_counter() - t0); cs.append(time.process_time() - c0)",
                "print(statistics.median(ts), statistics.median(cs))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, file.toString(), Integer.toString(repeats))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("pandas failed: " + out);
        }
        String[] lines = out.split("\n");
        String[] v = lines[lines.length - 1].trim().split(" ");
        return new double[] {Double.parseDouble(v[0]), Double.parseDouble(v[1])};
    }

    private static void report(String size, String tool, double[] seconds, double mb, String notes) {
        System.out.printf(Locale.ROOT, "RESULT | read_csv | %s | %s | %.3f s | %.1f MB/s | cpu %.3f s, %.1f MB per cpu-s; %s%n",
                size, tool, seconds[0], mb / seconds[0], seconds[1], mb / seconds[1], notes);
    }

    private static String load() {
        return String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static final String[] NAMES = new String[1000];

    static {
        Random r = new Random(1);
        for (int i = 0; i < NAMES.length; i++) {
            StringBuilder b = new StringBuilder();
            int len = 4 + r.nextInt(10);
            for (int k = 0; k < len; k++) {
                b.append((char) ('a' + r.nextInt(26)));
            }
            NAMES[i] = i % 10 == 0 ? "\"" + b + ", " + (char) ('A' + i % 26) + "\"" : b.toString();
        }
    }

    /** Writes about {@code bytes} bytes of seeded CSV: id, a, b, c (missing 5%), name, day, ts, flag. */
    static void generate(Path file, long bytes, long seed) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random r = new Random(seed);
        LocalDate base = LocalDate.of(2000, 1, 1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("id,a,b,c,name,day,ts,flag\n");
            StringBuilder b = new StringBuilder(256);
            long written = 0;
            for (long id = 0; written < bytes; id++) {
                b.setLength(0);
                b.append(id).append(',');
                b.append(Math.round(r.nextGaussian() * 1e8) / 1e4).append(',');
                b.append(r.nextInt(1_000_000)).append('.').append(r.nextInt(100)).append(',');
                if (r.nextInt(20) != 0) {
                    b.append(Math.round(r.nextDouble() * 1e12) / 1e6);
                }
                b.append(',').append(NAMES[r.nextInt(NAMES.length)]).append(',');
                LocalDate d = base.plusDays(r.nextInt(9000));
                b.append(d).append(',').append(d).append(' ');
                int s = r.nextInt(86_400);
                two(b, s / 3600).append(':');
                two(b, s / 60 % 60).append(':');
                two(b, s % 60).append(',').append(r.nextBoolean() ? "True" : "False").append('\n');
                w.append(b);
                written += b.length();
            }
        }
    }

    private static StringBuilder two(StringBuilder b, int v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
