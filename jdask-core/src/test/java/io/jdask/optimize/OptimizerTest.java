package io.jdask.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdask.config.Config;
import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@SuppressWarnings("try") // config scopes are opened only to be closed
class OptimizerTest {
    private static final TaskFunction INC = args -> (Long) args[0] + 1;
    private static final TaskFunction ADD = args -> (Long) args[0] + (Long) args[1];

    private static Key k(String name) {
        return Key.of(name);
    }

    /** one -> a -> b -> alias -> c (the output), plus a branch nobody asked for. */
    private static TaskGraph sample() {
        return TaskGraph.of(List.of(
                new Literal(k("one"), 1L),
                new Literal(k("block"), new long[] {5}),
                new Task(k("a"), INC, Arg.ref(k("one"))),
                new Task(k("b"), ADD, Arg.ref(k("a")), Arg.ref(k("one"))),
                new Alias(k("alias"), k("b")),
                new Task(k("c"), INC, Arg.ref(k("alias"))),
                new Task(k("unused"), INC, Arg.ref(k("block")))));
    }

    @Test
    void cullsInlinesAndFusesByDefault() {
        TaskGraph optimized = Optimizer.optimize(sample(), List.of(k("c")));

        assertThat(optimized.nodes().keySet()).containsExactly(k("c"));
        assertThat(Fuse.fusedKeys(optimized.get(k("c")))).containsExactly(k("a"), k("b"), k("c"));
        assertThat(Evaluator.evaluate(optimized, List.of(k("c")))).containsExactly(4L);
    }

    @Test
    void inlineCanBeSwitchedOff() {
        try (Config.Scope s = Config.set(Optimizer.INLINE_ACTIVE, false)) {
            TaskGraph optimized = Optimizer.optimize(sample(), List.of(k("c")));
            // "one" is used twice, so nothing fuses with it; without inlining the alias stays in
            // the chain b -> alias -> c, which fuses into c
            assertThat(optimized.nodes().keySet()).containsExactly(k("one"), k("a"), k("c"));
            assertThat(Evaluator.evaluate(optimized, List.of(k("c")))).containsExactly(4L);
        }
    }

    @Test
    void fuseCanBeSwitchedOff() {
        try (Config.Scope s = Config.set(Optimizer.FUSE_ACTIVE, "false")) {
            TaskGraph optimized = Optimizer.optimize(sample(), List.of(k("c")));
            assertThat(optimized.nodes().keySet()).containsExactly(k("a"), k("b"), k("c"));
            assertThat(optimized.get(k("c")).dependencies()).containsExactly(k("b"));
        }
    }

    @ParameterizedTest
    @CsvSource({"true,true", "true,false", "false,true", "false,false"})
    void preservesResultsOnRandomGraphsWhateverIsSwitchedOn(boolean inline, boolean fuse) {
        try (Config.Scope a = Config.set(Optimizer.INLINE_ACTIVE, inline);
                Config.Scope b = Config.set(Optimizer.FUSE_ACTIVE, fuse)) {
            for (int seed = 0; seed < 150; seed++) {
                RandomDags.Sample s = RandomDags.generate(seed * 7919L, 20 + seed % 200);
                TaskGraph optimized = Optimizer.optimize(s.graph(), s.outputs());

                assertThat(RandomDags.results(optimized, s.outputs()))
                        .as("seed %d", seed)
                        .isEqualTo(RandomDags.results(s.graph(), s.outputs()));
                assertThat(optimized.size()).isLessThanOrEqualTo(s.graph().size());
            }
        }
    }
}
