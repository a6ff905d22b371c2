package io.jdask.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskFunction;
import io.jdask.graph.TaskGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DotGraphTest {
    private static final TaskFunction F = args -> args.length;

    private static final Key DATA = Key.of("data-0123456789ab");
    private static final Key INC = Key.of("inc-3f2a9c0142aa");
    private static final Key ADD = Key.of("add-aaaaaaaaaaaa", 0, 1);
    private static final Key RESULT = Key.of("result");

    /** data (literal) -> inc -> add(0, 1) <- data; result is an alias of add. */
    private static TaskGraph small() {
        return TaskGraph.of(List.<Node>of(
                new Literal(DATA, 41),
                new Task(INC, F, Arg.ref(DATA)),
                new Task(ADD, F, Arg.ref(INC), Arg.ref(DATA)),
                new Alias(RESULT, ADD)));
    }

    /** n literals, n tasks each on one literal, a tree of partial sums, and a final sum. */
    private static TaskGraph wide(int n) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(new Literal(Key.of("data-0123456789ab", i), i));
            nodes.add(new Task(Key.of("inc-3f2a9c0142aa", i), F, Arg.ref(Key.of("data-0123456789ab", i))));
        }
        for (int i = 0; i < n / 2; i++) {
            nodes.add(new Task(Key.of("sum-partial-bbbbbbbbbbbb", i), F,
                    Arg.ref(Key.of("inc-3f2a9c0142aa", 2 * i)), Arg.ref(Key.of("inc-3f2a9c0142aa", 2 * i + 1))));
        }
        List<Key> partials = new ArrayList<>();
        for (int i = 0; i < n / 4; i++) {
            Key k = Key.of("sum-partial-bbbbbbbbbbbb", n / 2 + i);
            nodes.add(new Task(k, F, Arg.ref(Key.of("sum-partial-bbbbbbbbbbbb", 2 * i)),
                    Arg.ref(Key.of("sum-partial-bbbbbbbbbbbb", 2 * i + 1))));
            partials.add(k);
        }
        nodes.add(new Task(Key.of("sum-aggregate"), F, Arg.refs(partials)));
        return TaskGraph.of(nodes);
    }

    private static List<String> lines(String dot) {
        return dot.lines().map(String::strip).toList();
    }

    @Test
    void drawsTasksAsEllipsesLiteralsAsBoxesAndAliasesDashed() {
        String dot = GraphDot.toDot(small());

        assertThat(dot).startsWith("digraph jdask {\n  graph [rankdir=BT, fontname=\"Helvetica\"];\n").endsWith("}\n");
        assertThat(lines(dot)).contains(
                "n0 [label=\"data-012345...\", tooltip=\"data-0123456789ab\", shape=box, style=filled,"
                        + " fillcolor=\"#8dd3c7\"];",
                "n1 [label=\"inc-3f2a9c...\", tooltip=\"inc-3f2a9c0142aa\", shape=ellipse, style=filled,"
                        + " fillcolor=\"#ffffb3\"];",
                "n2 [label=\"add (0, 1)\", tooltip=\"('add-aaaaaaaaaaaa', 0, 1)\", shape=ellipse, style=filled,"
                        + " fillcolor=\"#bebada\"];",
                "n3 [label=\"result\", tooltip=\"result\", shape=ellipse, style=\"dashed,filled\","
                        + " fillcolor=\"#fb8072\"];");
    }

    @Test
    void edgesGoFromEachDependencyToItsDependent() {
        List<String> edges = lines(GraphDot.toDot(small())).stream().filter(l -> l.contains("->")).toList();

        assertThat(edges).containsExactly("n0 -> n1;", "n1 -> n2;", "n0 -> n2;", "n2 -> n3 [style=dashed];");
    }

    @Test
    void tasksOfOnePrefixShareAColourAndPrefixesDiffer() {
        List<String> lines = lines(GraphDot.toDot(wide(4)));

        assertThat(colours(lines, "label=\"inc (")).hasSize(1);
        assertThat(colours(lines, "label=\"data (")).hasSize(1);
        assertThat(colours(lines, "label=\"inc (")).doesNotContainAnyElementsOf(colours(lines, "label=\"data ("));
    }

    private static List<String> colours(List<String> lines, String labelStart) {
        return lines.stream()
                .filter(l -> l.contains(labelStart))
                .map(l -> l.substring(l.indexOf("fillcolor=")))
                .distinct()
                .toList();
    }

    @Test
    void escapesQuotesBackslashesAndLineBreaksInLabels() {
        Key odd = Key.of("say \"hi\" \\ there\nnow");
        String dot = GraphDot.toDot(TaskGraph.of(List.<Node>of(new Literal(odd, "v"))));

        assertThat(dot).contains("[label=\"say \\\"hi\\\" \\\\ there\\nnow\"");
        assertThat(dot).contains("tooltip=\"say \\\"hi\\\" \\\\ there\\nnow\"");
        assertThat(DotText.quote("a\"b\\c\r\n\td")).isEqualTo("\"a\\\"b\\\\c\\n d\"");
    }

    @Test
    void shortLabelsKeepThePrefixAndIndicesOrTheStartOfTheToken() {
        assertThat(DotText.shortLabel(Key.of("inc-3f2a9c0142aa"))).isEqualTo("inc-3f2a9c...");
        assertThat(DotText.shortLabel(Key.of("add-aaaaaaaaaaaa", 0, 12))).isEqualTo("add (0, 12)");
        assertThat(DotText.shortLabel(Key.of("x-1"))).isEqualTo("x-1");
        assertThat(DotText.shortLabel(Key.of("sum-aggregate"))).isEqualTo("sum-aggregate");
        assertThat(DotText.shortLabel(Key.of("a".repeat(100)))).hasSize(40).endsWith("...");
    }

    @Test
    void dependenciesMissingFromTheGraphAreDrawnDotted() {
        TaskGraph g = TaskGraph.of(List.<Node>of(new Task(INC, F, Arg.ref(Key.of("elsewhere")))));
        List<String> lines = lines(GraphDot.toDot(g));

        assertThat(lines).contains(
                "m0 [label=\"elsewhere\\n(not in graph)\", tooltip=\"elsewhere\", shape=box, style=dotted];",
                "m0 -> n0;");
    }

    @Test
    void bigGraphsCollapseByPrefixWithCounts() {
        TaskGraph g = wide(16); // 16 literals, 16 inc, 8 + 4 partial sums, 1 aggregate = 45 nodes
        List<String> lines = lines(GraphDot.toDot(g, 40));

        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(
                "graph [rankdir=BT, fontname=\"Helvetica\", label=\"45 nodes shown as 4 groups by key prefix"
                        + " (graphs of more than 40 nodes are collapsed)\""));
        assertThat(lines).contains(
                "g0 [label=\"data\\n16 literals\", shape=box, style=filled, peripheries=2, fillcolor=\"#8dd3c7\"];",
                "g1 [label=\"inc\\n16 tasks\", shape=ellipse, style=filled, peripheries=2, fillcolor=\"#ffffb3\"];",
                "g2 [label=\"sum-partial\\n12 tasks\", shape=ellipse, style=filled, peripheries=2,"
                        + " fillcolor=\"#bebada\"];",
                "g3 [label=\"sum-aggregate\\n1 task\", shape=ellipse, style=filled, peripheries=2,"
                        + " fillcolor=\"#fb8072\"];");
        assertThat(lines.stream().filter(l -> l.contains("->"))).containsExactly(
                "g0 -> g1 [label=\"16\", penwidth=2.2];",
                "g1 -> g2 [label=\"16\", penwidth=2.2];",
                "g2 -> g2 [label=\"8\", penwidth=1.9];",
                "g2 -> g3 [label=\"4\", penwidth=1.6];");
        assertThat(lines).noneMatch(l -> l.matches("n\\d+ \\[.*"));
    }

    @Test
    void collapsesAboveTheDefaultLimitOnly() {
        TaskGraph g = wide(16);
        assertThat(GraphDot.toDot(g, g.size())).contains("n0 [");
        assertThat(GraphDot.toDot(g, g.size() - 1)).doesNotContain("n0 [");

        List<Node> many = new ArrayList<>();
        for (int i = 0; i <= GraphDot.DEFAULT_COLLAPSE_ABOVE; i++) {
            many.add(new Literal(Key.of("chunk-0123456789ab", i), i));
        }
        String dot = GraphDot.toDot(TaskGraph.of(many));
        assertThat(dot).contains("label=\"chunk\\n2001 literals\"").doesNotContain("n0 [");
        assertThat(GraphDot.toDot(TaskGraph.of(many.subList(0, GraphDot.DEFAULT_COLLAPSE_ABOVE))))
                .contains("n1999 [");
    }

    @Test
    void writesDotText(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("graph.dot");
        GraphDot.write(small(), file);

        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(GraphDot.toDot(small()));
    }

    @Test
    void refusesFileNamesItCannotDraw(@TempDir Path dir) {
        assertThatThrownBy(() -> GraphDot.write(small(), dir.resolve("graph.jpeg")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".dot, .gv, .svg, .png or .pdf");
        assertThat(GraphDot.format(Path.of("G.SVG"))).isEqualTo("svg");
    }

    @Test
    void saysHowToInstallGraphvizWhenDotIsMissing(@TempDir Path dir) {
        assertThat(Graphviz.findDot(dir.toString())).isEmpty();
        assertThatThrownBy(() -> Graphviz.render(GraphDot.toDot(small()), "svg", dir.resolve("g.svg"),
                        dir.toString()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("'dot'")
                .hasMessageContaining("apt-get install graphviz");
        assertThat(dir.resolve("g.svg")).doesNotExist();
    }

    @Test
    void drawsSvgAndPngWithGraphvizWhenItIsInstalled(@TempDir Path dir) throws IOException {
        assumeThat(Graphviz.findDot(System.getenv("PATH"))).as("Graphviz's dot on the PATH").isPresent();
        List<Node> nodes = new ArrayList<>(small().nodes().values());
        nodes.add(new Literal(Key.of("say \"hi\" \\ there"), 1));
        TaskGraph g = TaskGraph.of(nodes);

        Path svg = dir.resolve("graph.svg");
        GraphDot.write(g, svg);
        String text = Files.readString(svg, StandardCharsets.UTF_8);
        assertThat(text).contains("<svg").contains("add (0, 1)").contains("say &quot;hi&quot; \\ there");

        Path png = dir.resolve("graph.png");
        GraphDot.write(g, png);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G');

        assertThatThrownBy(() -> Graphviz.render("digraph {", "svg", dir.resolve("bad.svg"),
                        System.getenv("PATH")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed with exit status");
    }
}
