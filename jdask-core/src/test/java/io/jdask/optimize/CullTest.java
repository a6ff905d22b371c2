package io.jdask.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Arg;
import io.jdask.graph.GraphException;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CullTest {
    private static final TaskFunction ADD = args -> (Long) args[0] + (Long) args[1];
    private static final TaskFunction INC = args -> (Long) args[0] + 1;

    private static Key k(String name) {
        return Key.of(name);
    }

    @Test
    void keepsExactlyWhatTheOutputsNeed() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(k("a"), 1L),
                new Literal(k("b"), 2L),
                new Literal(k("unused"), 3L),
                new Task(k("c"), ADD, Arg.ref(k("a")), Arg.ref(k("b"))),
                new Task(k("d"), INC, Arg.ref(k("c"))),
                new Task(k("other"), INC, Arg.ref(k("unused")))));

        TaskGraph culled = Cull.cull(g, List.of(k("c")));

        assertThat(culled.nodes().keySet()).containsExactly(k("a"), k("b"), k("c"));
        assertThat(Evaluator.evaluate(culled, List.of(k("c")))).containsExactly(3L);
    }

    @Test
    void returnsTheSameGraphWhenEverythingIsNeeded() {
        TaskGraph g = TaskGraph.of(List.of(new Literal(k("a"), 1L), new Task(k("b"), INC, Arg.ref(k("a")))));
        assertThat(Cull.cull(g, List.of(k("b")))).isSameAs(g);
    }

    @Test
    void anOutputNobodyDependsOnIsKept() {
        TaskGraph g = TaskGraph.of(List.of(new Literal(k("a"), 1L), new Task(k("b"), INC, Arg.ref(k("a")))));
        assertThat(Cull.cull(g, List.of(k("a"))).nodes().keySet()).containsExactly(k("a"));
    }

    @Test
    void missingOutputIsReportedByKey() {
        TaskGraph g = TaskGraph.of(List.of(new Literal(k("a"), 1L)));
        assertThatThrownBy(() -> Cull.cull(g, List.of(k("nope"))))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void keepsTheTaskThatRefersToAMissingDependencySoValidationReportsIt() {
        TaskGraph g = TaskGraph.of(List.of(new Task(k("b"), INC, Arg.ref(k("ghost")))));
        TaskGraph culled = Cull.cull(g, List.of(k("b")));
        assertThat(culled.contains(k("b"))).isTrue();
        assertThatThrownBy(() -> culled.validate(List.of(k("b")))).hasMessageContaining("ghost");
    }

    @Test
    void deepChainCullsWithoutRecursion() {
        int n = 100_000;
        List<Node> nodes = new ArrayList<>(n + 1);
        nodes.add(new Literal(Key.of("x", 0), 0L));
        for (int i = 1; i < n; i++) {
            nodes.add(new Task(Key.of("x", i), INC, Arg.ref(Key.of("x", i - 1))));
        }
        nodes.add(new Literal(k("dead"), 0L));
        TaskGraph culled = Cull.cull(TaskGraph.of(nodes), List.of(Key.of("x", n - 1)));
        assertThat(culled.size()).isEqualTo(n);
        assertThat(culled.contains(k("dead"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void matchesAnIndependentReachabilityOnRandomGraphs(int seedBlock) {
        for (int seed = seedBlock * 100; seed < seedBlock * 100 + 30; seed++) {
            RandomDags.Sample s = RandomDags.generate(seed, 40 + seed % 150);
            TaskGraph culled = Cull.cull(s.graph(), s.outputs());

            assertThat(culled.nodes().keySet()).as("seed %d", seed).isEqualTo(reachableByFixpoint(s));
            assertThat(RandomDags.results(culled, s.outputs()))
                    .as("seed %d", seed)
                    .isEqualTo(RandomDags.results(s.graph(), s.outputs()));
        }
    }

    /**
     * A second way to find what is needed: random graphs list dependencies before dependents, so
     * walking backwards, a node is needed when it is an output or a needed node refers to it.
     */
    private static Set<Key> reachableByFixpoint(RandomDags.Sample s) {
        List<Node> nodes = new ArrayList<>(s.graph().nodes().values());
        Set<Key> needed = new HashSet<>(s.outputs());
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (needed.contains(n.key())) {
                needed.addAll(n.dependencies());
            }
        }
        return needed;
    }
}
