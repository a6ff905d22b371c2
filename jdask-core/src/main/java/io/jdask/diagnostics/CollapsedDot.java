package io.jdask.diagnostics;

import io.jdask.graph.Alias;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A big graph drawn one DOT node per key prefix, labelled with how many tasks, literals and
 * aliases it stands for, and one edge per pair of prefixes, labelled with how many dependencies
 * it stands for (a loop when tasks of a prefix depend on each other, as in tree reductions).
 */
final class CollapsedDot {
    private CollapsedDot() {}

    private static final class Group {
        final String id;
        long tasks;
        long literals;
        long aliases;
        long missing;

        Group(String id) {
            this.id = id;
        }

        String label(String prefix) {
            StringBuilder sb = new StringBuilder(prefix).append('\n');
            append(sb, tasks, "task");
            append(sb, literals, "literal");
            append(sb, aliases, "alias");
            append(sb, missing, "missing");
            return sb.toString();
        }

        private static void append(StringBuilder sb, long n, String what) {
            if (n == 0) {
                return;
            }
            if (sb.charAt(sb.length() - 1) != '\n') {
                sb.append(", ");
            }
            sb.append(n).append(' ').append(what);
            if (n != 1 && !what.equals("missing")) {
                sb.append(what.endsWith("s") ? "es" : "s");
            }
        }
    }

    static String render(TaskGraph g, int collapseAbove) {
        Map<String, Group> groups = new LinkedHashMap<>();
        Map<Key, Group> groupOf = new HashMap<>(Math.max(16, g.size() * 4 / 3 + 1));
        for (Node n : g.nodes().values()) {
            Group grp = group(groups, n.key().prefix());
            groupOf.put(n.key(), grp);
            switch (n) {
                case Literal l -> grp.literals++;
                case Alias a -> grp.aliases++;
                default -> grp.tasks++;
            }
        }
        Map<String, Long> edges = new LinkedHashMap<>();
        for (Node n : g.nodes().values()) {
            Group to = groupOf.get(n.key());
            for (Key d : n.dependencies()) {
                Group from = groupOf.get(d);
                if (from == null) {
                    from = group(groups, d.prefix());
                    from.missing++;
                    groupOf.put(d, from);
                }
                edges.merge(from.id + " -> " + to.id, 1L, Long::sum);
            }
        }
        StringBuilder sb = DotText.header(g.size() + " nodes shown as " + groups.size()
                + " groups by key prefix (graphs of more than " + collapseAbove + " nodes are collapsed)");
        DotText text = new DotText();
        for (Map.Entry<String, Group> e : groups.entrySet()) {
            Group grp = e.getValue();
            boolean onlyLiterals = grp.literals > 0 && grp.tasks == 0 && grp.aliases == 0;
            boolean onlyAliases = grp.aliases > 0 && grp.tasks == 0 && grp.literals == 0;
            sb.append("  ").append(grp.id)
                    .append(" [label=").append(DotText.quote(grp.label(e.getKey())))
                    .append(", shape=").append(onlyLiterals ? "box" : "ellipse")
                    .append(", style=").append(onlyAliases ? "\"dashed,filled\"" : "filled")
                    .append(", peripheries=2, fillcolor=\"").append(text.colour(e.getKey())).append("\"];\n");
        }
        for (Map.Entry<String, Long> e : edges.entrySet()) {
            long count = e.getValue();
            sb.append("  ").append(e.getKey())
                    .append(" [label=\"").append(count)
                    .append("\", penwidth=").append(String.format(Locale.ROOT, "%.1f", 1 + Math.log10(count)))
                    .append("];\n");
        }
        return sb.append("}\n").toString();
    }

    private static Group group(Map<String, Group> groups, String prefix) {
        return groups.computeIfAbsent(prefix, p -> new Group("g" + groups.size()));
    }
}
