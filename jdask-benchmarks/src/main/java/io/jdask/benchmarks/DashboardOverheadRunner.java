package io.jdask.benchmarks;

import io.jdask.Delayed;
import io.jdask.Jdask;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.ClusterFuture;
import io.jdask.distributed.nanny.Nanny;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What the dashboard costs the scheduler. Three clusters run side by side, each a scheduler in a
 * JVM of its own ({@link OverheadSchedulerMain}) with 2 worker processes x 1 thread and a client in
 * this JVM: one without a dashboard, one serving it with nobody watching, one serving it to a
 * headless Chromium showing {@code /status} (its WebSocket open, its charts drawn). The browser is
 * opened once, before the warm-up, and stays open on the same page for the whole run, as a user's
 * page does; outside its set-up's turns it is parked (all its processes stopped with
 * {@code SIGSTOP}, continued with {@code SIGCONT}), so it loads the machine only during its turns
 * and the page's one-time load is not part of any timed run. {@code --fresh-browser} instead starts a
 * new Chromium for each of the set-up's turns (page load included in the turn). After a warm-up of
 * each ({@code --warmup N} untimed runs of both workloads, default 2), the runner goes round-robin over the set-ups for several rounds, starting each round with
 * the next set-up so none always runs first, and times the distributed overhead workloads
 * (50,000 no-op tasks by map + gather; the 19,999-task delayed sum tree). For each run it records
 * the wall time and the CPU time of the scheduler's JVM (asked of that JVM before and after: its
 * loop, I/O threads and the dashboard's threads), and prints the medians per set-up and their
 * ratios: of the medians, and the median of the per-round ratios (each set-up against the no-dashboard
 * run of the same round, which ran next to it in time, so slow drifts of the machine cancel). The scheduler's CPU per task is the steadier figure on a loaded machine: other processes
 * stretch the wall time but hardly the CPU the scheduler spends. For the watched set-ups it also
 * records the CPU time of the browser (its process and every descendant, from {@code /proc/PID/stat}),
 * which on this machine competes with the scheduler and the workers for the same cores.
 *
 * <p>{@code --browser-nice N} adds a fourth set-up: the same browser run under {@code nice -n N}, as
 * a stand-in for a browser on another machine (it still shares the cores, at lower priority). It is
 * reported separately; the watched set-up (the browser at normal priority on the same machine) stays
 * the headline.
 *
 * <p>For the browser it also reports its CPU by Chromium process type ({@code browser}, {@code renderer},
 * {@code gpu-process}, {@code utility}, ...: the {@code --type=} of each process's command line), and with
 * {@code --page-metrics} where the page's main thread spent its time during each run (Chromium's
 * {@code Performance.getMetrics} over the DevTools protocol: tasks, script, layout, style).
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.DashboardOverheadRunner [rounds=5] [chromium=/usr/bin/chromium] [tasks=50000] [--browser-nice 19] [--page-metrics] [--warmup 2] [--fresh-browser] [--sets 1]
 * </pre>
 *
 * <p>{@code --sets N} repeats the whole comparison with N fresh sets of clusters (new scheduler and worker
 * JVMs each time, each warmed up again) and reports the medians over all their rounds: two JVMs of the
 * same set-up can differ by more than the dashboard costs, so one JVM per set-up cannot show a 5% effect.
 * {@code --monitor-only} adds a set-up whose scheduler runs the dashboard's data source (a {@code
 * ClusterMonitor} plugin) without the web server, to tell their costs apart.
 */
public final class DashboardOverheadRunner {
    private DashboardOverheadRunner() {}

    /** The set-ups compared. */
    enum Mode {
        NONE("no dashboard"), SERVED("dashboard, nobody watching"), WATCHED("dashboard + chromium on /status"),
        WATCHED_NICE("dashboard + niced chromium on /status"), MONITOR("monitor plugin only, no web server");

        final String label;

        Mode(String label) {
            this.label = label;
        }
    }

    /** One timed run: wall seconds, the scheduler JVM's CPU seconds, the browser's (0 without one), and both by part. */
    record Run(double wallSeconds, double schedulerCpuSeconds, double browserCpuSeconds, Map<String, Double> parts) {}

