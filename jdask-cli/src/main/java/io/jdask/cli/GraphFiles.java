package io.jdask.cli;

import io.jdask.Lazy;
import io.jdask.graph.Alias;
import io.jdask.graph.Arg;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.graph.TaskGraph;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Writes the task graph of lazy collections as a picture: Graphviz DOT text for {@code .dot}
 * (or {@code .gv}), and for {@code .svg}/{@code .png}/{@code .pdf} the same text rendered by
 * Graphviz's {@code dot} program. Tasks are ellipses labelled with their key's prefix and the
 * constants copied into them ({@code square(3)}, {@code add(·, 1)} where {@code ·} is an input
 * drawn as an arrow); constants kept as their own nodes are boxes; aliases are arrow shapes; an
 * arrow goes from each input to the task that uses it.
 */
final class GraphFiles {
    private static final long DOT_TIMEOUT_SECONDS = 60;

    private GraphFiles() {}

    /**
     * @param collections what to draw (their graphs merged)
     * @param file where to write; its extension picks the format
     * @return the file written, absolute
     * @throws IllegalArgumentException for an extension it cannot write
     * @throws IllegalStateException when rendering needs Graphviz and it fails or is missing
     */
    static Path write(List<? extends Lazy<?>> collections, Path file) {
        String format = formatOf(file);
        String dot = toDot(collections);
        Path target = file.toAbsolutePath();
        try {
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            if (format.equals("dot")) {
                Files.writeString(target, dot, StandardCharsets.UTF_8);
            } else {
                render(dot, format, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        return target;
    }

    static String formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1);
        return switch (extension) {
            case "dot", "gv" -> "dot";
            case "svg", "png", "pdf" -> extension;
            default -> throw new IllegalArgumentException(
                    "cannot tell the format of " + file + ": name it .dot, .gv, .svg, .png or .pdf");
        };
    }

    /**
     * @param collections what to draw
     * @return the DOT text of their merged graph, nodes in key order (so the text is stable)
     */
    static String toDot(List<? extends Lazy<?>> collections) {
        List<Graph> graphs = new ArrayList<>();
        for (Lazy<?> c : collections) {
            graphs.add(c.graph());
        }
        return toDot(Graph.merge(graphs).materialize());
    }

    /**
     * @param graph the graph to draw
     * @return its DOT text, nodes in key order (so the text is stable)
     */
    static String toDot(TaskGraph graph) {
        StringBuilder out = new StringBuilder(256 + 96 * graph.size());
        out.append("digraph jdask {\n");
        out.append("  graph [rankdir=BT];\n");
        out.append("  node [fontname=\"Helvetica\", fontsize=11];\n");
        List<Map.Entry<Key, Node>> nodes = new ArrayList<>(graph.nodes().entrySet());
        nodes.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Key, Node> entry : nodes) {
            Key key = entry.getKey();
            Node node = entry.getValue();
            String shape = switch (node) {
                case Task t -> "ellipse";
                case Literal l -> "box";
                case Alias a -> "cds";
            };
            out.append("  ").append(quote(key.toString()))
                    .append(" [label=").append(quote(label(key, node)))
                    .append(", shape=").append(shape)
                    .append(", tooltip=").append(quote(key.toString()))
                    .append("];\n");
        }
        for (Map.Entry<Key, Node> entry : nodes) {
            for (Key dependency : entry.getValue().dependencies()) {
                out.append("  ").append(quote(dependency.toString()))
                        .append(" -> ").append(quote(entry.getKey().toString())).append(";\n");
            }
        }
        out.append("}\n");
        return out.toString();
    }

    private static String label(Key key, Node node) {
        return switch (node) {
            case Literal literal -> shorten(String.valueOf(literal.value()));
            case Task task when task.args().stream().anyMatch(a -> !(a instanceof Arg.Ref)) ->
                    key.prefix() + "(" + String.join(", ", task.args().stream().map(GraphFiles::argLabel).toList()) + ")";
            default -> key.prefix();
        };
    }

    private static String argLabel(Arg arg) {
        return switch (arg) {
            case Arg.Ref ref -> "·";
            case Arg.Value value -> shorten(String.valueOf(value.value()));
            case Arg.Many many -> "[" + String.join(", ", many.items().stream().map(GraphFiles::argLabel).toList()) + "]";
        };
    }

    private static String shorten(String text) {
        return text.length() <= 24 ? text : text.substring(0, 21) + "...";
    }

    private static String quote(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }

    private static void render(String dot, String format, Path target) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder("dot", "-T" + format, "-o", target.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("writing ." + format + " needs Graphviz's 'dot' program, which was not"
                    + " found (install Graphviz, e.g. apt-get install graphviz), or name the file .dot", e);
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            if (!process.waitFor(DOT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Graphviz's dot did not finish in " + DOT_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Graphviz's dot was rendering " + target, e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Graphviz's dot failed (exit code " + process.exitValue() + ")"
                    + (messages.isEmpty() ? "" : ": " + messages));
        }
    }
}
