package io.jdask.benchmarks;

import io.jdask.array.DType;
import io.jdask.array.NDArray;
import io.jdask.dataframe.Column;
import io.jdask.dataframe.Frame;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.comm.MessageHandler;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.comm.Transport;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.Message;
import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerToWorker;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Task;
import io.jdask.serialize.Serialization;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The workload of {@code shared/bench/anchors/bench_i_transfer.py}, side by side: on a local
 * cluster of 2 worker processes x 1 thread, a float64 block of SIZE MB made on worker A ({@code
 * local-0}), then a task pinned to worker B ({@code local-1}) that depends on it and reads its first
 * element, timed from submission to the scheduler's report that the result is in memory; a task
 * with an 8-byte dependency gives the fixed overhead, which is subtracted for the net rate. Each
 * repetition uses a fresh block. The reference is two plain Java processes moving the same number
 * of bytes over loopback TCP (one {@link SocketChannel} write of a direct buffer, read into a
 * preallocated direct buffer, then a one-byte acknowledgement), measured in the same run.
 *
 * <p>It also prints each worker's peak resident set during the timed transfer ({@code VmHWM},
 * reset through {@code /proc/PID/clear_refs} before each run) and its growth over the resident set
 * before the run, in units of the block's size: how many copies of the block a side held at once,
 * and the CPU time each worker process used during the timed transfer (for the reference: the
 * sending thread plus the receiving process), which a loaded machine disturbs less than wall time.
 * {@code --worker-jvm-option} adds an option to the workers' JVMs (e.g. a flight recording);
 * {@code --frame} moves a dataframe partition ({@code Frame}) of one float64 column instead of an
 * {@code NDArray}.
 *
 * <p>Tasks are submitted over the protocol directly (a {@link Transport} connection speaking
 * {@code UpdateGraph}), since the {@code Client} has no worker restrictions.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.TransferRunner
 *     [--sizes-mb 200,1000] [--repeats 3] [--worker-heap 4g] [--no-raw] [--no-jdask] [--worker-jvm-option OPT] [--frame]
 * </pre>
 */
public final class TransferRunner {
    private static final AtomicLong IDS = new AtomicLong();

    private TransferRunner() {}

