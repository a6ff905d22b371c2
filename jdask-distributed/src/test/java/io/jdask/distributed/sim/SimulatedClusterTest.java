package io.jdask.distributed.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.protocol.Restrictions;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.scheduler.state.SchedulerConfig;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.distributed.worker.state.WorkerEvent;
import io.jdask.graph.Arg;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import io.jdask.optimize.Order;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random graphs on a simulated cluster whose workers join, die, retire and pause at random
 * points:
 * every wanted key ends in memory with the value a local run computes, or erred when it depends on
 * a failing task (or was cancelled by the client on the way); invariants of both state machines
 * are checked after every event; releasing
 * everything leaves no task on the scheduler and no value on any worker.
 */
class SimulatedClusterTest {

    /** 60 seeds by default; {@code -Djdask.sim.seeds=N -Djdask.sim.firstSeed=S} runs others. */
    static Stream<Long> seeds() {
        long first = Long.getLong("jdask.sim.firstSeed", 0);
        return LongStream.range(first, first + Integer.getInteger("jdask.sim.seeds", 60)).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomGraphsFinishCorrectlyWhileWorkersComeAndGo(long seed) {
        Random rng = new Random(seed);
        SchedulerConfig config = SchedulerConfig.defaults()
                .withSaturation(rng.nextBoolean() ? 1.0 : Double.POSITIVE_INFINITY)
                .withBandwidth(1e3 + rng.nextInt(1_000_000))
                .withAllowedFailures(1_000)
                .withHeartbeatTimeoutNanos(Long.MAX_VALUE / 4);
        SimulatedCluster c = new SimulatedCluster(seed, config);
        int initialWorkers = 1 + rng.nextInt(4);
        for (int i = 0; i < initialWorkers; i++) {
            c.addWorker();
        }
        List<Key> wanted = new ArrayList<>();
        int graphs = 1 + rng.nextInt(3);
        for (int g = 0; g < graphs; g++) {
            List<TaskSpec> tasks = randomGraph(rng, "g" + g, 5 + rng.nextInt(60), new HashSet<>(wanted));
            List<Key> want = new ArrayList<>();
            for (TaskSpec t : tasks) {
                if (rng.nextInt(4) == 0) {
                    want.add(t.key());
                }
            }
            if (!want.contains(tasks.get(tasks.size() - 1).key())) {
                want.add(tasks.get(tasks.size() - 1).key());
            }
            c.submit(tasks, want);
            wanted.addAll(want);
        }
        int chaos = rng.nextInt(16);
        int steps = 0;
        while (true) {
            if (chaos > 0 && rng.nextInt(10) == 0) {
                chaos--;
                if (rng.nextInt(5) == 0 && wanted.size() > 1) {
                    // the client cancels one of its keys mid-run: it is no longer checked
                    Key k = wanted.remove(rng.nextInt(wanted.size()));
                    while (wanted.remove(k)) {
                        // it may have been wanted by several graphs
                    }
                    c.toScheduler(new SchedulerEvent.CancelKeys(SimulatedCluster.CLIENT, List.of(k), c.sid("cancel")));
                } else {
                    chaosEvent(c, rng);
                }
            } else if (rng.nextInt(30) == 0) {
                c.toScheduler(new SchedulerEvent.Tick(c.sid("tick")));
            }
            if (!c.step()) {
                if (resumeAll(c)) {
                    continue;
                }
                c.toScheduler(new SchedulerEvent.Tick(c.sid("tick")));
                if (!c.step()) {
                    break;
                }
            }
            assertThat(++steps).as("steps").isLessThan(200_000);
        }

        Map<Key, Long> memo = new HashMap<>();
        for (Key k : wanted) {
            Set<Key> failing = failingAncestors(c, k);
            TaskState state = c.scheduler.taskState(k);
            SchedulerToClient last = c.lastClientMessage.get(k);
            if (failing.isEmpty()) {
                assertThat(state).as("state of %s; stories:%s", k, diagnose(c, k)).isEqualTo(TaskState.MEMORY);
                assertThat(last).isInstanceOf(SchedulerToClient.KeyInMemory.class);
                List<String> holders = c.scheduler.whoHas(k);
                assertThat(holders).isNotEmpty();
                for (String h : holders) {
                    assertThat(c.nodes.get(h).store.get(k)).as("value of %s on %s; stories:%s", k, h, stories(c, k)).isEqualTo(c.expected(k, memo));
                }
            } else {
                assertThat(state).as("state of %s", k).isEqualTo(TaskState.ERRED);
                SchedulerToClient.KeyErred erred = (SchedulerToClient.KeyErred) last;
                assertThat(failing).contains(erred.blamed());
                assertThat(erred.error().exceptionType()).isEqualTo("java.lang.IllegalStateException");
            }
        }

        // the client lets go of everything: nothing may be left anywhere
        c.toScheduler(new SchedulerEvent.ReleaseKeys(SimulatedCluster.CLIENT, wanted, c.sid("release")));
        while (c.step() || resumeAll(c)) {
            // drain
        }
        assertThat(c.scheduler.taskCount()).isZero();
        for (SimulatedCluster.Node n : c.nodes.values()) {
            assertThat(n.state.knownKeys()).as("keys left on %s: %s", n.address, n.state.knownKeys().stream().map(k -> k + " " + n.state.taskState(k) + stories(c, k)).toList()).isEmpty();
            assertThat(n.store).as("values left on %s", n.address).isEmpty();
        }
    }

    private static void chaosEvent(SimulatedCluster c, Random rng) {
        int what = rng.nextInt(4);
        List<String> alive = new ArrayList<>(c.nodes.keySet());
        if (what == 0 && alive.size() > 1) {
            String victim = alive.get(rng.nextInt(alive.size()));
            if (rng.nextBoolean()) {
                c.killWorker(victim);
            } else {
                c.toScheduler(new SchedulerEvent.RetireWorker(victim, c.sid("retire")));
            }
        } else if (what == 1) {
            c.addWorker();
        } else {
            SimulatedCluster.Node n = c.nodes.get(alive.get(rng.nextInt(alive.size())));
            long bytes = what == 2 ? 900_000 : 0;
            n.apply(n.state.handle(new WorkerEvent.MemoryUsage(bytes, c.sid("memory"))));
        }
    }

    /**
     * When nothing moves: paused workers resume, a worker joins if all are retiring, and a GPU
     * worker joins if GPU tasks wait for one.
     */
    private static boolean resumeAll(SimulatedCluster c) {
        boolean any = false;
        if (c.nodes.keySet().stream().noneMatch(a -> c.scheduler.workerStatus(a).orElse(null) == WorkerStatus.RUNNING || c.nodes.get(a).state.paused())) {
            c.addWorker();
            any = true;
        }
        if (c.nodes.values().stream().noneMatch(n -> n.resources.containsKey("GPU") && c.scheduler.workerStatus(n.address).orElse(null) != WorkerStatus.CLOSING_GRACEFULLY)
                && c.graph.keySet().stream().anyMatch(k -> c.scheduler.taskState(k) == TaskState.NO_WORKER)) {
            c.addWorker(Map.of("GPU", 1.0));
            any = true;
        }
        for (SimulatedCluster.Node n : c.nodes.values()) {
            if (n.state.paused()) {
                n.apply(n.state.handle(new WorkerEvent.MemoryUsage(0, c.sid("resume"))));
                any = true;
            }
        }
        return any;
    }

    static String stories(SimulatedCluster c, Key x) {
        StringBuilder b = new StringBuilder();
        c.scheduler.story(x).forEach(e -> b.append("\n    ").append(e));
        for (SimulatedCluster.Node n : c.nodes.values()) {
            n.state.story(x).forEach(e -> b.append("\n    ").append(n.address).append(" ").append(e));
        }
        return b.toString();
    }

    /** The stories, on the scheduler and every worker, of a key and its dependencies that are not in memory. */
    static String diagnose(SimulatedCluster c, Key k) {
        StringBuilder b = new StringBuilder();
        Set<Key> seen = new HashSet<>();
        List<Key> stack = new ArrayList<>(List.of(k));
        while (!stack.isEmpty()) {
            Key x = stack.remove(stack.size() - 1);
            if (!seen.add(x) || c.scheduler.taskState(x) == TaskState.MEMORY) {
                continue;
            }
            b.append("\n").append(x).append(" ").append(c.scheduler.taskState(x)).append(" on ").append(c.scheduler.processingOn(x));
            c.scheduler.story(x).forEach(e -> b.append("\n    ").append(e));
            for (SimulatedCluster.Node n : c.nodes.values()) {
                n.state.story(x).forEach(e -> b.append("\n    ").append(n.address).append(" ").append(e));
            }
            if (c.scheduler.taskState(x) == TaskState.PROCESSING) {
                for (Key d : c.graph.get(x)) {
                    b.append("\n  input ").append(d).append(" on ").append(c.scheduler.whoHas(d)).append(stories(c, d));
                }
            }
            stack.addAll(c.graph.get(x));
        }
        return b.toString();
    }

    private static Set<Key> failingAncestors(SimulatedCluster c, Key k) {
        Set<Key> out = new HashSet<>();
        Set<Key> seen = new HashSet<>();
        List<Key> stack = new ArrayList<>(List.of(k));
        while (!stack.isEmpty()) {
            Key x = stack.remove(stack.size() - 1);
            if (!seen.add(x)) {
                continue;
            }
            if (x.name().startsWith("fail")) {
                out.add(x);
            }
            stack.addAll(c.graph.get(x));
        }
        return out;
    }

    /**
     * A random DAG whose tasks depend on earlier ones (and sometimes on keys the client already
     * holds from earlier graphs),
     * ordered by core's static ordering, with a few failing tasks, flaky tasks with retries, loose
     * restrictions to a worker and tasks that need a GPU.
     */
    static List<TaskSpec> randomGraph(Random rng, String prefix, int n, Set<Key> earlier) {
        List<Key> keys = new ArrayList<>();
        Map<Key, List<Key>> deps = new HashMap<>();
        List<Key> previous = new ArrayList<>(earlier);
        previous.sort(null);
        for (int i = 0; i < n; i++) {
            int kind = rng.nextInt(40);
            Key key = Key.of((kind == 0 ? "fail-" : kind < 3 ? "flaky-" : "t-") + prefix + "-" + i);
            List<Key> d = new ArrayList<>();
            int nd = i == 0 ? 0 : rng.nextInt(Math.min(4, i + 1));
            for (int j = 0; j < nd; j++) {
                Key dep = keys.get(rng.nextInt(keys.size()));
                if (!d.contains(dep)) {
                    d.add(dep);
                }
            }
            if (!previous.isEmpty() && rng.nextInt(10) == 0) {
                Key dep = previous.get(rng.nextInt(previous.size()));
                if (!d.contains(dep)) {
                    d.add(dep);
                }
            }
            keys.add(key);
            deps.put(key, d);
        }
        // static order from core, on a graph of the same shape (dependencies outside this graph become literals)
        List<Node> nodes = new ArrayList<>();
        for (Key k : keys) {
            List<Arg> args = new ArrayList<>();
            for (Key d : deps.get(k)) {
                args.add(deps.containsKey(d) ? Arg.ref(d) : Arg.value(0));
            }
            nodes.add(new Task(k, a -> 0, args));
        }
        IndexedGraph indexed = TaskGraph.of(nodes).index();
        int[] priority = Order.order(indexed);
        List<TaskSpec> specs = new ArrayList<>();
        for (Key k : keys) {
            int kind = rng.nextInt(15);
            Restrictions r = kind == 0 ? new Restrictions(Set.of("tcp://w0:1"), Map.of(), true)
                    : kind == 1 ? Restrictions.toResources(Map.of("GPU", 1.0)) : Restrictions.NONE;
            int retries = k.name().startsWith("flaky") ? 1 + rng.nextInt(2) : rng.nextInt(5) == 0 ? 1 : 0;
            specs.add(new TaskSpec(k, Payload.wrap(SimulatedCluster.bytes(k.name())), deps.get(k), priority[indexed.id(k)], r, retries));
        }
        return specs;
    }

}