    /** What no Java thread of the scheduler JVM accounts for (GC, JIT, the VM), as OverheadSchedulerMain names it. */
    static final String OTHER = "other (GC, JIT, VM)";

    /** The browser's CPU by process type, with --page-metrics the page's main-thread seconds, and the scheduler JVM's CPU by part, as one line. */
    static String parts(Map<String, Double> parts) {
        List<String> out = new ArrayList<>();
        parts.forEach((k, v) -> out.add(String.format(Locale.ROOT, "%s %.3f", k, v)));
        return String.join(", ", out);
    }

    /**
     * @param args optional: rounds (default 5), the path of Chromium, the map's task count (default
     *     50,000; the tree has a fifth as many leaves)
     * @throws Exception when a cluster or the browser cannot start, or a result is wrong
     */
    public static void main(String[] argv) throws Exception {
        List<String> args = new ArrayList<>();
        Integer nice = null;
        boolean pageMetrics = false;
        int warmup = 2;
        boolean fresh = false;
        int sets = 1;
        boolean monitorOnly = false;
        for (int i = 0; i < argv.length; i++) {
            if (argv[i].equals("--browser-nice")) {
                if (i + 1 >= argv.length || !argv[i + 1].matches("-?[0-9]+")) {
                    throw new IllegalArgumentException("--browser-nice needs a niceness (an integer, e.g. 19)");
                }
                nice = Integer.parseInt(argv[++i]);
            } else if (argv[i].equals("--sets")) {
                if (i + 1 >= argv.length || !argv[i + 1].matches("[1-9][0-9]*")) {
                    throw new IllegalArgumentException("--sets needs a number of fresh sets of clusters (e.g. 3)");
                }
                sets = Integer.parseInt(argv[++i]);
            } else if (argv[i].equals("--monitor-only")) {
                monitorOnly = true;
            } else if (argv[i].equals("--fresh-browser")) {
                fresh = true;
            } else if (argv[i].equals("--page-metrics")) {
                pageMetrics = true;
            } else if (argv[i].equals("--warmup")) {
                if (i + 1 >= argv.length || !argv[i + 1].matches("[0-9]+")) {
                    throw new IllegalArgumentException("--warmup needs a number of untimed runs per set-up (e.g. 5)");
                }
                warmup = Integer.parseInt(argv[++i]);
            } else if (argv[i].startsWith("--")) {
                throw new IllegalArgumentException("unknown option " + argv[i] + " (known: --browser-nice N, --page-metrics, --warmup N, --fresh-browser, --sets N, --monitor-only)");
            } else {
                args.add(argv[i]);
            }
        }
        int rounds = args.size() > 0 ? Integer.parseInt(args.get(0)) : 5;
        Path chromium = Path.of(args.size() > 1 ? args.get(1) : "/usr/bin/chromium");
        int tasks = args.size() > 2 ? Integer.parseInt(args.get(2)) : 50_000;
        List<Mode> modes = new ArrayList<>(List.of(Mode.NONE, Mode.SERVED, Mode.WATCHED));
        if (nice != null) {
            modes.add(Mode.WATCHED_NICE);
        }
        if (monitorOnly) {
            modes.add(Mode.MONITOR);
        }
        if (!Files.isExecutable(chromium)) {
            throw new IllegalArgumentException("no chromium at " + chromium + " (give its path as the second argument)");
        }
        if (rounds < 1 || tasks < 10) {
            throw new IllegalArgumentException("rounds must be at least 1 and tasks at least 10, got " + rounds + " and " + tasks);
        }
        int leaves = tasks / 5;
        Delayed<Long> tree = OverheadWorkloads.tree(leaves);
        long expected = OverheadWorkloads.treeExpected(leaves);
        String[] workloads = {"map+gather", "delayed sum tree"};
        int[] counts = {tasks, 2 * leaves - 1};
        Map<Mode, List<List<Run>>> runs = new EnumMap<>(Mode.class);
        System.out.printf(Locale.ROOT, "dashboard overhead: %d set(s) of clusters, each %d rounds after %d warm-up runs, %,d tasks%s, %s, load %s%n", sets, rounds, warmup, tasks,
                nice == null ? "" : ", browser nice " + nice, fresh ? "a fresh browser for each watched turn" : "one browser per watched set-up, parked between its turns",
                Timing.load());
        for (Mode m : modes) {
            runs.put(m, List.of(new ArrayList<>(), new ArrayList<>()));
        }
        for (int set = 1; set <= sets; set++) { // each set: new clusters (new JVMs), warmed up, then its rounds
            Map<Mode, Setup> setups = new EnumMap<>(Mode.class);
            Map<Mode, Browser> kept = new EnumMap<>(Mode.class);
            try {
                for (Mode m : modes) {
                    setups.put(m, Setup.start(m));
                }
                for (Mode m : modes) { // warm-up: the JIT of every JVM involved, watched set-ups with their browser (page loads, pushes)
                    Setup s = setups.get(m);
                    Browser browser = m == Mode.WATCHED ? Browser.open(chromium, s.link, null, pageMetrics && !fresh)
                            : m == Mode.WATCHED_NICE ? Browser.open(chromium, s.link, nice, pageMetrics && !fresh) : null;
                    try {
                        for (int i = 0; i < warmup; i++) {
                            mapGather(s.client, tasks);
                            computeTree(s.client, tree, expected);
                        }
                    } finally {
                        if (browser != null && fresh) {
                            browser.close();
                        } else if (browser != null) {
                            browser.park();
                            kept.put(m, browser);
                        }
                    }
                }
                Map<Mode, Map<String, Long>> afterWarmUp = new EnumMap<>(Mode.class);
                for (Mode m : modes) {
                    afterWarmUp.put(m, setups.get(m).threadCpu());
                }
                for (int r = 0; r < rounds; r++) {
                    for (int k = 0; k < modes.size(); k++) {
                        Mode m = modes.get((r + k + set) % modes.size());
                        Setup s = setups.get(m);
                        Browser browser = kept.containsKey(m) ? kept.get(m).resume(s.link)
                                : !fresh ? null
                                : m == Mode.WATCHED ? Browser.open(chromium, s.link, null, pageMetrics)
                                : m == Mode.WATCHED_NICE ? Browser.open(chromium, s.link, nice, pageMetrics) : null;
                        try {
                            Run a = s.time(() -> mapGather(s.client, tasks), browser);
                            Run b = s.time(() -> computeTree(s.client, tree, expected), browser);
                            if (browser != null) {
                                browser.checkAlive();
                            }
                            runs.get(m).get(0).add(a);
                            runs.get(m).get(1).add(b);
                            for (int w = 0; w < 2; w++) {
                                Run x = w == 0 ? a : b;
                                System.out.printf(Locale.ROOT, "ROUND %s | %s | %s | %.3f s | %,.0f tasks/s | scheduler cpu %.1f us/task%s | load %s%n", sets == 1 ? Integer.toString(r + 1) : set + "." + (r + 1),
                                        workloads[w], m.label, x.wallSeconds(), counts[w] / x.wallSeconds(), 1e6 * x.schedulerCpuSeconds() / counts[w],
                                        browser == null ? " | " + parts(x.parts()) : String.format(Locale.ROOT, " | browser cpu %.2f s (%.1f%% of a core; %s)", x.browserCpuSeconds(),
                                                100 * x.browserCpuSeconds() / x.wallSeconds(), parts(x.parts())),
                                        Timing.load());
                            }
                        } finally {
                            if (browser != null && fresh) {
                                browser.close();
                            } else if (browser != null) {
                                browser.park();
                            }
                        }
                    }
                }
                for (Mode m : modes) {
                    // the CPU of each scheduler JVM by thread over the timed rounds (the same work for each set-up)
                    System.out.printf(Locale.ROOT, "THREADS%s | %s | %s%n", sets == 1 ? "" : " (set " + set + ")", m.label, setups.get(m).since(afterWarmUp.get(m), 6));
                }
            } finally {
                for (Browser b : kept.values()) {
                    b.close();
                }
                for (Setup s : setups.values()) {
                    s.close();
                }
            }
        }
        for (int w = 0; w < 2; w++) {
            double[] wall = new double[Mode.values().length];
            double[] cpu = new double[Mode.values().length];
            for (Mode m : modes) {
                List<Run> rs = runs.get(m).get(w);
                wall[m.ordinal()] = median(rs.stream().map(Run::wallSeconds).toList());
                cpu[m.ordinal()] = median(rs.stream().map(Run::schedulerCpuSeconds).toList());
                double browserCpu = median(rs.stream().map(Run::browserCpuSeconds).toList());
                double min = rs.stream().mapToDouble(Run::wallSeconds).min().orElse(0);
                double max = rs.stream().mapToDouble(Run::wallSeconds).max().orElse(0);
                System.out.printf(Locale.ROOT, "RESULT | %s | %d tasks | %s | median %.3f s (%.3f-%.3f) | %,.0f tasks/s | scheduler cpu %.1f us/task%s | %d rounds%n",
                        workloads[w], counts[w], m.label, wall[m.ordinal()], min, max, counts[w] / wall[m.ordinal()], 1e6 * cpu[m.ordinal()] / counts[w],
                        m == Mode.WATCHED || m == Mode.WATCHED_NICE
                                ? String.format(Locale.ROOT, " | browser cpu %.2f s (%.1f%% of a core; medians %s)", browserCpu, 100 * browserCpu / wall[m.ordinal()],
                                        parts(medianParts(rs))) : " | medians " + parts(medianParts(rs)),
                        rs.size());
            }
            int n = Mode.NONE.ordinal();
            Map<Mode, Double> paired = new EnumMap<>(Mode.class);
            for (Mode m : modes) {
                List<Run> base = runs.get(Mode.NONE).get(w);
                List<Run> rs = runs.get(m).get(w);
                paired.put(m, median(IntStream.range(0, rs.size()).mapToObj(i -> base.get(i).wallSeconds() / rs.get(i).wallSeconds()).toList()));
            }
            int sv = Mode.SERVED.ordinal();
            int wt = Mode.WATCHED.ordinal();
            int wn = Mode.WATCHED_NICE.ordinal();
            System.out.printf(Locale.ROOT,
                    "RATIO | %s | throughput vs none: served %.3f, watched %.3f%s | median of the rounds' ratios: served %.3f, watched %.3f%s"
                            + " | scheduler cpu per task vs none: served %.3f, watched %.3f%s | load %s%n",
                    workloads[w], wall[n] / wall[sv], wall[n] / wall[wt], modes.contains(Mode.WATCHED_NICE) ? String.format(Locale.ROOT, ", watched (niced browser) %.3f", wall[n] / wall[wn]) : "",
                    paired.get(Mode.SERVED), paired.get(Mode.WATCHED),
                    modes.contains(Mode.WATCHED_NICE) ? String.format(Locale.ROOT, ", watched (niced browser) %.3f", paired.get(Mode.WATCHED_NICE)) : "",
                    cpu[sv] / cpu[n], cpu[wt] / cpu[n], modes.contains(Mode.WATCHED_NICE) ? String.format(Locale.ROOT, ", watched (niced browser) %.3f", cpu[wn] / cpu[n]) : "",
                    Timing.load());
            if (modes.contains(Mode.MONITOR)) {
                int mo = Mode.MONITOR.ordinal();
                System.out.printf(Locale.ROOT, "RATIO | %s | monitor plugin only vs none: throughput %.3f, median of the rounds' ratios %.3f, scheduler cpu per task %.3f%n",
                        workloads[w], wall[n] / wall[mo], paired.get(Mode.MONITOR), cpu[mo] / cpu[n]);
            }
        }
    }

