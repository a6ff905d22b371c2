package io.jdask.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.GraphException;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class InlineTest {
    private static final TaskFunction SUM = args -> {
        long s = 0;
        for (Object a : args) {
            s += RandomDags.asLong(a);
        }
        return s;
    };

    private static Key k(String name) {
        return Key.of(name);
    }

    @Test
    void referencesToAliasChainsPointAtTheFinalTargetAndTheAliasesGo() {
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("t"), SUM, Arg.value(5L)),
                new Alias(k("a1"), k("t")),
                new Alias(k("a2"), k("a1")),
                new Task(k("u"), SUM, Arg.ref(k("a2")), Arg.many(List.of(Arg.ref(k("a1")))))));

        TaskGraph inlined = Inline.inline(g, List.of(k("u")));

        assertThat(inlined.nodes().keySet()).containsExactly(k("t"), k("u"));
        assertThat(inlined.get(k("u")).dependencies()).containsExactly(k("t"));
        assertThat(Evaluator.evaluate(inlined, List.of(k("u")))).isEqualTo(Evaluator.evaluate(g, List.of(k("u"))));
    }

    @Test
    void anOutputAliasStaysButPointsAtItsFinalTarget() {
        TaskGraph g = TaskGraph.of(List.of(
                new Task(k("t"), SUM, Arg.value(5L)),
                new Alias(k("a1"), k("t")),
                new Alias(k("out"), k("a1"))));

        TaskGraph inlined = Inline.inline(g, List.of(k("out")));

        assertThat(inlined.nodes().keySet()).containsExactly(k("t"), k("out"));
        assertThat(inlined.get(k("out"))).isEqualTo(new Alias(k("out"), k("t")));
    }

    @Test
    void anOutputAliasOfACheapLiteralBecomesThatLiteral() {
        TaskGraph g = TaskGraph.of(List.of(new Literal(k("c"), 3L), new Alias(k("out"), k("c"))));
        TaskGraph inlined = Inline.inline(g, List.of(k("out")));
        assertThat(inlined.nodes()).containsExactly(Map.entry(k("out"), new Literal(k("out"), 3L)));
    }

    @Test
    void cheapLiteralsBecomeValuesAndDisappearUnlessTheyAreOutputs() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(k("two"), 2L),
                new Literal(k("name"), "abc"),
                new Literal(k("none"), null),
                new Literal(k("kept"), 4L),
                new Task(k("t"), SUM,
                        Arg.ref(k("two")), Arg.ref(k("name")), Arg.ref(k("none")), Arg.ref(k("kept")),
                        Arg.many(List.of(Arg.ref(k("two")))))));

        TaskGraph inlined = Inline.inline(g, List.of(k("t"), k("kept")));

        assertThat(inlined.nodes().keySet()).containsExactly(k("kept"), k("t"));
        Task t = (Task) inlined.get(k("t"));
        assertThat(t.dependencies()).isEmpty();
        assertThat(t.args()).containsExactly(
                Arg.value(2L), Arg.value("abc"), Arg.value(null), Arg.value(4L), Arg.many(List.of(Arg.value(2L))));
        assertThat(Evaluator.evaluate(inlined, List.of(k("t"), k("kept"))))
                .isEqualTo(Evaluator.evaluate(g, List.of(k("t"), k("kept"))));
    }

    @Test
    void bigLiteralsStayNodesSoTheyAreShared() {
        long[] block = new long[1000];
        List<Long> longList = Collections.nCopies(Inline.MAX_CHEAP_LIST_SIZE + 1, 1L);
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(k("block"), block),
                new Literal(k("list"), longList),
                new Task(k("t1"), SUM, Arg.ref(k("block")), Arg.ref(k("list"))),
                new Task(k("t2"), SUM, Arg.ref(k("block")))));

        TaskGraph inlined = Inline.inline(g, List.of(k("t1"), k("t2")));

        assertThat(inlined).isSameAs(g);
        assertThat(inlined.get(k("block"))).isInstanceOf(Literal.class);
        assertThat(inlined.get(k("t2")).dependencies()).containsExactly(k("block"));
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of(null, true),
                Arguments.of(1, true),
                Arguments.of(1L, true),
                Arguments.of(1.5, true),
                Arguments.of(1.5f, true),
                Arguments.of((short) 1, true),
                Arguments.of((byte) 1, true),
                Arguments.of('c', true),
                Arguments.of(true, true),
                Arguments.of("short", true),
                Arguments.of("x".repeat(Inline.MAX_CHEAP_STRING_LENGTH), true),
                Arguments.of("x".repeat(Inline.MAX_CHEAP_STRING_LENGTH + 1), false),
                Arguments.of(DayOfWeek.MONDAY, true),
                Arguments.of(Key.of("k", 1), true),
                Arguments.of(List.of(1L, "a", DayOfWeek.MONDAY), true),
                Arguments.of(Collections.nCopies(Inline.MAX_CHEAP_LIST_SIZE, 1), true),
                Arguments.of(Collections.nCopies(Inline.MAX_CHEAP_LIST_SIZE + 1, 1), false),
                Arguments.of(List.of(List.of(1L)), false),
                Arguments.of(List.of(new long[1]), false),
                Arguments.of(new long[1], false),
                Arguments.of(new Object(), false),
                Arguments.of(new BigDecimal("1.5"), false),
                Arguments.of(Map.of(1, 2), false));
    }

    @ParameterizedTest
    @MethodSource("values")
    void cheapValuesAreSmallImmutableScalarsAndShortListsOfThem(Object value, boolean cheap) {
        assertThat(Inline.isCheap(value)).isEqualTo(cheap);
    }

    @Test
    void aliasCycleIsReportedWithItsKeys() {
        TaskGraph g = TaskGraph.of(List.of(
                new Alias(k("a"), k("b")), new Alias(k("b"), k("c")), new Alias(k("c"), k("a")),
                new Task(k("t"), SUM, Arg.ref(k("a")))));
        assertThatThrownBy(() -> Inline.inline(g, List.of(k("t"))))
                .isInstanceOf(GraphException.class)
                .satisfies(e -> assertThat(((GraphException) e).keys()).containsExactlyInAnyOrder(k("a"), k("b"), k("c")));
    }

    @Test
    void anAliasToAMissingKeyStaysVisibleToValidation() {
        TaskGraph g = TaskGraph.of(List.of(new Alias(k("a"), k("ghost")), new Task(k("t"), SUM, Arg.ref(k("a")))));
        TaskGraph inlined = Inline.inline(g, List.of(k("t")));
        assertThat(inlined.get(k("t")).dependencies()).containsExactly(k("ghost"));
        assertThatThrownBy(() -> inlined.validate(List.of(k("t")))).hasMessageContaining("ghost");
    }

    @Test
    void longAliasChainsResolveWithoutRecursion() {
        int n = 100_000;
        List<Node> nodes = new ArrayList<>();
        nodes.add(new Task(Key.of("a", 0), SUM, Arg.value(1L)));
        for (int i = 1; i < n; i++) {
            nodes.add(new Alias(Key.of("a", i), Key.of("a", i - 1)));
        }
        nodes.add(new Task(k("t"), SUM, Arg.ref(Key.of("a", n - 1))));
        TaskGraph inlined = Inline.inline(TaskGraph.of(nodes), List.of(k("t")));
        assertThat(inlined.size()).isEqualTo(2);
        assertThat(inlined.get(k("t")).dependencies()).containsExactly(Key.of("a", 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void preservesResultsAndOutputsOnRandomGraphs(int seedBlock) {
        for (int seed = seedBlock * 1000; seed < seedBlock * 1000 + 30; seed++) {
            RandomDags.Sample s = RandomDags.generate(seed, 30 + seed % 170);
            TaskGraph inlined = Inline.inline(s.graph(), s.outputs());

            assertThat(RandomDags.results(inlined, s.outputs()))
                    .as("seed %d", seed)
                    .isEqualTo(RandomDags.results(s.graph(), s.outputs()));
            for (Node n : inlined.nodes().values()) {
                boolean output = s.outputs().contains(n.key());
                if (!output) {
                    assertThat(n).as("seed %d", seed).isNotInstanceOf(Alias.class);
                    assertThat(n instanceof Literal l && Inline.isCheap(l.value())).as("seed %d %s", seed, n).isFalse();
                }
            }
        }
    }
}
