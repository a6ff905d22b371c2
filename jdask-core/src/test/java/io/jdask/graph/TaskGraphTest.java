package io.jdask.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskGraphTest {
    private static final TaskFunction SUM = a -> {
        long s = 0;
        for (Object o : a) {
            if (o instanceof List<?> l) {
                for (Object x : l) {
                    s += (Long) x;
                }
            } else {
                s += (Long) o;
            }
        }
        return s;
    };

    @Test
    void missingDependencyIsReportedWithBothKeys() {
        TaskGraph g = TaskGraph.of(List.of(new Task(Key.of("a"), SUM, Arg.ref(Key.of("ghost")))));
        assertThatThrownBy(() -> g.validate(List.of(Key.of("a"))))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("task a depends on ghost, which is not in the graph")
                .satisfies(e -> assertThat(((GraphException) e).keys()).containsExactly(Key.of("a"), Key.of("ghost")));
    }

    @Test
    void missingOutputIsReported() {
        TaskGraph g = TaskGraph.of(List.of(new Literal(Key.of("a"), 1L)));
        assertThatThrownBy(() -> g.validate(List.of(Key.of("b"))))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("requested key b");
    }

    @Test
    void cycleIsReportedByItsKeys() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(Key.of("root"), 1L),
                new Task(Key.of("a"), SUM, Arg.ref(Key.of("c")), Arg.ref(Key.of("root"))),
                new Task(Key.of("b"), SUM, Arg.ref(Key.of("a"))),
                new Task(Key.of("c"), SUM, Arg.ref(Key.of("b")))));
        assertThatThrownBy(() -> g.validate(List.of(Key.of("c"))))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("cycle")
                .satisfies(e -> assertThat(((GraphException) e).keys())
                        .containsExactlyInAnyOrder(Key.of("a"), Key.of("b"), Key.of("c")))
                .satisfies(e -> {
                    // each key in the message depends on the next
                    String m = e.getMessage();
                    assertThat(m).containsAnyOf("a -> c -> b -> a", "c -> b -> a -> c", "b -> a -> c -> b");
                });
        TaskGraph self = TaskGraph.of(List.of(new Task(Key.of("s"), SUM, Arg.ref(Key.of("s")))));
        assertThatThrownBy(() -> self.validate(List.of(Key.of("s")))).hasMessageContaining("s -> s");
    }

    @Test
    void duplicateKeysWithDifferentNodesAreRefused() {
        assertThatThrownBy(() -> TaskGraph.of(List.of(new Literal(Key.of("a"), 1L), new Literal(Key.of("a"), 2L))))
                .isInstanceOf(GraphException.class)
                .hasMessageContaining("a");
    }

    @Test
    void indexListsDependenciesAndDependents() {
        TaskGraph g = TaskGraph.of(List.of(
                new Literal(Key.of("x"), 1L),
                new Task(Key.of("y"), SUM, Arg.ref(Key.of("x")), Arg.many(List.of(Arg.ref(Key.of("x")), Arg.value(2L)))),
                new Task(Key.of("z"), SUM, Arg.ref(Key.of("x")), Arg.ref(Key.of("y")))));
        IndexedGraph idx = g.index();
        assertThat(idx.dependencies(idx.id(Key.of("y")))).containsExactly(idx.id(Key.of("x")));
        assertThat(idx.dependents(idx.id(Key.of("x")))).containsExactlyInAnyOrder(idx.id(Key.of("y")), idx.id(Key.of("z")));
        assertThat(idx.id(Key.of("nope"))).isEqualTo(-1);
        assertThat(g.validate(List.of(Key.of("z")))).isSameAs(g);
    }

    @Test
    void layeredGraphsShareLayersAndMaterializeInLinearTime() {
        // a 100,000-long chain of one-node layers: materialising must neither recurse nor copy per layer
        Graph g = Graph.of(new Literal(Key.of("c", 0), 0L), List.of());
        for (int i = 1; i < 100_000; i++) {
            g = Graph.of(new Task(Key.of("c", i), SUM, Arg.ref(Key.of("c", i - 1))), List.of(g));
        }
        TaskGraph flat = g.materialize();
        assertThat(flat.size()).isEqualTo(100_000);
        // dependencies come before dependents in the materialised order
        List<Key> order = new ArrayList<>(flat.nodes().keySet());
        assertThat(order.get(0)).isEqualTo(Key.of("c", 0));
        assertThat(order.get(99_999)).isEqualTo(Key.of("c", 99_999));
        Graph shared = Graph.of(new Literal(Key.of("s"), 1L), List.of());
        Graph a = Graph.of(new Task(Key.of("a"), SUM, Arg.ref(Key.of("s"))), List.of(shared));
        Graph b = Graph.of(new Task(Key.of("b"), SUM, Arg.ref(Key.of("s"))), List.of(shared));
        assertThat(Graph.merge(List.of(a, b)).materialize().nodes().keySet())
                .containsExactly(Key.of("s"), Key.of("a"), Key.of("b"));
    }

    @Test
    void argsResolveAndRewrite() throws Exception {
        Task t = new Task(Key.of("t"), SUM, Arg.ref(Key.of("a")), Arg.many(List.of(Arg.ref(Key.of("b")), Arg.value(5L))));
        assertThat(t.dependencies()).containsExactly(Key.of("a"), Key.of("b"));
        Task r = t.rewriteArgs(k -> k.equals(Key.of("b")) ? Arg.value(10L) : null);
        assertThat(r.dependencies()).containsExactly(Key.of("a"));
        assertThat(r.run(k -> 1L)).isEqualTo(16L);
        assertThat(t.run(k -> k.equals(Key.of("a")) ? 1L : 2L)).isEqualTo(8L);
        assertThat(t.rewriteArgs(k -> null)).isSameAs(t);
    }
}
