package io.jdask.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FuseTest {
    private static final TaskFunction INC = args -> (Long) args[0] + 1;
    private static final TaskFunction DOUBLE = args -> (Long) args[0] * 2;
    private static final TaskFunction ADD = args -> (Long) args[0] + (Long) args[1];
    private static final TaskFunction LENGTH = args -> (long) ((long[]) args[0]).length;

    private static Key k(String name) {
        return Key.of(name);
    }

    @Test
    void aLinearChainBecomesOneTaskKeyedByItsLastKey() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(k("x"), 10L),
                new Literal(k("y"), 20L),
                new Task(k("a"), ADD, Arg.ref(k("x")), Arg.ref(k("y"))),
                new Task(k("b"), INC, Arg.ref(k("a"))),
                new Task(k("c"), DOUBLE, Arg.ref(k("b"))),
                new Task(Key.of("inc-0123456789abcdef", 3), INC, Arg.ref(k("c"))),
                new Task(k("other"), ADD, Arg.ref(k("x")), Arg.ref(k("y")))));
        Key d = Key.of("inc-0123456789abcdef", 3);

        TaskGraph fused = Fuse.fuse(g, List.of(d, k("other")));

        assertThat(fused.nodes().keySet()).containsExactly(k("x"), k("y"), d, k("other"));
        Node top = fused.get(d);
        assertThat(top.key().prefix()).isEqualTo("inc");
        assertThat(top.dependencies()).containsExactly(k("x"), k("y"));
        assertThat(Fuse.fusedKeys(top)).containsExactly(k("a"), k("b"), k("c"), d);
        assertThat(Evaluator.evaluate(fused, List.of(d))).containsExactly(((10L + 20L) + 1) * 2 + 1);
    }

    @Test
    void aDiamondDoesNotFuse() {
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("a"), INC, Arg.value(1L)),
                new Task(k("b"), INC, Arg.ref(k("a"))),
                new Task(k("c"), DOUBLE, Arg.ref(k("a"))),
                new Task(k("d"), ADD, Arg.ref(k("b")), Arg.ref(k("c")))));
        assertThat(Fuse.fuse(g, List.of(k("d")))).isSameAs(g);
    }

    @Test
    void aTaskWithASecondDependencyIsNotFusedWithEither() {
        // c needs a and b: fusing a (or b) into c would make c wait for both before starting either
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("a"), INC, Arg.value(1L)),
                new Task(k("b"), INC, Arg.value(2L)),
                new Task(k("c"), ADD, Arg.ref(k("a")), Arg.ref(k("b")))));
        assertThat(Fuse.fuse(g, List.of(k("c")))).isSameAs(g);
    }

    @Test
    void anOutputInTheMiddleOfAChainIsNeverFusedAway() {
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("a"), INC, Arg.value(1L)),
                new Task(k("b"), INC, Arg.ref(k("a"))),
                new Task(k("c"), INC, Arg.ref(k("b"))),
                new Task(k("d"), INC, Arg.ref(k("c")))));
        List<Key> outputs = List.of(k("b"), k("d"));

        TaskGraph fused = Fuse.fuse(g, outputs);

        assertThat(fused.nodes().keySet()).containsExactly(k("b"), k("d"));
        assertThat(Fuse.fusedKeys(fused.get(k("b")))).containsExactly(k("a"), k("b"));
        assertThat(Fuse.fusedKeys(fused.get(k("d")))).containsExactly(k("c"), k("d"));
        assertThat(Evaluator.evaluate(fused, outputs)).containsExactly(3L, 5L);
    }

    @Test
    void aChainStartingWithABigLiteralCarriesItsValueAsAConstant() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(k("block"), new long[7]),
                new Task(k("len"), LENGTH, Arg.ref(k("block"))),
                new Task(k("inc"), INC, Arg.ref(k("len")))));

        TaskGraph fused = Fuse.fuse(g, List.of(k("inc")));

        assertThat(fused.nodes().keySet()).containsExactly(k("inc"));
        assertThat(fused.get(k("inc")).dependencies()).isEmpty();
        assertThat(Evaluator.evaluate(fused, List.of(k("inc")))).containsExactly(8L);
    }

    @Test
    void aLiteralHoldingAFutureStaysANodeSoItsSchedulerResolvesItByKey() {
        java.util.concurrent.Future<Long> held = java.util.concurrent.CompletableFuture.completedFuture(5L);
        TaskGraph g = TaskGraph.of(List.of(new Literal(k("held"), held), new Task(k("t"), INC, Arg.ref(k("held"))),
                new Task(k("u"), DOUBLE, Arg.ref(k("t")))));

        TaskGraph fused = Fuse.fuse(g, List.of(k("u")));

        assertThat(fused.get(k("held"))).isEqualTo(new Literal(k("held"), held));
        assertThat(fused.get(k("u")).dependencies()).containsExactly(k("held"));
        assertThat(Fuse.fusedKeys(fused.get(k("u")))).containsExactly(k("t"), k("u"));
    }

    @Test
    void aLiteralFollowedOnlyByAliasesCollapsesToALiteral() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(k("v"), 42L), new Alias(k("a"), k("v")), new Alias(k("b"), k("a"))));
        TaskGraph fused = Fuse.fuse(g, List.of(k("b")));
        assertThat(fused.nodes().values()).containsExactly(new Literal(k("b"), 42L));
    }

    @Test
    void aLiteralAndOneTaskBecomeThatTaskWithTheValueInlined() {
        TaskGraph g = TaskGraph.of(List.of(new Literal(k("v"), 41L), new Task(k("t"), INC, Arg.ref(k("v")))));
        TaskGraph fused = Fuse.fuse(g, List.of(k("t")));
        Task t = (Task) fused.get(k("t"));
        assertThat(fused.size()).isEqualTo(1);
        assertThat(t.function()).isSameAs(INC);
        assertThat(t.args()).containsExactly(Arg.value(41L));
    }

    @Test
    void aliasesInsideAChainOnlyForwardTheirValue() {
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("x"), INC, Arg.value(0L)),
                new Task(k("y"), INC, Arg.value(0L)),
                new Task(k("z"), ADD, Arg.ref(k("x")), Arg.ref(k("y"))),
                new Alias(k("hop"), k("x")), // x now has two dependents: z and hop
                new Task(k("a"), DOUBLE, Arg.ref(k("hop"))),
                new Alias(k("b"), k("a")),
                new Task(k("c"), INC, Arg.ref(k("b"))),
                new Alias(k("out"), k("c"))));
        List<Key> outputs = List.of(k("out"), k("z"));

        TaskGraph fused = Fuse.fuse(g, outputs);

        assertThat(fused.nodes().keySet()).containsExactly(k("x"), k("y"), k("z"), k("out"));
        assertThat(fused.get(k("out")).dependencies()).containsExactly(k("x"));
        assertThat(Fuse.fusedKeys(fused.get(k("out")))).containsExactly(k("a"), k("c"), k("out"));
        assertThat(Evaluator.evaluate(fused, outputs)).isEqualTo(Evaluator.evaluate(g, outputs));
    }

    @Test
    void aChainOfAliasesOverATaskCollapsesToOneAlias() {
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("t"), INC, Arg.value(0L)),
                new Task(k("u"), INC, Arg.ref(k("t"))),
                new Alias(k("a"), k("t")),
                new Alias(k("b"), k("a"))));
        TaskGraph fused = Fuse.fuse(g, List.of(k("u"), k("b")));
        assertThat(fused.get(k("b"))).isEqualTo(new Alias(k("b"), k("t")));
        assertThat(fused.size()).isEqualTo(3);
    }

    @Test
    void aHundredThousandLongChainFusesRunsAndSerializesWithoutDeepRecursion() throws Exception {
        int n = 100_000;
        List<Node> nodes = new ArrayList<>(n);
        nodes.add(new Task(Key.of("inc", 0), INC, Arg.value(0L)));
        for (int i = 1; i < n; i++) {
            nodes.add(new Task(Key.of("inc", i), INC, Arg.ref(Key.of("inc", i - 1))));
        }
        Key last = Key.of("inc", n - 1);

        TaskGraph fused = Fuse.fuse(TaskGraph.of(nodes), List.of(last));

        assertThat(fused.size()).isEqualTo(1);
        assertThat(Fuse.fusedKeys(fused.get(last))).hasSize(n);
        assertThat(Evaluator.evaluate(fused, List.of(last))).containsExactly((long) n);
        TaskGraph copy = roundTrip(fused);
        assertThat(Evaluator.evaluate(copy, List.of(last))).containsExactly((long) n);
    }

    @Test
    void aFailingStepKeepsItsExceptionAndSaysWhichStepFailed() {
        TaskFunction boom = args -> {
            throw new ArithmeticException("boom");
        };
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("a"), INC, Arg.value(0L)),
                new Task(k("b"), boom, Arg.ref(k("a"))),
                new Task(k("c"), INC, Arg.ref(k("b")))));
        Task c = (Task) Fuse.fuse(g, List.of(k("c"))).get(k("c"));

        assertThatThrownBy(() -> c.run(key -> null))
                .isInstanceOf(ArithmeticException.class)
                .hasMessage("boom")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .isInstanceOfSatisfying(FusedFunction.FusedStepFailure.class,
                                f -> assertThat(f.step()).isEqualTo(k("b"))));
    }

    @Test
    void aFusedTaskWithManyInputsFindsEachOne() {
        List<Node> nodes = new ArrayList<>();
        List<Arg> refs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            nodes.add(new Task(Key.of("part", i), INC, Arg.value((long) i)));
            refs.add(Arg.ref(Key.of("part", i)));
        }
        nodes.add(new Task(k("sum"), RandomDags.combiner(3), refs));
        nodes.add(new Task(k("inc"), INC, Arg.ref(k("sum"))));
        TaskGraph g = TaskGraph.of(nodes);

        TaskGraph fused = Fuse.fuse(g, List.of(k("inc")));

        assertThat(fused.get(k("inc")).dependencies()).hasSize(20);
        assertThat(Evaluator.evaluate(fused, List.of(k("inc")))).isEqualTo(Evaluator.evaluate(g, List.of(k("inc"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void preservesResultsOnRandomGraphsAndLeavesNothingToFuse(int seedBlock) throws Exception {
        for (int seed = seedBlock * 10_000; seed < seedBlock * 10_000 + 30; seed++) {
            RandomDags.Sample s = RandomDags.generate(seed, 30 + seed % 170);
            TaskGraph fused = Fuse.fuse(s.graph(), s.outputs());
            List<Long> expected = RandomDags.results(s.graph(), s.outputs());

            assertThat(RandomDags.results(fused, s.outputs())).as("seed %d", seed).isEqualTo(expected);
            assertThat(RandomDags.results(roundTrip(fused), s.outputs())).as("seed %d", seed).isEqualTo(expected);
            assertThat(fused.nodes().keySet()).as("seed %d", seed).containsAll(s.outputs());
            assertThat(Set.copyOf(s.graph().nodes().keySet())).containsAll(fused.nodes().keySet());
            assertThat(Fuse.fuse(fused, s.outputs())).as("seed %d: fusing twice", seed).isSameAs(fused);
        }
    }

    private static TaskGraph roundTrip(TaskGraph g) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(g.nodes().values()));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            @SuppressWarnings("unchecked")
            List<Node> nodes = (List<Node>) in.readObject();
            return TaskGraph.of(nodes);
        }
    }
}
