package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import io.jdask.graph.TaskFunction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphFilesTest {
    private static final TaskFunction SUM = args -> (Integer) args[0] + (Integer) args[1];

    @Test
    void dotHasOneNodePerKeyAndAnArrowFromEachInputToItsTask() {
        Key a = Key.of("a");
        Key inc = Key.of("inc-3f2a9c0142aa");
        Key mul = Key.of("mul-9e51aa03b2c4");
        Key out = Key.of("out");
        TaskGraph graph = TaskGraph.of(List.of(
                new Literal(a, 1),
                new Task(inc, SUM, Arg.ref(a), Arg.value(1)),
                new Task(mul, SUM, Arg.ref(a), Arg.ref(inc)),
                new Alias(out, mul)));

        assertThat(GraphFiles.toDot(graph)).isEqualTo("""
                digraph jdask {
                  graph [rankdir=BT];
                  node [fontname="Helvetica", fontsize=11];
                  "a" [label="1", shape=box, tooltip="a"];
                  "inc-3f2a9c0142aa" [label="inc(·, 1)", shape=ellipse, tooltip="inc-3f2a9c0142aa"];
                  "mul-9e51aa03b2c4" [label="mul", shape=ellipse, tooltip="mul-9e51aa03b2c4"];
                  "out" [label="out", shape=cds, tooltip="out"];
                  "a" -> "inc-3f2a9c0142aa";
                  "a" -> "mul-9e51aa03b2c4";
                  "inc-3f2a9c0142aa" -> "mul-9e51aa03b2c4";
                  "mul-9e51aa03b2c4" -> "out";
                }
                """);
    }

    @Test
    void quotesAndShortensLabelsAndShowsListArguments() {
        Key text = Key.of("t\"k");
        Key join = Key.of("join-0123456789abcdef");
        TaskGraph graph = TaskGraph.of(List.of(
                new Literal(text, "say \"hi\" to a very long string indeed"),
                new Task(join, SUM, Arg.many(List.of(Arg.ref(text), Arg.value("x"))), Arg.value(2))));

        String dot = GraphFiles.toDot(graph);

        assertThat(dot)
                .contains("\"t\\\"k\" [label=\"say \\\"hi\\\" to a very lo...\", shape=box")
                .contains("\"join-0123456789abcdef\" [label=\"join([·, x], 2)\"")
                .contains("\"t\\\"k\" -> \"join-0123456789abcdef\";");
    }

    @Test
    void drawsTheMergedGraphOfDelayedValues() {
        Delayed<Integer> one = Delayed.value(1);
        Delayed<Integer> b = Delayed.named("inc").call(x -> x + 1, one);
        Delayed<Integer> c = Delayed.named("mul").call((x, y) -> x * y, b, b);

        String dot = GraphFiles.toDot(List.of(b, c));

        assertThat(dot).contains("\"" + b.key() + "\" [label=\"inc", "\"" + c.key() + "\" [label=\"mul\"");
        assertThat(dot).contains("\"" + b.key() + "\" -> \"" + c.key() + "\";");
    }

    @Test
    void formatComesFromTheExtension() {
        assertThat(GraphFiles.formatOf(Path.of("g.dot"))).isEqualTo("dot");
        assertThat(GraphFiles.formatOf(Path.of("g.GV"))).isEqualTo("dot");
        assertThat(GraphFiles.formatOf(Path.of("dir.x/g.svg"))).isEqualTo("svg");
        assertThat(GraphFiles.formatOf(Path.of("g.png"))).isEqualTo("png");
        assertThatThrownBy(() -> GraphFiles.formatOf(Path.of("graph"))).hasMessageContaining("name it .dot");
    }
}
