package io.jdask.bag;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Counts of short Latin-1 strings (up to 16 characters, most words), packed into the hash table
 * itself: a slot is four longs (the characters as two longs, the length, the count), so a lookup
 * touches one cache line instead of following references to a key object and its characters.
 * {@link Counts} sends the strings it can hold here. Not thread-safe.
 */
final class ShortStringCounts {
    static final int MAX_LENGTH = 16;
    private static final int SLOT = 4;

    private long[] table;
    private int mask;
    private int size;

    ShortStringCounts(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        table = new long[cap * SLOT];
        mask = cap - 1;
    }

    private static int mix(long lo, long hi, int len) {
        long h = lo * 0x9E3779B97F4A7C15L ^ Long.rotateLeft(hi * 0xC2B2AE3D27D4EB4FL, 31) ^ len;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /**
     * @param s a string
     * @param n occurrences to add
     * @return false (and nothing added) when {@code s} is too long or not Latin-1
     */
    boolean add(String s, long n) {
        int len = s.length();
        if (len > MAX_LENGTH) {
            return false;
        }
        long lo = 0;
        long hi = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return false;
            }
            if (i < 8) {
                lo |= (long) c << (8 * i);
            } else {
                hi |= (long) c << (8 * (i - 8));
            }
        }
        add(lo, hi, len, n);
        return true;
    }

    /**
     * Counts the words of a line, split as {@link Text#words} splits them, without making a string
     * per word: short Latin-1 words are packed while they are scanned; others go to {@code other}.
     *
     * @param line the line
     * @param other where words this table cannot hold are counted
     */
    void addWords(String line, Counts other) {
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && Text.isSpace(line.charAt(i))) {
                i++;
            }
            int start = i;
            long lo = 0;
            long hi = 0;
            boolean packable = true;
            while (i < n) {
                char c = line.charAt(i);
                if (Text.isSpace(c)) {
                    break;
                }
                int at = i - start;
                if (c > 0xFF || at >= MAX_LENGTH) {
                    packable = false;
                } else if (at < 8) {
                    lo |= (long) c << (8 * at);
                } else {
                    hi |= (long) c << (8 * (at - 8));
                }
                i++;
            }
            if (i > start) {
                if (packable) {
                    add(lo, hi, i - start, 1);
                } else {
                    other.add(line.substring(start, i), 1);
                }
            }
        }
    }

    /** Byte classes for {@link #addUtf8Words}: a word byte, an ASCII space, or a non-ASCII byte. */
    private static final byte WORD = 0;
    private static final byte SPACE = 1;
    private static final byte NON_ASCII = 2;
    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            CLASSES[c] = c >= 0x80 ? NON_ASCII : Text.isSpace((char) c) ? SPACE : WORD;
        }
    }

    /**
     * Counts the words of UTF-8 text as {@link Text#words} splits its lines ({@code '\n'} and
     * {@code '\r'} are spaces too), reading ASCII words straight from the bytes. A run of
     * non-space bytes that holds a non-ASCII byte is decoded strictly (multi-byte sequences never
     * contain ASCII bytes, so the run ends on a character boundary) and split by {@link
     * #addWords(String, Counts)}, which knows the non-ASCII spaces.
     *
     * @param a the text
     * @param other where words this table cannot hold are counted
     * @param path the file, for errors
     * @throws IOException if a run is not valid UTF-8
     */
    void addUtf8Words(byte[] a, Counts other, String path) throws IOException {
        byte[] classes = CLASSES;
        int n = a.length;
        int i = 0;
        while (i < n) {
            if (classes[a[i] & 0xFF] == SPACE) {
                i++;
                continue;
            }
            if (i + 16 <= n) {
                // Most words: up to 16 plain ASCII bytes, found eight at a time. A flagged byte is
                // one below 0x21 or above 0x7F: a space ends the word; anything else (a control
                // character that is not a space, a non-ASCII byte) takes the byte-wise path.
                long x0 = (long) LONGS.get(a, i);
                long m0 = stops(x0);
                if (m0 != 0) {
                    int len = Long.numberOfTrailingZeros(m0) >>> 3;
                    if (classes[a[i + len] & 0xFF] == SPACE) {
                        add(x0 & ((1L << (len << 3)) - 1), 0, len, 1);
                        i += len;
                        continue;
                    }
                } else {
                    long x1 = (long) LONGS.get(a, i + 8);
                    long m1 = stops(x1);
                    if (m1 != 0) {
                        int len = Long.numberOfTrailingZeros(m1) >>> 3;
                        if (classes[a[i + 8 + len] & 0xFF] == SPACE) {
                            add(x0, x1 & ((1L << (len << 3)) - 1), 8 + len, 1);
                            i += 8 + len;
                            continue;
                        }
                    }
                }
            }
            i = addWordAt(a, i, other, path);
        }
    }

    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * @return the high bit of each byte of {@code x} that is below 0x21 or above 0x7F; the lowest
     *     one is exact (borrows only reach bytes above it)
     */
    private static long stops(long x) {
        return ((x - 0x2121212121212121L) | x) & 0x8080808080808080L;
    }

    /**
     * Counts the word (or, when it holds a non-ASCII byte, the run of non-space bytes) that starts
     * at {@code i}, byte by byte.
     *
     * @return where the word ends
     */
    private int addWordAt(byte[] a, int i, Counts other, String path) throws IOException {
        byte[] classes = CLASSES;
        int n = a.length;
        int start = i;
        long lo = 0;
        long hi = 0;
        while (i < n) {
            int c = a[i] & 0xFF;
            byte k = classes[c];
            if (k == SPACE) {
                break;
            }
            if (k == NON_ASCII) {
                while (i < n && classes[a[i] & 0xFF] != SPACE) {
                    i++;
                }
                addWords(decodeStrict(a, start, i, path), other);
                return i;
            }
            int at = i - start;
            if (at < 8) {
                lo |= (long) c << (at << 3);
            } else if (at < MAX_LENGTH) {
                hi |= (long) c << ((at - 8) << 3);
            }
            i++;
        }
        int len = i - start;
        if (len <= MAX_LENGTH) {
            add(lo, hi, len, 1);
        } else {
            other.add(new String(a, start, len, StandardCharsets.ISO_8859_1), 1);
        }
        return i;
    }

    private static String decodeStrict(byte[] a, int from, int to, String path) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(a, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(path + " is not valid UTF-8 text (" + e + ")", e);
        }
    }

    /**
     * Adds another table's counts to these, slot by slot, without turning its words back into
     * strings.
     *
     * @param other the counts to add
     */
    void addAll(ShortStringCounts other) {
        long[] t = other.table;
        for (int b = 0; b < t.length; b += SLOT) {
            if (t[b + 2] != 0) {
                add(t[b], t[b + 1], (int) t[b + 2] - 1, t[b + 3]);
            }
        }
    }

    private void add(long lo, long hi, int len, long n) {
        long[] t = table;
        long tag = len + 1;
        int i = mix(lo, hi, len) & mask;
        while (true) {
            int b = i * SLOT;
            long there = t[b + 2];
            if (there == 0) {
                t[b] = lo;
                t[b + 1] = hi;
                t[b + 2] = tag;
                t[b + 3] = n;
                if (++size * 2 > mask + 1) {
                    grow();
                }
                return;
            }
            if (there == tag && t[b] == lo && t[b + 1] == hi) {
                t[b + 3] += n;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        mask = table.length / SLOT - 1;
        size = 0;
        for (int b = 0; b < old.length; b += SLOT) {
            if (old[b + 2] != 0) {
                add(old[b], old[b + 1], (int) old[b + 2] - 1, old[b + 3]);
            }
        }
    }

    /**
     * @param s a string
     * @return its characters packed as two longs, or null when it is too long or not Latin-1
     */
    private static long[] pack(String s) {
        if (s.length() > MAX_LENGTH) {
            return null;
        }
        long[] packed = new long[2];
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF) {
                return null;
            }
            packed[i >> 3] |= (long) c << (8 * (i & 7));
        }
        return packed;
    }

    /**
     * @param s a string
     * @return its count, or -1 when it is not a string this table holds
     */
    long get(String s) {
        long[] packed = pack(s);
        if (packed == null) {
            return -1;
        }
        long tag = s.length() + 1;
        int i = mix(packed[0], packed[1], s.length()) & mask;
        while (table[i * SLOT + 2] != 0) {
            int b = i * SLOT;
            if (table[b + 2] == tag && table[b] == packed[0] && table[b + 1] == packed[1]) {
                return table[b + 3];
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    /** @return the number of distinct strings */
    int size() {
        return size;
    }

    /** @param action receives each string and its count */
    void forEach(StringCountConsumer action) {
        byte[] chars = new byte[MAX_LENGTH];
        for (int b = 0; b < table.length; b += SLOT) {
            if (table[b + 2] != 0) {
                int len = (int) table[b + 2] - 1;
                for (int i = 0; i < len; i++) {
                    long word = i < 8 ? table[b] : table[b + 1];
                    chars[i] = (byte) (word >>> (8 * (i & 7)));
                }
                action.accept(new String(chars, 0, len, StandardCharsets.ISO_8859_1), table[b + 3]);
            }
        }
    }

    /** Receives a string and its count. */
    interface StringCountConsumer {
        /**
         * @param s the string
         * @param count its count
         */
        void accept(String s, long count);
    }
}