    /**
     * @param args options (see the class comment); {@code --raw-receiver PORT BYTES REPEATS} is the
     *     child process of the raw reference
     * @throws Exception when a run fails or a result is wrong
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--raw-receiver")) {
            rawReceiver(Integer.parseInt(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]));
            return;
        }
        List<Double> sizes = List.of(200.0, 1000.0);
        int repeats = 3;
        String heap = "4g";
        boolean raw = true;
        boolean jdask = true;
        List<String> workerOptions = new ArrayList<>();
        boolean frame = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes-mb" -> sizes = Arrays.stream(args[++i].split(",")).map(Double::parseDouble).toList();
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--worker-heap" -> heap = args[++i];
                case "--no-raw" -> raw = false;
                case "--no-jdask" -> jdask = false;
                case "--worker-jvm-option" -> workerOptions.add(args[++i]);
                case "--frame" -> frame = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected --sizes-mb A,B --repeats N --worker-heap 4g --no-raw --no-jdask --worker-jvm-option OPT --frame)");
            }
        }
        if (raw) {
            for (double mb : sizes) {
                rawTcp((long) (mb * 1e6), repeats);
            }
        }
        if (jdask) {
            jdaskTransfer(sizes, repeats, heap, workerOptions, frame);
        }
    }

    // ---- the raw reference: two plain Java processes

    private static void rawTcp(long nbytes, int repeats) throws Exception {
        ByteBuffer data = ByteBuffer.allocateDirect(Math.toIntExact(nbytes));
        while (data.hasRemaining()) {
            data.putLong(Double.doubleToRawLongBits(1.0));
        }
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String java = ProcessHandle.current().info().command().orElse("java");
            Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:MaxDirectMemorySize=" + (nbytes + (64L << 20)), "-cp", System.getProperty("java.class.path"), TransferRunner.class.getName(),
                    "--raw-receiver", String.valueOf(port), String.valueOf(nbytes), String.valueOf(repeats + 1))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            child.onExit().thenRun(() -> {
                try {
                    server.close(); // a receiver that died before connecting must not leave accept() waiting
                } catch (IOException ignored) {
                    // closing anyway
                }
            });
            try (SocketChannel c = server.accept()) {
                ByteBuffer ack = ByteBuffer.allocate(1);
                long[] t = new long[repeats + 1];
                long[] cpu = new long[repeats + 1];
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                for (int r = 0; r <= repeats; r++) { // the first is a warm-up
                    data.clear();
                    ack.clear();
                    long c0 = threads.getCurrentThreadCpuTime() + cpuNanos(child.toHandle());
                    long t0 = System.nanoTime();
                    while (data.hasRemaining()) {
                        c.write(data);
                    }
                    while (ack.hasRemaining()) {
                        if (c.read(ack) < 0) {
                            throw new IOException("the raw receiver hung up");
                        }
                    }
                    t[r] = System.nanoTime() - t0;
                    cpu[r] = threads.getCurrentThreadCpuTime() + cpuNanos(child.toHandle()) - c0;
                }
                long[] cpus = Arrays.copyOfRange(cpu, 1, cpu.length);
                Arrays.sort(cpus);
                long[] timed = Arrays.copyOfRange(t, 1, t.length);
                Arrays.sort(timed);
                double med = timed[timed.length / 2] / 1e9;
                report(nbytes / 1e6 + " MB", "reference: raw Java TCP loopback, 2 processes", med,
                        String.format(Locale.ROOT, "%.0f MB/s", nbytes / med / 1e6),
                        String.format(Locale.ROOT, "median of %d, min %.3f s; CPU %.3f s (sender thread + receiver process, median); direct buffers, no serialization",
                                repeats, timed[0] / 1e9, cpus[cpus.length / 2] / 1e9));
            } finally {
                if (!child.waitFor(30, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                }
            }
        }
    }

    private static void rawReceiver(int port, long nbytes, int repeats) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Math.toIntExact(nbytes));
        try (SocketChannel c = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            for (int r = 0; r < repeats; r++) {
                buf.clear();
                while (buf.hasRemaining()) {
                    if (c.read(buf) < 0) {
                        throw new IOException("the sender hung up after " + buf.position() + " of " + nbytes + " bytes");
                    }
                }
                if (buf.getLong(0) != Double.doubleToRawLongBits(1.0) || buf.getLong(buf.capacity() - 8) != Double.doubleToRawLongBits(1.0)) {
                    throw new IOException("the raw receiver got wrong bytes");
                }
                c.write(ByteBuffer.wrap(new byte[] {'k'}));
            }
        }
    }

    // ---- jdask: worker A -> worker B

    /** A minimal client over the protocol: submits tasks with worker restrictions, waits for them. */
    private static final class RawClient implements MessageHandler, AutoCloseable {
        private final Transport transport = Transport.create("client", Security.none());
        private final Map<Key, CompletableFuture<SchedulerToClient.KeyInMemory>> done = new ConcurrentHashMap<>();
        private final Map<String, CompletableFuture<WorkerToWorker.DataReply>> replies = new ConcurrentHashMap<>();
        private final Connection scheduler;

        RawClient(String address) throws IOException {
            scheduler = transport.connect(address, Duration.ofSeconds(10), this);
        }

        @Override
        public void received(Connection c, Message m) {
            switch (m) {
                case SchedulerToClient.KeyInMemory k -> {
                    CompletableFuture<SchedulerToClient.KeyInMemory> f = done.get(k.key());
                    if (f != null) {
                        f.complete(k);
                    }
                }
                case SchedulerToClient.KeyErred e -> {
                    CompletableFuture<SchedulerToClient.KeyInMemory> f = done.get(e.key());
                    if (f != null) {
                        f.completeExceptionally(new IllegalStateException("task " + e.key() + " failed: " + e.error()));
                    }
                }
                case WorkerToWorker.DataReply r -> {
                    CompletableFuture<WorkerToWorker.DataReply> f = replies.remove(r.stimulusId());
                    if (f != null) {
                        f.complete(r);
                    }
                }
                default -> { }
            }
        }

