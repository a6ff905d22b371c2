package io.jdask.distributed.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes short UTF-8 strings of message headers, giving back the same {@link String} for the same
 * bytes while it stays in a small direct-mapped table: the names of keys, worker addresses, type
 * names and prefixes repeat from message to message, and a hit allocates nothing (and keeps the
 * string's cached hash code). Shared by every connection of the process; a slot is replaced by the
 * latest string that maps to it. Entries are immutable, so threads racing on a slot see one whole
 * entry or the other, never a torn one.
 */
final class StringCache {
    /** Longer strings are decoded without the table (mostly unique ids and texts). */
    static final int MAX_LENGTH = 64;
    private static final int SLOTS = 4096;

    private record Entry(byte[] bytes, String value) {}

    private static final Entry[] TABLE = new Entry[SLOTS];

    private StringCache() {}

    /** The string of {@code a[from, from + n)}, from the table when it is there. */
    static String decode(byte[] a, int from, int n) {
        if (n > MAX_LENGTH) {
            return new String(a, from, n, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = from, end = from + n; i < end; i++) {
            h = 31 * h + a[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        Entry e = TABLE[slot];
        if (e != null && Arrays.equals(e.bytes, 0, e.bytes.length, a, from, from + n)) {
            return e.value;
        }
        byte[] copy = Arrays.copyOfRange(a, from, from + n);
        String s = new String(copy, StandardCharsets.UTF_8);
        TABLE[slot] = new Entry(copy, s);
        return s;
    }
}
