package io.jdask.diagnostics;

import io.jdask.graph.Alias;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One DOT node per graph node: tasks as ellipses, literals as boxes, aliases dashed, coloured by
 * key prefix; one edge per dependency, from the dependency to its dependent. A dependency that is
 * not in the graph is drawn as a dotted box.
 */
final class DetailedDot {
    private DetailedDot() {}

    static String render(TaskGraph g) {
        DotText text = new DotText();
        StringBuilder sb = DotText.header(null);
        Map<Key, String> ids = new HashMap<>(Math.max(16, g.size() * 4 / 3 + 1));
        int next = 0;
        for (Key k : g.nodes().keySet()) {
            ids.put(k, "n" + next++);
        }
        Map<Key, String> missing = new LinkedHashMap<>();
        for (Node n : g.nodes().values()) {
            for (Key d : n.dependencies()) {
                if (!ids.containsKey(d)) {
                    missing.computeIfAbsent(d, k -> "m" + missing.size());
                }
            }
        }
        for (Node n : g.nodes().values()) {
            Key k = n.key();
            String shape = n instanceof Literal ? "box" : "ellipse";
            String style = n instanceof Alias ? "\"dashed,filled\"" : "filled";
            sb.append("  ").append(ids.get(k))
                    .append(" [label=").append(DotText.quote(DotText.shortLabel(k)))
                    .append(", tooltip=").append(DotText.quote(k.toString()))
                    .append(", shape=").append(shape)
                    .append(", style=").append(style)
                    .append(", fillcolor=\"").append(text.colour(k.prefix())).append("\"];\n");
        }
        for (Map.Entry<Key, String> m : missing.entrySet()) {
            sb.append("  ").append(m.getValue())
                    .append(" [label=").append(DotText.quote(DotText.shortLabel(m.getKey()) + "\n(not in graph)"))
                    .append(", tooltip=").append(DotText.quote(m.getKey().toString()))
                    .append(", shape=box, style=dotted];\n");
        }
        for (Node n : g.nodes().values()) {
            String to = ids.get(n.key());
            String attrs = n instanceof Alias ? " [style=dashed]" : "";
            for (Key d : n.dependencies()) {
                String from = ids.containsKey(d) ? ids.get(d) : missing.get(d);
                sb.append("  ").append(from).append(" -> ").append(to).append(attrs).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }
}
