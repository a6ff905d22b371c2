package io.jdask.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.Delayed;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphFilesTest {

    @Test
    void dotHasOneNodePerKeyAndAnArrowFromEachInputToItsTask() {
        Delayed<Integer> a = Delayed.value(1, "a");
        Delayed<Integer> b = Delayed.withKey("inc-3f2a9c0142aa").call(x -> x + 1, a);
        Delayed<Integer> c = Delayed.withKey("mul-9e51aa03b2c4").call((x, y) -> x * y, a, b);

        String dot = GraphFiles.toDot(List.of(c));

        assertThat(dot).isEqualTo("""
                digraph jdask {
                  graph [rankdir=BT];
                  node [fontname="Helvetica", fontsize=11];
                  "a" [label="1", shape=box, tooltip="a"];
                  "inc-3f2a9c0142aa" [label="inc", shape=ellipse, tooltip="inc-3f2a9c0142aa"];
                  "mul-9e51aa03b2c4" [label="mul", shape=ellipse, tooltip="mul-9e51aa03b2c4"];
                  "a" -> "inc-3f2a9c0142aa";
                  "a" -> "mul-9e51aa03b2c4";
                  "inc-3f2a9c0142aa" -> "mul-9e51aa03b2c4";
                }
                """);
    }

    @Test
    void quotesAndShortensLabels() {
        Delayed<String> text = Delayed.value("say \"hi\" to a very long string indeed", "t\"k");

        String dot = GraphFiles.toDot(List.of(text));

        assertThat(dot).contains("\"t\\\"k\" [label=\"say \\\"hi\\\" to a very lo...\", shape=box");
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
