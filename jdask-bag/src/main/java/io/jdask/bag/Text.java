package io.jdask.bag;

import java.util.ArrayList;
import java.util.List;

/**
 * Text helpers for bags of strings, usable as serializable method references:
 *
 * <pre>{@code
 * Bag<String> words = Bag.readText("logs/*.txt").map(Text::words).flatten();
 * }</pre>
 */
public final class Text {
    private Text() {}

    /**
     * Splits a line into words at runs of whitespace, like Python's {@code str.split()}: leading
     * and trailing whitespace gives no empty words, and whitespace is any Unicode space (including
     * no-break spaces) or control separator. No regular expression: one pass over the characters.
     *
     * @param line the text
     * @return its words, in order (empty for a blank line)
     */
    public static List<String> words(String line) {
        List<String> out = new ArrayList<>(16);
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !isSpace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(line.substring(start, i));
            }
        }
        return out;
    }

    /**
     * @param c a character
     * @return whether Python's {@code str.split()} would split at it
     */
    static boolean isSpace(char c) {
        if (c < 128) {
            return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
        }
        return c == '\u0085' || Character.isWhitespace(c) || Character.isSpaceChar(c);
    }
}