        CompletableFuture<SchedulerToClient.KeyInMemory> submit(Task task, String worker) {
            CompletableFuture<SchedulerToClient.KeyInMemory> f = new CompletableFuture<>();
            done.put(task.key(), f);
            TaskSpec spec = new TaskSpec(task.key(), Payload.wrap(Serialization.get().toBytes(task)), List.copyOf(task.dependencies()), 0,
                    Restrictions.toWorkers(worker), 0);
            scheduler.send(new ClientToScheduler.UpdateGraph(List.of(spec), List.of(task.key()), "bench-" + IDS.incrementAndGet()));
            return f;
        }

        Object fetch(Key key, String worker) throws Exception {
            Connection c = transport.connect(worker, Duration.ofSeconds(10), this);
            try {
                String id = "bench-get-" + IDS.incrementAndGet();
                CompletableFuture<WorkerToWorker.DataReply> f = new CompletableFuture<>();
                replies.put(id, f);
                c.send(new WorkerToWorker.GetData(List.of(key), "bench", id));
                Payload p = f.get(60, TimeUnit.SECONDS).data().get(key);
                return Serialization.get().fromBytes(p.toByteArray());
            } finally {
                c.close();
            }
        }

        void release(Key... keys) {
            for (Key k : keys) {
                done.remove(k);
            }
            scheduler.send(new ClientToScheduler.ReleaseKeys(List.of(keys), "bench-release-" + IDS.incrementAndGet()));
        }

        @Override
        public void close() {
            scheduler.close();
            transport.close();
        }
    }

    private record Run(double seconds, long[] rssBefore, long[] peak, long[] cpu) {}