    /** The median of each part over the runs. */
    private static Map<String, Double> medianParts(List<Run> rs) {
        Map<String, Double> out = new java.util.TreeMap<>();
        rs.stream().flatMap(r -> r.parts().keySet().stream()).distinct()
                .forEach(k -> out.put(k, median(rs.stream().map(r -> r.parts().getOrDefault(k, 0.0)).toList())));
        return out;
    }

    private static double median(List<Double> xs) {
        List<Double> s = xs.stream().sorted().toList();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    private static Object mapGather(Client client, int n) {
        List<Integer> items = IntStream.range(0, n).boxed().toList();
        List<ClusterFuture<Integer>> fs = client.map((Integer x) -> x + 1, items);
        List<Integer> out = client.gather(fs);
        if (out.size() != n || out.get(n - 1) != n) {
            throw new AssertionError("map+gather returned a wrong result");
        }
        fs.forEach(ClusterFuture::release);
        return out;
    }

    private static Object computeTree(Client client, Delayed<Long> tree, long expected) {
        long r = Jdask.with(client.scheduler()).compute(tree).get(tree);
        if (r != expected) {
            throw new AssertionError("tree: " + r + ", expected " + expected);
        }
        return r;
    }

    /** A scheduler JVM, its two worker processes and a client of this JVM. */
    static final class Setup implements AutoCloseable {
        final Mode mode;
        final Process scheduler;
        final Writer toScheduler;
        final BlockingQueue<Long> cpu = new LinkedBlockingQueue<>();
        final BlockingQueue<String> threads = new LinkedBlockingQueue<>();
        final CompletableFuture<String[]> address = new CompletableFuture<>();
        final List<Nanny> workers = new ArrayList<>();
        String link;
        Client client;

        private Setup(Mode mode, Process scheduler) {
            this.mode = mode;
            this.scheduler = scheduler;
            this.toScheduler = new OutputStreamWriter(scheduler.getOutputStream(), StandardCharsets.UTF_8);
            Thread reader = new Thread(this::read, "overhead-scheduler-" + mode);
            reader.setDaemon(true);
            reader.start();
        }

        static Setup start(Mode mode) throws Exception {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent") && !a.startsWith("-Xrunjdwp")) {
                    command.add(a);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), OverheadSchedulerMain.class.getName(),
                    mode == Mode.NONE ? "none" : mode == Mode.MONITOR ? "monitor" : "dashboard"));
            Setup s = new Setup(mode, new ProcessBuilder(command).redirectErrorStream(true).start());
            try {
                String[] a = s.address.get(60, TimeUnit.SECONDS);
                s.link = a[1].equals("-") ? null : a[1];
                for (int i = 0; i < 2; i++) {
                    s.workers.add(Nanny.builder().scheduler(a[0]).name(mode.name().toLowerCase(Locale.ROOT) + "-" + i).nthreads(1)
                            .jvmOptions(List.of("-Xmx1g", "-XX:+UseSerialGC")).restart(false).log(l -> { }).start());
                }
                for (Nanny n : s.workers) {
                    n.awaitRunning(Duration.ofSeconds(60));
                }
                s.client = Client.builder().address(a[0]).asDefault(false).timeout(Duration.ofSeconds(120)).connect();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (s.client.schedulerInfo().workerAddresses().size() < 2) {
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(mode.label + ": the workers did not register within 60 s");
                    }
                    Thread.sleep(50);
                }
                System.out.printf("set-up %s: scheduler %s%s%n", mode.label, a[0], s.link == null ? "" : ", dashboard " + s.link);
                return s;
            } catch (Exception | Error e) {
                s.close();
                throw e;
            }
        }

        /** Reads the scheduler JVM's output: its address, its CPU answers; the rest (its log) goes to our stderr. */
        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(scheduler.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("ADDRESS ")) {
                        address.complete(line.substring(8).split(" "));
                    } else if (line.startsWith("THREADS ")) {
                        threads.add(line.substring(8));
                    } else if (line.startsWith("CPU ")) {
                        cpu.add(Long.parseLong(line.substring(4).strip()));
                    } else {
                        System.err.println("[scheduler " + mode.label + "] " + line);
                    }
                }
            } catch (IOException | RuntimeException e) {
                address.completeExceptionally(e);
            }
            address.completeExceptionally(new IllegalStateException("the scheduler JVM (" + mode.label + ") ended before it printed its address"));
        }

        /** @return the CPU time of the scheduler's JVM so far, in nanoseconds */
        long schedulerCpuNanos() throws Exception {
            toScheduler.write("cpu\n");
            toScheduler.flush();
            Long n = cpu.poll(30, TimeUnit.SECONDS);
            if (n == null) {
                throw new IllegalStateException("the scheduler JVM (" + mode.label + ") did not tell its CPU time within 30 s");
            }
            return n;
        }

        /** @return the scheduler JVM's CPU nanoseconds by thread group so far, and its collectors' {@code #gc-collections} and {@code #gc-millis} */
        Map<String, Long> threadCpu() throws Exception {
            toScheduler.write("threads\n");
            toScheduler.flush();
            String line = threads.poll(30, TimeUnit.SECONDS);
            if (line == null) {
                throw new IllegalStateException("the scheduler JVM (" + mode.label + ") did not tell its threads' CPU within 30 s");
            }
            Map<String, Long> out = new java.util.HashMap<>();
            for (String p : line.split(";")) {
                int eq = p.lastIndexOf('=');
                out.put(p.substring(0, eq), Long.parseLong(p.substring(eq + 1)));
            }
            return out;
        }

        /** @return what the scheduler JVM spent since {@code before}: CPU seconds by thread group (the largest first) and its collections */
        String since(Map<String, Long> before, int top) throws Exception {
            Map<String, Long> now = threadCpu();
            long collections = now.getOrDefault("#gc-collections", 0L) - before.getOrDefault("#gc-collections", 0L);
            long gcMillis = now.getOrDefault("#gc-millis", 0L) - before.getOrDefault("#gc-millis", 0L);
            List<String> parts = now.entrySet().stream().filter(e -> !e.getKey().startsWith("#"))
                    .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                    .map(e -> String.format(Locale.ROOT, "%s %.2f s", e.getKey(), e.getValue() / 1e9)).toList();
            return String.join(", ", parts) + String.format(Locale.ROOT, " | %d collections, %d ms", collections, gcMillis);
        }

        Run time(Timing.Work work, Browser browser) throws Exception {
            System.gc();
            Map<String, Long> threads0 = threadCpu();
            long c0 = schedulerCpuNanos();
            double b0 = browser == null ? 0 : browser.cpuSeconds();
            Map<String, Double> p0 = browser == null ? Map.of() : browser.parts();
            long t0 = System.nanoTime();
            work.run();
            long t = System.nanoTime() - t0;
            double b = browser == null ? 0 : browser.cpuSeconds() - b0;
            Map<String, Double> parts = new java.util.TreeMap<>();
            if (browser != null) {
                browser.parts().forEach((k, v) -> parts.put(k, v - p0.getOrDefault(k, 0.0)));
            }
            long c = schedulerCpuNanos() - c0;
            // the scheduler JVM's CPU during the run by part: the pusher, Jetty (page loads, frames), its loop,
            // its I/O threads and what no Java thread accounts for (GC, JIT)
            Map<String, Long> threads1 = threadCpu();
            for (String[] g : new String[][] {{"server:push", "jdask-dashboard-push"}, {"server:jetty", "JettyServerThreadPool-#"},
                    {"server:loop", "jdask-scheduler-loop"}, {"server:io", "jdask-scheduler-io-#-#"}, {"server:gc+jit", OTHER}}) {
                parts.put(g[0], (threads1.getOrDefault(g[1], 0L) - threads0.getOrDefault(g[1], 0L)) / 1e9);
            }
            return new Run(t / 1e9, c / 1e9, b, parts);
        }

        @Override
        public void close() {
            if (client != null) {
                client.close();
            }
            for (Nanny n : workers) {
                n.close();
            }
            try {
                toScheduler.close(); // its standard input ends: it closes
                if (!scheduler.waitFor(15, TimeUnit.SECONDS)) {
                    scheduler.destroyForcibly();
                }
            } catch (IOException e) {
                scheduler.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                scheduler.destroyForcibly();
            }
        }
    }

    /** A headless Chromium showing a dashboard page, with a profile directory of its own. */
    static final class Browser implements AutoCloseable {
        final Process process;
        final Path profile;
        PageMetrics metrics;

        private Browser(Process process, Path profile) {
            this.process = process;
            this.profile = profile;
        }

        /**
         * Starts it on the page and waits until the page's WebSocket is open, then 2 s more for its first charts.
         *
         * @param nice the niceness to run it with ({@code nice -n}), or null for the normal priority
         */
        static Browser open(Path chromium, String link, Integer nice, boolean pageMetrics) throws Exception {
            Path profile = Files.createTempDirectory("jdask-bench-chromium");
            List<String> command = new ArrayList<>();
            if (nice != null) {
                command.addAll(List.of("nice", "-n", nice.toString()));
            }
            command.addAll(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--remote-debugging-port=0", "--user-data-dir=" + profile, link));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Browser b = new Browser(p, profile);
            try {
                b.awaitSocket(link);
                if (pageMetrics) {
                    b.metrics = PageMetrics.connect(profile);
                }
                Thread.sleep(2000);
                return b;
            } catch (Exception | Error e) {
                b.close();
                throw e;
            }
        }

        /**
         * @return the CPU seconds the browser used so far: user and system time of its process and of every
         *     descendant alive now, plus what its exited children used ({@code /proc/PID/stat}, Linux only)
         */
        double cpuSeconds() {
            long ticks = 0;
            for (ProcessHandle h : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
                ticks += statTicks(h.pid());
            }
            return ticks / (double) CLOCK_TICKS;
        }

        /**
         * @return the CPU seconds so far of the browser's processes alive now by their type ({@code --type=}
         *     on the command line; the browser process itself has none), and with --page-metrics the
         *     page's main-thread seconds ({@code page:TaskDuration} ...)
         */
        Map<String, Double> parts() throws Exception {
            Map<String, Double> out = new java.util.TreeMap<>();
            for (ProcessHandle h : Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList()) {
                String type = "browser";
                try {
                    // Chromium rewrites its children's command lines as one space-separated string
                    java.util.regex.Matcher m = TYPE.matcher(Files.readString(Path.of("/proc", Long.toString(h.pid()), "cmdline")).replace('\0', ' '));
                    if (m.find()) {
                        type = m.group(1);
                    }
                } catch (IOException e) {
                    continue; // it ended meanwhile
                }
                out.merge(type, statTicks(h.pid()) / (double) CLOCK_TICKS, Double::sum);
            }
            if (metrics != null) {
                metrics.read().forEach((k, v) -> out.put("page:" + k.replace("Duration", ""), v));
            }
            return out;
        }

        private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("--type=(\\S+)");

        /** Linux's USER_HZ, the unit of /proc/PID/stat's times (100 on every usual kernel). */
        private static final long CLOCK_TICKS = 100;

        /** @return utime + stime + cutime + cstime of a process, or 0 when it is gone */
        private static long statTicks(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // after the command name in parentheses: state is field 3, utime..cstime fields 14..17
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
            } catch (IOException | RuntimeException e) {
                return 0; // it ended between the listing and the read
            }
        }

        /** Stops every process of the browser ({@code SIGSTOP}): the page stays loaded, its socket open, and it uses no CPU. */
        void park() throws IOException, InterruptedException {
            signal("-STOP");
        }

        /**
         * Continues a parked browser ({@code SIGCONT}), waits until its page's WebSocket is open (the page
         * reconnects if the server dropped it meanwhile), then 1 s for it to draw what arrived.
         *
         * @return this browser
         */
        Browser resume(String link) throws Exception {
            signal("-CONT");
            awaitSocket(link);
            Thread.sleep(1000);
            return this;
        }

        private void signal(String signal) throws IOException, InterruptedException {
            checkAlive();
            List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(process.pid())));
            process.descendants().forEach(h -> command.add(Long.toString(h.pid())));
            Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            // a child that exited between the listing and the signal is no failure; anything else is
            boolean failed = kill.waitFor() != 0 && out.lines().anyMatch(l -> !l.contains("No such process"));
            if (failed) {
                throw new IllegalStateException("kill " + signal + " of the browser's processes failed: " + out);
            }
        }

        void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("chromium exited during the run (code " + process.exitValue() + ")");
            }
        }

        /** Waits until the page's WebSocket is open (the dashboard counts it in /metrics). */
        private void awaitSocket(String link) throws Exception {
            String metrics = link.replace("/status", "/metrics");
            HttpClient http = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < deadline) {
                checkAlive();
                String body = http.send(HttpRequest.newBuilder(URI.create(metrics)).build(), HttpResponse.BodyHandlers.ofString()).body();
                if (body.lines().anyMatch(l -> l.startsWith("jdask_dashboard_websockets ") && !l.endsWith(" 0.0"))) {
                    return;
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the headless chromium did not open the dashboard's WebSocket within 60 s");
        }

        @Override
        public void close() throws InterruptedException, IOException {
            if (process.isAlive()) {
                signal("-CONT"); // a stopped process does not act on SIGTERM until continued
            }
            if (metrics != null) {
                metrics.close();
            }
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            children.forEach(ProcessHandle::destroy);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(profile)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            } catch (IOException e) {
                // a file chromium still held: left in the temporary directory
            }
        }
    }
}
