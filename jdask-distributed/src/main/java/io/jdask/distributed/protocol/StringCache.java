package io.jdask.distributed.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Decodes short UTF-8 strings of message headers, giving back the same {@link String} for the same
 * bytes while it stays in a small direct-mapped table: the names of keys, worker addresses, type
 * names and prefixes repeat from message to message, and a hit allocates nothing (and keeps the
 * string's cached hash code). Only ASCII strings are kept (their bytes are their chars, so a slot's
 * string is compared with the bytes directly and a miss makes just the string); others are decoded
 * each time. Shared by every connection of the process; a slot is replaced by the latest string
 * that maps to it. Strings are immutable, so threads racing on a slot see one whole string or the
 * other.
 */
final class StringCache {
    /** Longer strings are decoded without the table (mostly unique ids and texts). */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 4096;

    private static final String[] TABLE = new String[SLOTS];

    private StringCache() {}

    /** The string of {@code a[from, from + n)}, from the table when it is there. */
    static String decode(byte[] a, int from, int n) {
        if (n > MAX_LENGTH) {
            return new String(a, from, n, StandardCharsets.UTF_8);
        }
        int h = 0;
        int bits = 0;
        for (int i = from, end = from + n; i < end; i++) {
            byte b = a[i];
            h = 31 * h + b; // String.hashCode's for ASCII
            bits |= b;
        }
        if (bits < 0) {
            return new String(a, from, n, StandardCharsets.UTF_8); // not ASCII
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        String s = TABLE[slot];
        if (s != null && s.hashCode() == h && same(s, a, from, n)) {
            return s;
        }
        s = new String(a, from, n, StandardCharsets.ISO_8859_1); // ASCII: the bytes are the chars
        TABLE[slot] = s;
        return s;
    }

    private static boolean same(String s, byte[] a, int from, int n) {
        if (s.length() != n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) != a[from + i]) {
                return false;
            }
        }
        return true;
    }
}