    /** @return the CPU time a process has used so far, in nanoseconds (0 when unknown) */
    private static long cpuNanos(ProcessHandle p) {
        return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void jdaskTransfer(List<Double> sizes, int repeats, String heap, List<String> extra, boolean frame) throws Exception {
        List<String> options = new ArrayList<>(List.of("-Xmx" + heap, "-Xms64m"));
        options.addAll(extra);
        try (LocalCluster cluster = LocalCluster.builder().workers(2).threadsPerWorker(1).processes(true)
                .jvmOptions(options).start();
             RawClient client = new RawClient(cluster.schedulerAddress())) {
            List<ProcessHandle> procs = new ArrayList<>();
            for (String name : List.of("local-0", "local-1")) {
                procs.add(cluster.workerProcesses().stream()
                        .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("--name " + name)).orElse(false))
                        .findFirst().orElseThrow(() -> new IllegalStateException("no worker process named " + name)));
            }
            for (int i = 0; i < 3; i++) {
                one(client, procs, 8, false);
            }
            List<Double> small = new ArrayList<>();
            for (int i = 0; i < 2 * repeats; i++) {
                small.add(one(client, procs, 8, false).seconds);
            }
            double base = median(small);
            report("8 B", "jdask distributed 2x1: dependent task on other worker", base, "",
                    "median of " + 2 * repeats + "; fixed round-trip overhead");
            for (double mb : sizes) {
                long nbytes = (long) (mb * 1e6);
                List<Double> times = new ArrayList<>();
                List<List<Double>> cpus = List.of(new ArrayList<>(), new ArrayList<>());
                long[] worstGrowth = new long[2];
                long[] worstPeak = new long[2];
                for (int r = 0; r < repeats; r++) {
                    Run run = one(client, procs, nbytes, frame);
                    times.add(run.seconds);
                    for (int w = 0; w < 2; w++) {
                        worstPeak[w] = Math.max(worstPeak[w], run.peak[w]);
                        cpus.get(w).add(run.cpu[w] / 1e9);
                        worstGrowth[w] = Math.max(worstGrowth[w], run.peak[w] - run.rssBefore[w]);
                    }
                }
                double med = median(times);
                report(mb + (frame ? " MB Frame (one float64 column)" : " MB float64"), "jdask distributed 2x1: worker A -> worker B", med,
                        String.format(Locale.ROOT, "%.0f MB/s (%.0f net)", nbytes / med / 1e6, nbytes / Math.max(med - base, 1e-9) / 1e6),
                        String.format(Locale.ROOT, "median of %d, min %.3f s; CPU A %.3f s, B %.3f s (medians); peak RSS A %.0f MB (+%.2f blocks over the RSS before), B %.0f MB (+%.2f blocks); worker -Xmx%s",
                                repeats, times.stream().mapToDouble(Double::doubleValue).min().orElse(0), median(cpus.get(0)), median(cpus.get(1)), worstPeak[0] / 1e6,
                                (double) worstGrowth[0] / nbytes, worstPeak[1] / 1e6, (double) worstGrowth[1] / nbytes, heap));
            }
        }
    }

    /**
     * Makes a fresh block on A (not timed), then times the dependent task on B. The block is an
     * {@code NDArray}, or with {@code frame} a dataframe partition of one float64 column.
     */
    private static Run one(RawClient client, List<ProcessHandle> procs, long nbytes, boolean frame) throws Exception {
        int n = (int) Math.max(1, nbytes / 8);
        long id = IDS.incrementAndGet();
        Key src = Key.of("ones-" + id);
        Key dst = Key.of("first-" + id);
        Task make = frame
                ? new Task(src, a -> {
                    double[] ones = new double[(Integer) a[0]];
                    Arrays.fill(ones, 1.0);
                    return Frame.builder().column("x", Column.ofDoubles(ones)).build();
                }, Arg.value(n))
                : new Task(src, a -> NDArray.full(DType.F64, 1.0, (Integer) a[0]), Arg.value(n));
        client.submit(make, "local-0").get(120, TimeUnit.SECONDS);
        long[] before = new long[2];
        for (int w = 0; w < 2; w++) {
            resetPeak(procs.get(w));
            before[w] = status(procs.get(w), "VmRSS");
        }
        long[] cpu = new long[2];
        for (int w = 0; w < 2; w++) {
            cpu[w] = cpuNanos(procs.get(w));
        }
        long t0 = System.nanoTime();
        Task first = frame
                ? new Task(dst, a -> ((Frame) a[0]).column(0).getDouble(0), Arg.ref(src))
                : new Task(dst, a -> ((NDArray) a[0]).getDouble(0), Arg.ref(src));
        SchedulerToClient.KeyInMemory k = client.submit(first, "local-1")
                .get(300, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (int w = 0; w < 2; w++) {
            cpu[w] = cpuNanos(procs.get(w)) - cpu[w];
        }
        long[] peak = new long[2];
        for (int w = 0; w < 2; w++) {
            peak[w] = status(procs.get(w), "VmHWM");
        }
        Object v = client.fetch(dst, k.workers().get(0));
        if (!(v instanceof Double d) || d != 1.0) {
            throw new AssertionError("the dependent task returned " + v + ", expected 1.0");
        }
        client.release(src, dst);
        return new Run(seconds, before, peak, cpu);
    }

    private static void resetPeak(ProcessHandle p) {
        try {
            Files.writeString(Path.of("/proc/" + p.pid() + "/clear_refs"), "5");
        } catch (IOException e) {
            throw new IllegalStateException("cannot reset the peak RSS of worker process " + p.pid() + ": " + e.getMessage(), e);
        }
    }

    /** @return a {@code kB} line of {@code /proc/PID/status}, in bytes */
    private static long status(ProcessHandle p, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + p.pid() + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim()) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + p.pid() + "/status: " + e.getMessage(), e);
        }
        throw new IllegalStateException("no " + field + " in /proc/" + p.pid() + "/status");
    }

    private static double median(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    private static void report(String size, String tool, double seconds, String rate, String notes) {
        System.out.printf(Locale.ROOT, "RESULT | i transfer | %s | %s | %.4f | %s | %s; load %s%n", size, tool, seconds, rate, notes, Timing.load());
    }
}
