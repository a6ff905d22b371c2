package io.jdask.dataframe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds exact row boundaries in the middle of an uncompressed CSV file, so that blocks of a file
 * can be read independently and still agree on where rows start, quoted line breaks included.
 *
 * <p>A small automaton follows the quoting rules of the parser (FastCSV, strict mode) over bytes:
 * a quote opens a quoted field only at the start of a field, {@code ""} inside a quoted field is a
 * literal quote, a quote in an unquoted field is a literal character, and LF, CR or CRLF outside
 * quotes end a row. The state at any offset depends on everything before it, so each raw block's
 * effect is summarised as a map from the state at its start to the state at its end (computed
 * by running the automaton from every start state at once); composing the summaries of the blocks
 * before an offset gives its exact state. Summaries are memoised per JVM, so reading all blocks
 * of a file scans each byte once more in total, not once per block.
 *
 * <p>A row boundary is an offset whose state is {@link #ROW_START}. Block {@code i} covering raw
 * bytes {@code [a, b)} reads rows from {@code boundary(a)} to {@code boundary(b)}: the next
 * block starts exactly where this one stops, so no row is lost or read twice.
 */
final class CsvBoundaries {
    private CsvBoundaries() {}

    static final byte ROW_START = 0;
    private static final byte FIELD_START = 1;
    private static final byte UNQUOTED = 2;
    private static final byte QUOTED = 3;
    private static final byte QUOTE_IN_QUOTED = 4;
    /** Text the parser rejects (a character after a closing quote); absorbing. */
    static final byte ERROR = 5;
    static final int STATES = 6;

    private static final int OTHER = 0;
    private static final int QUOTE = 1;
    private static final int SEP = 2;
    private static final int LF = 3;
    private static final int CR = 4;

    /** next state = NEXT[state * 5 + byte class] */
    private static final byte[] NEXT = {
        // OTHER, QUOTE, SEP, LF, CR
        UNQUOTED, QUOTED, FIELD_START, ROW_START, ROW_START, // ROW_START
        UNQUOTED, QUOTED, FIELD_START, ROW_START, ROW_START, // FIELD_START
        UNQUOTED, UNQUOTED, FIELD_START, ROW_START, ROW_START, // UNQUOTED
        QUOTED, QUOTE_IN_QUOTED, QUOTED, QUOTED, QUOTED, // QUOTED
        ERROR, QUOTED, FIELD_START, ROW_START, ROW_START, // QUOTE_IN_QUOTED
        ERROR, ERROR, ERROR, ERROR, ERROR, // ERROR
    };

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int CHUNK = 1 << 20;
    private static final int MEMO_LIMIT = 1 << 16;
    private static final ConcurrentHashMap<Key, CompletableFuture<byte[]>> MEMO = new ConcurrentHashMap<>();

    /** Identifies a summary: the file's content (path, size, modification time), the range and the syntax. */
    record Key(String path, long size, long modified, long from, long to, byte sep, byte quote) {}

    /** @return the state after one byte (for tests: the plain automaton the summaries must agree with) */
    static byte step(byte state, byte b, byte[] cls) {
        return NEXT[state * 5 + cls[b & 0xff]];
    }

    static byte[] classes(byte sep, byte quote) {
        byte[] c = new byte[256];
        c[sep & 0xff] = SEP;
        c[quote & 0xff] = QUOTE;
        c['\n'] = LF;
        c['\r'] = CR;
        return c;
    }

    /**
     * @return the state at {@code key.to()} for each state at {@code key.from()}, memoised
     */
    static byte[] summary(FileChannel ch, Key key) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> f = MEMO.putIfAbsent(key, mine);
        if (f == null) {
            try {
                mine.complete(compute(ch, key));
            } catch (RuntimeException | Error e) {
                MEMO.remove(key, mine);
                mine.completeExceptionally(e);
                throw e;
            }
            if (MEMO.size() > MEMO_LIMIT) {
                MEMO.clear();
            }
            return mine.join();
        }
        return f.join();
    }

    /**
     * Runs the automaton from every start state over the range, jumping from quote byte to quote
     * byte: between two quotes, a run outside quotes ends in the state the last byte gives
     * (separator: field start; line break: row start; anything else: unquoted field), a run inside
     * quotes stays there, and a run just past a closing quote is decided by the next byte. So the
     * cost is one word-at-a-time search for the quote byte plus a few steps per quote, for all runs.
     */
    private static byte[] compute(FileChannel ch, Key key) {
        byte[] cls = classes(key.sep(), key.quote());
        byte quote = key.quote();
        long pattern = (quote & 0xffL) * 0x0101010101010101L;
        // run[s]: index of the live run that start state s follows; live[r]: that run's state
        int[] runOf = new int[STATES];
        byte[] live = new byte[STATES];
        int k = 0;
        for (byte s = 0; s < STATES; s++) {
            runOf[s] = k;
            live[k++] = s;
        }
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(8, key.to() - key.from()))];
        for (long base = key.from(); base < key.to(); ) {
            int n = read(ch, buf, base, (int) Math.min(buf.length, key.to() - base));
            int pos = 0; // every run has consumed the chunk's bytes before pos
            int i = 0;
            while (true) {
                int q = -1;
                for (; i + 8 <= n; i += 8) {
                    long v = (long) LONGS.get(buf, i) ^ pattern;
                    if (((v - 0x0101010101010101L) & ~v & 0x8080808080808080L) != 0) {
                        for (int j = i; j < i + 8; j++) {
                            if (buf[j] == quote) {
                                q = j;
                                break;
                            }
                        }
                        if (q >= 0) {
                            break;
                        }
                    }
                }
                if (q < 0) {
                    for (; i < n; i++) {
                        if (buf[i] == quote) {
                            q = i;
                            break;
                        }
                    }
                }
                int upTo = q < 0 ? n : q;
                for (int r = 0; r < k; r++) {
                    live[r] = skipPlain(live[r], buf, pos, upTo, cls);
                    if (q >= 0) {
                        live[r] = NEXT[live[r] * 5 + QUOTE];
                    }
                }
                k = merge(runOf, live, k);
                if (q < 0) {
                    break;
                }
                pos = q + 1;
                i = q + 1;
            }
            base += n;
        }
        byte[] result = new byte[STATES];
        for (int s = 0; s < STATES; s++) {
            result[s] = live[runOf[s]];
        }
        return result;
    }

    /** @return the state after the bytes {@code buf[from, to)}, none of which is a quote */
    private static byte skipPlain(byte s, byte[] buf, int from, int to, byte[] cls) {
        if (from >= to || s == QUOTED || s == ERROR) {
            return s;
        }
        if (s == QUOTE_IN_QUOTED) {
            s = NEXT[s * 5 + cls[buf[from] & 0xff]];
            if (s == ERROR || ++from == to) {
                return s;
            }
        }
        // outside quotes every state moves alike on non-quote bytes, so the last byte decides
        return NEXT[ROW_START * 5 + cls[buf[to - 1] & 0xff]];
    }

    /** Merges runs that reached the same state; returns the number of live runs. */
    private static int merge(int[] runOf, byte[] live, int k) {
        if (k == 1) {
            return 1;
        }
        int[] newIndex = new int[k];
        byte[] states = new byte[k];
        int m = 0;
        for (int r = 0; r < k; r++) {
            int found = -1;
            for (int t = 0; t < m; t++) {
                if (states[t] == live[r]) {
                    found = t;
                    break;
                }
            }
            if (found < 0) {
                found = m;
                states[m++] = live[r];
            }
            newIndex[r] = found;
        }
        if (m == k) {
            return k;
        }
        for (int s = 0; s < runOf.length; s++) {
            runOf[s] = newIndex[runOf[s]];
        }
        System.arraycopy(states, 0, live, 0, m);
        return m;
    }

    /**
     * @param state the automaton's state at {@code from}
     * @return the first offset at or after {@code from} whose state is ROW_START, or {@code size}
     * @throws DataSourceException when the text before it cannot be parsed
     */
    static long nextBoundary(FileChannel ch, String file, long from, long size, byte state, byte[] cls) {
        return skipLfOfCrLf(ch, firstBoundary(ch, file, from, size, state, cls), size);
    }

    /** A boundary between the CR and LF of a CRLF moves past the LF, so line numbers stay right. */
    private static long skipLfOfCrLf(FileChannel ch, long q, long size) {
        if (q <= 0 || q >= size) {
            return q;
        }
        byte[] two = new byte[2];
        read(ch, two, q - 1, 2);
        return two[0] == '\r' && two[1] == '\n' ? q + 1 : q;
    }

    private static long firstBoundary(FileChannel ch, String file, long from, long size, byte state, byte[] cls) {
        if (state == ROW_START) {
            return from;
        }
        byte[] buf = new byte[64 << 10];
        byte s = state;
        for (long pos = from; pos < size; ) {
            int n = read(ch, buf, pos, (int) Math.min(buf.length, size - pos));
            for (int i = 0; i < n; i++) {
                s = NEXT[s * 5 + cls[buf[i] & 0xff]];
                if (s == ROW_START) {
                    return pos + i + 1;
                }
                if (s == ERROR) {
                    throw new DataSourceException(file + ": unexpected character after a closing quote at byte " + (pos + i));
                }
            }
            pos += n;
            if (buf.length < CHUNK) {
                buf = new byte[buf.length * 4];
            }
        }
        return size;
    }

    private static final ConcurrentHashMap<Key, Long> LINES = new ConcurrentHashMap<>();

    /**
     * @return how many line breaks (LF, CR, CRLF) lie in the bytes {@code [0, to)} of the file,
     *     summing memoised counts of the raw blocks before {@code to}, so that messages of many
     *     blocks do not each rescan the file from its start
     */
    static long linesBefore(FileChannel ch, Key file, long blockSize, long to) throws IOException {
        long lines = 0;
        long pos = 0;
        if (blockSize > 0) {
            for (; pos + blockSize <= to; pos += blockSize) {
                long from = pos;
                lines += LINES.computeIfAbsent(new Key(file.path(), file.size(), file.modified(), from, from + blockSize,
                        (byte) 0, (byte) 0), k -> linesIn(ch, k.from(), k.to()));
            }
            if (LINES.size() > MEMO_LIMIT) {
                LINES.clear();
            }
        }
        return lines + linesIn(ch, pos, to);
    }

    /** Counts LF, and CR not followed by LF (looking past {@code to} when needed), in {@code [from, to)}. */
    private static long linesIn(FileChannel ch, long from, long to) {
        byte[] buf = new byte[CHUNK + 1];
        long lines = 0;
        long size;
        try {
            size = ch.size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (long pos = from; pos < to; ) {
            int n = (int) Math.min(CHUNK, to - pos);
            int got = read(ch, buf, pos, (int) Math.min(n + 1, size - pos));
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (b == '\n' || (b == '\r' && (i + 1 >= got || buf[i + 1] != '\n'))) {
                    lines++;
                }
            }
            pos += n;
        }
        return lines;
    }

    static int read(FileChannel ch, byte[] buf, long pos, int n) {
        ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
        try {
            while (bb.hasRemaining()) {
                int r = ch.read(bb, pos + bb.position());
                if (r < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bb.position() < n) {
            throw new DataSourceException("file shrank while being read (expected " + n + " bytes at offset " + pos + ")");
        }
        return n;
    }
}
