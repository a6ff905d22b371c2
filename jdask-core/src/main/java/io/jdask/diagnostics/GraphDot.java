package io.jdask.diagnostics;

import io.jdask.graph.TaskGraph;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Draws a task graph, like Dask's {@code visualize}: as Graphviz DOT text, or as an SVG, PNG or PDF
 * picture drawn by Graphviz's {@code dot} program.
 *
 * <p>Tasks are ellipses, literals boxes and aliases dashed; each is labelled by a short form of its
 * key (its prefix and its indices, or the start of its token) with the full key as tooltip, and
 * filled with a colour per key prefix. Edges go from a dependency to the task that needs it, and
 * the graph is laid out bottom-up, so results are at the top.
 *
 * <p>A graph of more than {@value #DEFAULT_COLLAPSE_ABOVE} nodes (or the limit given) is drawn
 * collapsed: one node per key prefix, labelled with how many tasks, literals and aliases it stands
 * for, and one edge per pair of prefixes labelled with how many dependencies it stands for. Graphviz
 * takes minutes to lay out graphs much larger than that, and the picture is unreadable anyway.
 *
 * <pre>{@code
 * GraphDot.write(graph, Path.of("graph.svg"));
 * }</pre>
 */
public final class GraphDot {
    /** Graphs with more nodes than this are collapsed by key prefix unless told otherwise. */
    public static final int DEFAULT_COLLAPSE_ABOVE = 2000;

    private GraphDot() {}

    /**
     * @param graph a task graph
     * @return its DOT text, collapsed by prefix above {@value #DEFAULT_COLLAPSE_ABOVE} nodes
     */
    public static String toDot(TaskGraph graph) {
        return toDot(graph, DEFAULT_COLLAPSE_ABOVE);
    }

    /**
     * @param graph a task graph
     * @param collapseAbove graphs with more nodes than this are drawn one node per key prefix
     * @return its DOT text
     * @throws IllegalArgumentException if {@code collapseAbove} is negative
     */
    public static String toDot(TaskGraph graph, int collapseAbove) {
        if (collapseAbove < 0) {
            throw new IllegalArgumentException("collapseAbove must be >= 0, not " + collapseAbove);
        }
        return graph.size() > collapseAbove ? CollapsedDot.render(graph, collapseAbove) : DetailedDot.render(graph);
    }

    /**
     * Writes a picture of the graph, in the format its file name ends with: {@code .dot} or
     * {@code .gv} for DOT text, {@code .svg}, {@code .png} or {@code .pdf} drawn by Graphviz's
     * {@code dot}, which must then be on the {@code PATH} (Debian/Ubuntu: {@code apt-get install
     * graphviz}).
     *
     * @param graph a task graph
     * @param path the file to write, replaced if it exists
     * @throws IOException if the file cannot be written, or {@code dot} is needed and missing (the
     *     message says how to install it) or fails
     * @throws IllegalArgumentException if the file name has none of those extensions
     */
    public static void write(TaskGraph graph, Path path) throws IOException {
        write(graph, path, DEFAULT_COLLAPSE_ABOVE);
    }

    /**
     * Like {@link #write(TaskGraph, Path)}, with a chosen collapse limit.
     *
     * @param graph a task graph
     * @param path the file to write, replaced if it exists
     * @param collapseAbove graphs with more nodes than this are drawn one node per key prefix
     * @throws IOException if the file cannot be written, or {@code dot} is needed and missing or fails
     * @throws IllegalArgumentException if the file name has an unsupported extension
     */
    public static void write(TaskGraph graph, Path path, int collapseAbove) throws IOException {
        String format = format(path);
        String dot = toDot(graph, collapseAbove);
        if (format.equals("dot")) {
            Files.writeString(path, dot, StandardCharsets.UTF_8);
        } else {
            Graphviz.render(dot, format, path, System.getenv("PATH"));
        }
    }

    /** @return {@code dot} for DOT text, else the Graphviz output format */
    static String format(Path path) {
        Path file = path.getFileName();
        String name = file == null ? "" : file.toString().toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "dot", "gv" -> "dot";
            case "svg", "png", "pdf" -> ext;
            default -> throw new IllegalArgumentException(
                    "cannot tell how to draw " + path + ": use a file name ending in .dot, .gv, .svg, .png or .pdf");
        };
    }
}
