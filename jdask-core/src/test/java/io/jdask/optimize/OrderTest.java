package io.jdask.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Arg;
import io.jdask.graph.GraphException;
import io.jdask.graph.IndexedGraph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderTest {
    private static final TaskFunction F = args -> 0L;

    private static Key k(String name) {
        return Key.of(name);
    }

    private static Task task(Key key, Key... deps) {
        List<Arg> args = new ArrayList<>();
        for (Key d : deps) {
            args.add(Arg.ref(d));
        }
        return new Task(key, F, args);
    }

    private static int[] order(TaskGraph g) {
        return Order.order(g.index());
    }

    private static List<Key> runOrder(TaskGraph g, int[] priority) {
        List<Key> keys = new ArrayList<>();
        for (int id : Order.sequence(priority)) {
            keys.add(g.index().key(id));
        }
        return keys;
    }

    private static int p(TaskGraph g, int[] priority, Key key) {
        return priority[g.index().id(key)];
    }

    // ---- validity ----

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void everyDependencyComesFirstAndPrioritiesArePermutations(int seedBlock) {
        for (int seed = seedBlock * 100; seed < seedBlock * 100 + 30; seed++) {
            IndexedGraph g = RandomDags.generate(seed, 1 + seed % 300).graph().index();
            int[] priority = Order.order(g);

            assertThat(priority).hasSize(g.size());
            assertThat(Order.sequence(priority)).hasSize(g.size()); // throws unless a permutation
            for (int v = 0; v < g.size(); v++) {
                for (int d : g.dependencies(v)) {
                    assertThat(priority[d]).as("seed %d: %s before %s", seed, g.key(d), g.key(v)).isLessThan(priority[v]);
                }
            }
            assertThat(Order.peakHeld(g, priority)).isPositive(); // throws if a dependency runs late
        }
    }

    @Test
    void theEmptyGraphHasAnEmptyOrder() {
        assertThat(Order.order(TaskGraph.of(List.<Node>of()).index())).isEmpty();
    }

    @Test
    void isDeterministicAndIgnoresInsertionOrder() {
        for (int seed = 0; seed < 50; seed++) {
            TaskGraph g = RandomDags.generate(seed, 200).graph();
            List<Node> shuffled = new ArrayList<>(g.nodes().values());
            Collections.shuffle(shuffled, new Random(seed));
            TaskGraph h = TaskGraph.of(shuffled);

            int[] first = order(g);
            assertThat(order(g)).isEqualTo(first);
            int[] other = order(h);
            for (Key key : g.nodes().keySet()) {
                assertThat(p(h, other, key)).as("seed %d, key %s", seed, key).isEqualTo(p(g, first, key));
            }
        }
    }

    @Test
    void aCycleIsReportedWithItsKeys() {
        TaskGraph g = TaskGraph.of(List.of(
                task(k("a"), k("c")), task(k("b"), k("a")), task(k("c"), k("b")), task(k("out"), k("c"))));
        assertThatThrownBy(() -> order(g))
                .isInstanceOf(GraphException.class)
                .satisfies(e -> assertThat(((GraphException) e).keys()).containsExactlyInAnyOrder(k("a"), k("b"), k("c")));
    }

    @Test
    void aCycleNoSinkReachesIsReportedToo() {
        TaskGraph g = TaskGraph.of(List.of(task(k("a"), k("b")), task(k("b"), k("a")), task(k("lone"))));
        assertThatThrownBy(() -> order(g)).isInstanceOf(GraphException.class).hasMessageContaining("cycle");
    }

    // ---- memory ----

    /** A binary tree reduction over {@code leaves} leaves, made literals or tasks. */
    private static TaskGraph treeReduction(int leaves, boolean literalLeaves) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            Key key = Key.of("load-0a1b2c3d4e", i);
            nodes.add(literalLeaves ? new Literal(key, new long[0]) : task(key));
        }
        int width = leaves;
        int level = 0;
        while (width > 1) {
            for (int i = 0; i < width / 2; i++) {
                String prev = level == 0 ? "load-0a1b2c3d4e" : "sum-" + (level - 1);
                nodes.add(task(Key.of("sum-" + level, i), Key.of(prev, 2 * i), Key.of(prev, 2 * i + 1)));
            }
            width /= 2;
            level++;
        }
        Collections.shuffle(nodes, new Random(leaves)); // the order must not rely on insertion order
        return TaskGraph.of(nodes);
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aWideTreeReductionHoldsAboutItsDepthNotItsWidth(boolean literalLeaves) {
        int leaves = 4096;
        int depth = 12;
        IndexedGraph g = treeReduction(leaves, literalLeaves).index();

        int peak = Order.peakHeld(g, Order.order(g));

        assertThat(peak).isLessThanOrEqualTo(2 * depth + 2);
    }

    @Test
    void independentChainsRunOneAfterAnother() {
        List<Node> nodes = new ArrayList<>();
        int chains = 5;
        int length = 40;
        for (int c = 0; c < chains; c++) {
            nodes.add(task(Key.of("chain-" + c, 0)));
            for (int i = 1; i < length; i++) {
                nodes.add(task(Key.of("chain-" + c, i), Key.of("chain-" + c, i - 1)));
            }
        }
        Collections.shuffle(nodes, new Random(1));
        TaskGraph g = TaskGraph.of(nodes);
        int[] priority = order(g);

        for (int c = 0; c < chains; c++) {
            for (int i = 0; i < length; i++) {
                assertThat(p(g, priority, Key.of("chain-" + c, i))).isEqualTo(c * length + i);
            }
        }
        assertThat(Order.peakHeld(g.index(), priority)).isLessThanOrEqualTo(chains + 1);
    }

    @Test
    void aSequentialFoldLoadsEachInputOnlyWhenItIsConsumed() {
        // acc-i = f(acc-(i-1), x-i): walking the cheap input x-i first would load every x before
        // folding any; the bigger sub-goal first keeps two or three results alive
        int n = 2000;
        List<Node> nodes = new ArrayList<>();
        nodes.add(task(Key.of("x", 0)));
        nodes.add(task(Key.of("acc", 0), Key.of("x", 0)));
        for (int i = 1; i < n; i++) {
            nodes.add(task(Key.of("x", i)));
            nodes.add(task(Key.of("acc", i), Key.of("acc", i - 1), Key.of("x", i)));
        }
        IndexedGraph g = TaskGraph.of(nodes).index();

        assertThat(Order.peakHeld(g, Order.order(g))).isLessThanOrEqualTo(3);
    }

    @Test
    void aDependentThatReleasesAnInputRunsRightAwayEvenOnTheWayToAnotherOutput() {
        // r feeds a (on the way to s) and b (on the way to t, the bigger goal, done second). Once a
        // has run, b is the last user of r and can run, so it runs next and r is released
        List<Node> nodes = new ArrayList<>(List.of(
                task(k("r")),
                task(k("a"), k("r")),
                task(k("b"), k("r")),
                task(k("w0")),
                task(k("w1"), k("w0")),
                task(k("w2"), k("w1")),
                task(k("s"), k("w2"), k("a")),
                task(Key.of("v", 0))));
        for (int i = 1; i < 10; i++) {
            nodes.add(task(Key.of("v", i), Key.of("v", i - 1)));
        }
        nodes.add(task(k("t"), Key.of("v", 9), k("b")));
        TaskGraph g = TaskGraph.of(nodes);
        int[] priority = order(g);

        assertThat(runOrder(g, priority)).startsWith(
                k("w0"), k("w1"), k("w2"), k("r"), k("a"), k("b"), k("s"));
        assertThat(p(g, priority, k("t"))).isEqualTo(g.size() - 1);
    }

    @Test
    void rootsWithTwoUsersAreConsumedByBothBeforeTheNextRootLoads() {
        // r-i feeds f-i and g-i; the f's and the g's are each reduced by a binary tree. Without the
        // eager rule, working on the f tree would hold every r until the g tree starts
        int leaves = 1024;
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < leaves; i++) {
            nodes.add(task(Key.of("r", i)));
            nodes.add(task(Key.of("f-0", i), Key.of("r", i)));
            nodes.add(task(Key.of("g-0", i), Key.of("r", i)));
        }
        for (String name : List.of("f", "g")) {
            int width = leaves;
            for (int level = 1; width > 1; level++, width /= 2) {
                for (int i = 0; i < width / 2; i++) {
                    nodes.add(task(Key.of(name + "-" + level, i),
                            Key.of(name + "-" + (level - 1), 2 * i), Key.of(name + "-" + (level - 1), 2 * i + 1)));
                }
            }
        }
        IndexedGraph g = TaskGraph.of(nodes).index();

        int peak = Order.peakHeld(g, Order.order(g));

        assertThat(peak).isLessThanOrEqualTo(2 * (10 + 2));
    }

    @Test
    void peakHeldCountsInputsOutputAndHeldOutputs() {
        // a, b -> c; c is the only output
        TaskGraph g = TaskGraph.of(List.of(task(k("a")), task(k("b")), task(k("c"), k("a"), k("b"))));
        IndexedGraph ig = g.index();
        int[] priority = order(g);
        assertThat(Order.peakHeld(ig, priority)).isEqualTo(3);

        // two independent tasks: both outputs, held to the end
        TaskGraph two = TaskGraph.of(List.of(task(k("x")), task(k("y"))));
        assertThat(Order.peakHeld(two.index(), order(two))).isEqualTo(2);
    }

    @Test
    void peakHeldRejectsAnOrderThatRunsATaskBeforeItsInputs() {
        TaskGraph g = TaskGraph.of(List.of(task(k("a")), task(k("b"), k("a"))));
        int[] wrong = new int[2];
        wrong[g.index().id(k("a"))] = 1;
        wrong[g.index().id(k("b"))] = 0;
        assertThatThrownBy(() -> Order.peakHeld(g.index(), wrong)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Order.peakHeld(g.index(), new int[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- size ----

    @Test
    void ordersTwoHundredThousandNodes() {
        IndexedGraph g = layered(200_000, 7).index();
        int[] priority = Order.order(g);
        assertThat(Order.sequence(priority)).hasSize(200_000);
        assertThat(Order.peakHeld(g, priority)).isPositive();
    }

    /** Layers of 1000 nodes, each depending on up to three nodes of the layer below. */
    static TaskGraph layered(int n, long seed) {
        Random rnd = new Random(seed);
        int width = 1000;
        List<Node> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Key key = Key.of("layer-" + (i / width), i % width);
            if (i < width) {
                nodes.add(task(key));
                continue;
            }
            int below = (i / width - 1) * width;
            int deps = 1 + rnd.nextInt(3);
            Key[] ks = new Key[deps];
            for (int d = 0; d < deps; d++) {
                ks[d] = nodes.get(below + Math.floorMod(i % width + rnd.nextInt(5) - 2, width)).key();
            }
            nodes.add(task(key, ks));
        }
        return TaskGraph.of(nodes);
    }
}
