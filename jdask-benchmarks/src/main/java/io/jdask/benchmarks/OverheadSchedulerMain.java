package io.jdask.benchmarks;

import io.jdask.distributed.scheduler.SchedulerServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * A scheduler in a JVM of its own, for {@link DashboardOverheadRunner}: it serves a dashboard when
 * its argument is {@code dashboard}, prints {@code ADDRESS <scheduler> <dashboard link or ->},
 * answers each {@code cpu} line on its standard input with {@code CPU <nanoseconds>} (the CPU
 * time of this whole JVM: the scheduler's loop, its I/O threads and the dashboard's threads), and
 * answers a {@code threads} line with {@code THREADS name=nanoseconds;...}: the CPU time of its
 * threads so far, grouped by name (digits dropped), and {@code other} for what no Java thread
 * accounts for (garbage collection, the JIT compiler), plus {@code #gc-collections} and {@code
 * #gc-millis} (the collectors' counts and times); and closes when its standard input ends.
 */
public final class OverheadSchedulerMain {
    private OverheadSchedulerMain() {}

    /** @return the CPU time of the threads alive now, by name with digits dropped, largest first, and the rest as {@code other} */
    static String threadCpu(long processNanos) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byName = new java.util.HashMap<>();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long n = threads.getThreadCpuTime(t.getThreadId());
            if (n > 0) {
                byName.merge(t.getThreadName().replaceAll("[0-9]+", "#"), n, Long::sum);
                sum += n;
            }
        }
        byName.put("other (GC, JIT, VM)", Math.max(0, processNanos - sum));
        long collections = 0;
        long gcMillis = 0;
        for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            collections += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        byName.put("#gc-collections", collections);
        byName.put("#gc-millis", gcMillis);
        return byName.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey().replace(';', ',').replace('=', '-') + "=" + e.getValue()).collect(java.util.stream.Collectors.joining(";"));
    }

    /**
     * @param args {@code dashboard}, {@code monitor} (its data source, no web server) or {@code none}
     * @throws Exception when the scheduler cannot start
     */
    public static void main(String[] args) throws Exception {
        boolean dashboard = args.length > 0 && args[0].equals("dashboard");
        SchedulerServer.Builder b = SchedulerServer.builder().host("127.0.0.1").port(0);
        if (dashboard) {
            b.dashboardAddress("127.0.0.1:0");
        } else if (args.length > 0 && args[0].equals("monitor")) {
            b.plugin(io.jdask.distributed.scheduler.monitor.ClusterMonitor.builder().build()); // the dashboard's data source alone
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (SchedulerServer s = b.start()) {
            System.out.println("ADDRESS " + s.address() + " " + s.dashboardLink().orElse("-"));
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.strip().equals("cpu")) {
                    System.out.println("CPU " + os.getProcessCpuTime());
                    System.out.flush();
                } else if (line.strip().equals("threads")) {
                    System.out.println("THREADS " + threadCpu(os.getProcessCpuTime()));
                    System.out.flush();
                }
            }
        }
    }
}
