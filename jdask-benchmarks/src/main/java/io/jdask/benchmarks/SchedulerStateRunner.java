package io.jdask.benchmarks;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerInstruction;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.graph.Key;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The distributed scheduler's state machine alone, on one thread, without network or workers: the
 * CPU time per task that {@link SchedulerState} spends on {@code map} of N no-op tasks and on the
 * delayed binary sum tree (issue #6's workloads), which a loaded machine disturbs far less than the
 * wall time of {@link DistributedOverheadRunner}. Two simulated workers of one thread each answer
 * every {@code ComputeTask} at once, in the order they got them, with a {@code TaskFinished} (1 us
 * duration, so root-task queuing gives them its short-task slots as on a real cluster); once every
 * wanted key is in memory the client releases them all (the {@code FreeKeys} that follow are
 * counted, not answered). Checks that every key reached memory and that the state is empty after.
 *
 * <pre>
 * java $FLAGS -cp jdask-benchmarks/target/benchmarks.jar io.jdask.benchmarks.SchedulerStateRunner [rounds=10] [tasks=50000]
 * </pre>
 *
 * Prints, per workload, the median over {@code rounds} (after as many warm-up rounds) of the
 * thread's CPU time per task, and the bytes it allocated per task.
 */
public final class SchedulerStateRunner {
    private static final String CLIENT = "client-1";
    private static final String[] WORKERS = {"tcp://127.0.0.1:40001", "tcp://127.0.0.1:40002"};
    private static final Payload PAYLOAD = Payload.wrap(new byte[64]);

    private SchedulerStateRunner() {}

    /**
     * @param args optional rounds (default 10) and map size (default 50,000)
     */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<TaskSpec> map = mapGraph(n);
        List<TaskSpec> tree = treeGraph(10_000);
        report("map", map, List.of(map.stream().map(TaskSpec::key).toArray(Key[]::new)), rounds);
        report("tree", tree, List.of(tree.getLast().key()), rounds);
    }

    /** Over one run: ComputeTask messages with inputs, those naming an input the receiving worker lacks, and ComputeTask bursts (per event and worker). */
    private static final long[] COUNTS = new long[4];

    private static void report(String name, List<TaskSpec> graph, List<Key> wanted, int rounds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean smx = (com.sun.management.ThreadMXBean) mx;
        long tid = Thread.currentThread().threadId();
        for (int i = 0; i < rounds; i++) {
            run(graph, wanted); // warm-up
        }
        double[] cpu = new double[rounds];
        double[] alloc = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long a0 = smx.getThreadAllocatedBytes(tid);
            run(graph, wanted);
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e3 / graph.size();
            alloc[i] = (double) (smx.getThreadAllocatedBytes(tid) - a0) / graph.size();
        }
        Arrays.sort(cpu);
        Arrays.sort(alloc);
        Arrays.fill(COUNTS, 0);
        run(graph, wanted);
        System.out.printf("RESULT | scheduler state alone | %s | %,d tasks | CPU/task %.2f us (min %.2f) | allocated/task %,.0f B | median of %d"
                        + " | %,d of %,d tasks with inputs need one from the other worker | %,d ComputeTask messages in %,d bursts%n",
                name, graph.size(), cpu[rounds / 2], cpu[0], alloc[rounds / 2], rounds, COUNTS[1], COUNTS[0], COUNTS[3], COUNTS[2]);
    }

    private static List<TaskSpec> mapGraph(int n) {
        List<TaskSpec> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(TaskSpec.of(Key.of("inc-6f1d2a", i), PAYLOAD, List.of(), i));
        }
        return out;
    }

    private static List<TaskSpec> treeGraph(int leaves) {
        List<TaskSpec> out = new ArrayList<>();
        List<Key> level = new ArrayList<>();
        int id = 0;
        for (int i = 0; i < leaves; i++) {
            Key k = Key.of("inc-" + token(id++));
            out.add(TaskSpec.of(k, PAYLOAD, List.of(), out.size()));
            level.add(k);
        }
        while (level.size() > 1) {
            List<Key> next = new ArrayList<>();
            for (int i = 0; i + 1 < level.size(); i += 2) {
                Key k = Key.of("add-" + token(id++));
                out.add(TaskSpec.of(k, PAYLOAD, List.of(level.get(i), level.get(i + 1)), out.size()));
                next.add(k);
            }
            if (level.size() % 2 == 1) {
                next.add(level.getLast());
            }
            level = next;
        }
        return out;
    }

    /**
     * A token like a {@code Delayed} key's (16 hex digits), so that every leaf has the prefix
     * {@code inc} and every add {@code add}, as on a cluster (a short hex suffix such as {@code
     * 10270f} would count as part of the name, giving each key a prefix of its own).
     */
    private static String token(int id) {
        return String.format("%016x", 0x9e3779b97f4a7c15L * (id + 1));
    }

    private static void run(List<TaskSpec> graph, List<Key> wanted) {
        SchedulerState s = new SchedulerState(SchedulerConfig.defaults(), System::nanoTime);
        Map<String, ArrayDeque<Key>> inbox = new HashMap<>();
        Map<String, long[]> received = new HashMap<>();
        long[] sid = {0};
        int[] inMemory = {0};
        for (String w : WORKERS) {
            inbox.put(w, new ArrayDeque<>());
            received.put(w, new long[1]);
            deliver(s.handle(new SchedulerEvent.AddWorker(w, w, 1, 1L << 30, Map.of(), "add-" + w)), inbox, received, inMemory);
        }
        deliver(s.handle(new SchedulerEvent.UpdateGraph(CLIENT, graph, wanted, "graph")), inbox, received, inMemory);
        boolean released = false;
        while (true) {
            boolean any = false;
            for (String w : WORKERS) {
                Key k = inbox.get(w).poll();
                if (k != null) {
                    any = true;
                    deliver(s.handle(new SchedulerEvent.TaskFinished(w, k, 8, "java.lang.Long", 1_000, received.get(w)[0], "tf-" + ++sid[0])),
                            inbox, received, inMemory);
                }
            }
            if (!released && inMemory[0] == wanted.size()) {
                released = true;
                deliver(s.handle(new SchedulerEvent.ReleaseKeys(CLIENT, wanted, "release")), inbox, received, inMemory);
            }
            if (!any) {
                break;
            }
        }
        if (inMemory[0] != wanted.size() || s.taskCount() != 0) {
            throw new IllegalStateException("simulation went wrong: " + inMemory[0] + " of " + wanted.size() + " in memory, " + s.taskCount() + " tasks left");
        }
    }

    private static void deliver(List<SchedulerInstruction> out, Map<String, ArrayDeque<Key>> inbox, Map<String, long[]> received, int[] inMemory) {
        String burst = null;
        for (SchedulerInstruction i : out) {
            switch (i) {
                case SchedulerInstruction.ToWorker tw -> {
                    received.get(tw.worker())[0]++;
                    if (tw.message() instanceof SchedulerToWorker.ComputeTask c) {
                        inbox.get(tw.worker()).add(c.key());
                        COUNTS[3]++;
                        if (!tw.worker().equals(burst)) {
                            COUNTS[2]++;
                            burst = tw.worker();
                        }
                        if (!c.dependencies().isEmpty()) {
                            COUNTS[0]++;
                            if (c.dependencies().stream().anyMatch(d -> !d.workers().contains(tw.worker()))) {
                                COUNTS[1]++;
                            }
                        }
                    }
                }
                case SchedulerInstruction.ToClient tc -> {
                    if (tc.message() instanceof SchedulerToClient.KeyInMemory) {
                        inMemory[0]++;
                    }
                }
            }
        }
    }
}
