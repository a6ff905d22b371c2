package io.jdask.diagnostics;

import io.jdask.graph.Key;
import java.util.HashMap;
import java.util.Map;

/** Labels, escaping and colours shared by the detailed and collapsed DOT renderings. */
final class DotText {
    /** Pastel fill colours (ColorBrewer's Set3), assigned to prefixes in order of appearance. */
    private static final String[] PALETTE = {
        "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462",
        "#b3de69", "#fccde5", "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
    };
    private static final int MAX_LABEL = 40;
    private static final int TOKEN_CHARS = 6;

    private final Map<String, String> colours = new HashMap<>();

    /**
     * @param prefix a key prefix
     * @return its fill colour, the same for every call with the same prefix
     */
    String colour(String prefix) {
        return colours.computeIfAbsent(prefix, p -> PALETTE[colours.size() % PALETTE.length]);
    }

    /** The opening lines of a graph drawn bottom-up: dependencies below the tasks that need them. */
    static StringBuilder header(String graphLabel) {
        StringBuilder sb = new StringBuilder(4096).append("digraph jdask {\n");
        sb.append("  graph [rankdir=BT, fontname=\"Helvetica\"");
        if (graphLabel != null) {
            sb.append(", label=").append(quote(graphLabel)).append(", labelloc=t");
        }
        sb.append("];\n");
        sb.append("  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#ffffff\"];\n");
        sb.append("  edge [color=\"#4d4d4d\", arrowsize=0.7, fontname=\"Helvetica\", fontsize=9];\n");
        return sb;
    }

    /**
     * A short, readable label: the key's prefix, then its indices ({@code add (0, 1)}) or, for a
     * plain key, the start of the rest of its name ({@code inc-3f2a9c...}).
     *
     * @param key a key
     * @return the label, at most about 40 characters
     */
    static String shortLabel(Key key) {
        String prefix = key.prefix();
        StringBuilder sb = new StringBuilder(prefix.length() + 16).append(prefix);
        if (key.ndim() > 0) {
            sb.append(" (");
            for (int i = 0; i < key.ndim(); i++) {
                sb.append(i == 0 ? "" : ", ").append(key.index(i));
            }
            sb.append(')');
        } else if (key.name().length() > prefix.length()) {
            String rest = key.name().substring(prefix.length());
            if (rest.startsWith("-")) {
                rest = rest.substring(1);
            }
            sb.append('-').append(rest.length() <= TOKEN_CHARS + 3 ? rest : rest.substring(0, TOKEN_CHARS) + "...");
        }
        return sb.length() <= MAX_LABEL ? sb.toString() : sb.substring(0, MAX_LABEL - 3) + "...";
    }

    /**
     * @param text any text
     * @return it as a DOT double-quoted string: quotes and backslashes escaped, line breaks as
     *     {@code \n}, other control characters as spaces
     */
    static String quote(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> { }
                default -> sb.append(Character.isISOControl(c) ? ' ' : c);
            }
        }
        return sb.append('"').toString();
    }
}
