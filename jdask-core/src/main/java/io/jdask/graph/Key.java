package io.jdask.graph;

import java.util.Arrays;

/**
 * The name of one task's output in a task graph.
 *
 * <p>A key is a name ({@code "inc-3f2a9c01..."}) optionally followed by integer indices, the way
 * Dask names the blocks of a collection ({@code ("x-4d2e...", 0, 1)}). Keys are immutable, cheap to
 * hash and totally ordered (by name, then index), so graphs and orders built from them are
 * deterministic.
 *
 * <p>{@link #prefix()} is the readable part of the name without its token: {@code "inc"} for
 * {@code "inc-3f2a9c0142aa..."}. Progress bars, profilers and dashboards group tasks by it.
 */
public final class Key implements Comparable<Key>, java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private static final int[] NO_INDEX = new int[0];

    private final String name;
    private final int[] index;
    private final int hash;

    private Key(String name, int[] index) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a key needs a non-empty name");
        }
        this.name = name;
        this.index = index;
        this.hash = 31 * name.hashCode() + Arrays.hashCode(index);
    }

    /**
     * A key that is a plain name.
     *
     * @param name the name, not empty
     * @return the key
     */
    public static Key of(String name) {
        return new Key(name, NO_INDEX);
    }

    /**
     * A key made of a name and block indices, like Dask's {@code (name, i, j)}.
     *
     * @param name the collection's name
     * @param index the block's position along each dimension
     * @return the key
     */
    public static Key of(String name, int... index) {
        return new Key(name, index.length == 0 ? NO_INDEX : index.clone());
    }

    /** @return the name part of the key */
    public String name() {
        return name;
    }

    /** @return the number of indices (0 for a plain name) */
    public int ndim() {
        return index.length;
    }

    /**
     * @param i which index
     * @return the {@code i}-th index
     */
    public int index(int i) {
        return index[i];
    }

    /** @return a copy of the indices */
    public int[] indices() {
        return index.clone();
    }

    /**
     * The readable prefix of this key's name: the words of the name up to the first that looks
     * like a token (hexadecimal, eight characters or more) or a number.
     *
     * @return e.g. {@code "inc"} for {@code "inc-3f2a9c01aa"}, {@code "sum-aggregate"} for itself
     */
    public String prefix() {
        return prefixOf(name);
    }

    /**
     * The prefix rule of {@link #prefix()} applied to any name.
     *
     * @param name a key name
     * @return its readable prefix
     */
    public static String prefixOf(String name) {
        return name.substring(0, prefixEnd(name)); // the name itself when it is all prefix
    }

    /**
     * Whether a name's {@linkplain #prefixOf(String) prefix} is the given one, without building the
     * prefix string: the check a table of prefixes makes for every key.
     *
     * @param name a key name
     * @param prefix a prefix
     * @return {@code prefixOf(name).equals(prefix)}
     */
    public static boolean hasPrefix(String name, String prefix) {
        int keep = prefixEnd(name);
        return keep == prefix.length() && name.startsWith(prefix);
    }

    /** The length of a name's prefix: its words up to the first after the first that is token-like or a number. */
    private static int prefixEnd(String name) {
        int end = name.length();
        int start = 0;
        int keep = -1;
        while (start <= end) {
            int dash = name.indexOf('-', start);
            int wordEnd = dash < 0 ? end : dash;
            if (keep >= 0 && (isTokenLike(name, start, wordEnd) || isNumber(name, start, wordEnd))) {
                break;
            }
            keep = wordEnd;
            if (dash < 0) {
                break;
            }
            start = dash + 1;
        }
        return keep <= 0 ? end : keep;
    }

    /** Whether {@code s[from, to)} is hexadecimal (lower case) and eight characters or more. */
    private static boolean isTokenLike(String s, int from, int to) {
        if (to - from < 8) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!hex) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code s[from, to)} is a non-empty run of digits. */
    private static boolean isNumber(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return this == o
                || (o instanceof Key k && hash == k.hash && name.equals(k.name) && Arrays.equals(index, k.index));
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public int compareTo(Key o) {
        int c = name.compareTo(o.name);
        return c != 0 ? c : Arrays.compare(index, o.index);
    }

    /** @return {@code name} for a plain key, {@code ('name', 0, 1)} for an indexed one */
    @Override
    public String toString() {
        if (index.length == 0) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length() + 8 * index.length).append("('").append(name).append('\'');
        for (int i : index) {
            sb.append(", ").append(i);
        }
        return sb.append(')').toString();
    }
}
