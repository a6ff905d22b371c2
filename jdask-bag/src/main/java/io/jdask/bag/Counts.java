package io.jdask.bag;

import java.io.Serializable;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Occurrence counts of objects: an open-addressing hash table of keys and primitive counts (no
 * boxed counter per key), for {@code frequencies}; short Latin-1 strings go to a packed table of
 * their own ({@link ShortStringCounts}). Keys may be null. Not thread-safe.
 */
final class Counts implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final Object NULL_KEY = new NullKey();

    private Object[] keys;
    private int[] hashes;
    private long[] counts;
    private int size;
    private int mask;
    private final ShortStringCounts shortStrings;

    Counts() {
        this(1024);
    }

    Counts(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new Object[cap];
        hashes = new int[cap];
        counts = new long[cap];
        mask = cap - 1;
        shortStrings = new ShortStringCounts(expected);
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * @param key the key (may be null)
     * @param n how many occurrences to add
     */
    void add(Object key, long n) {
        if (key instanceof String s && shortStrings.add(s, n)) {
            return;
        }
        Object k = key == null ? NULL_KEY : key;
        int h = spread(k.hashCode());
        int i = h & mask;
        Object[] ks = keys;
        int[] hs = hashes;
        while (true) {
            Object there = ks[i];
            if (there == null) {
                ks[i] = k;
                hs[i] = h;
                counts[i] = n;
                if (++size * 2 > ks.length) {
                    grow();
                }
                return;
            }
            if (hs[i] == h && (there == k || there.equals(k))) {
                counts[i] += n;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /**
     * Counts the words of a line as {@link Text#words} splits them, without a string per word.
     *
     * @param line the line
     */
    void addWords(String line) {
        shortStrings.addWords(line, this);
    }

    /**
     * Counts the words of UTF-8 text as {@link Text#words} splits its lines, mostly without
     * decoding it (see {@link ShortStringCounts#addUtf8Words}).
     *
     * @param utf8 the text
     * @param path the file it came from, for errors
     * @throws java.io.IOException if the text is not valid UTF-8
     */
    void addUtf8Words(byte[] utf8, String path) throws java.io.IOException {
        shortStrings.addUtf8Words(utf8, this, path);
    }

    /** @param other counts to add to these */
    void addAll(Counts other) {
        shortStrings.addAll(other.shortStrings);
        Object[] ks = other.keys;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != null) {
                add(ks[i] instanceof NullKey ? null : ks[i], other.counts[i]);
            }
        }
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldHashes = hashes;
        long[] oldCounts = counts;
        keys = new Object[oldKeys.length * 2];
        hashes = new int[oldKeys.length * 2];
        counts = new long[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            Object k = oldKeys[j];
            if (k != null) {
                int i = oldHashes[j] & mask;
                while (keys[i] != null) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                hashes[i] = oldHashes[j];
                counts[i] = oldCounts[j];
            }
        }
    }

    /** @return the number of distinct keys */
    int size() {
        return size + shortStrings.size();
    }

    /**
     * @param key a key
     * @return its count, 0 when absent
     */
    long get(Object key) {
        if (key instanceof String s) {
            long c = shortStrings.get(s);
            if (c >= 0) {
                return c;
            }
        }
        Object k = key == null ? NULL_KEY : key;
        int i = spread(k.hashCode()) & mask;
        while (keys[i] != null) {
            if (Objects.equals(keys[i], k)) {
                return counts[i];
            }
            i = (i + 1) & mask;
        }
        return 0;
    }

    /** @return (key, count) entries, in table order */
    List<Map.Entry<Object, Long>> entries() {
        List<Map.Entry<Object, Long>> out = new ArrayList<>(size());
        shortStrings.forEach((s, c) -> out.add(new AbstractMap.SimpleImmutableEntry<>(s, c)));
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != null) {
                out.add(new AbstractMap.SimpleImmutableEntry<>(keys[i] instanceof NullKey ? null : keys[i], counts[i]));
            }
        }
        return out;
    }

    /**
     * Serialized as its entries only: stored hash codes are rehashed where the counts are read,
     * since a key's hash code (an enum's, for one) may differ between JVMs.
     */
    private Object writeReplace() {
        List<Map.Entry<Object, Long>> all = entries();
        Object[] ks = new Object[all.size()];
        long[] cs = new long[all.size()];
        for (int j = 0; j < ks.length; j++) {
            ks[j] = all.get(j).getKey();
            cs[j] = all.get(j).getValue();
        }
        return new Form(ks, cs);
    }

    /** The serialized form of {@link Counts}. */
    private record Form(Object[] keys, long[] counts) implements Serializable {
        private Object readResolve() {
            Counts c = new Counts(keys.length);
            for (int i = 0; i < keys.length; i++) {
                c.add(keys[i], counts[i]);
            }
            return c;
        }
    }

    /** Stands for the null key; equal to every other instance, so it survives serialization. */
    private static final class NullKey implements Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean equals(Object o) {
            return o instanceof NullKey;
        }

        @Override
        public int hashCode() {
            return 0x6e756c6c;
        }
    }
}
