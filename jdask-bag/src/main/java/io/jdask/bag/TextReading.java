package io.jdask.bag;

import io.jdask.dataframe.files.Compression;
import io.jdask.graph.TaskFunction;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one partition of text: a whole file (decompressed by extension) or a block of an
 * uncompressed file. A block {@code [start, end)} holds the lines that <em>start</em> in it: it
 * skips the line that began before {@code start} and reads past {@code end} to finish its last
 * line. Lines therefore never split, and since block edges fall just after a {@code '\n'} byte,
 * neither do multi-byte characters (block reading is only allowed for encodings in which
 * {@code '\n'} is the single byte 0x0A).
 */
final class TextReading {
    private static final int SCAN = 1 << 16;

    private TextReading() {}

    /**
     * The task that reads a file or block into a partition of lines (or {@link TextLine}s).
     *
     * @param path the file
     * @param start first byte of the block (0 for a whole file)
     * @param end end of the block, or -1 for the whole file
     * @param charset the encoding's name
     * @param withPath whether to pair each line with the path
     */
    record ReadBlock(String path, long start, long end, String charset, boolean withPath) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws IOException {
            String text = decode(bytes(), Charset.forName(charset), path);
            List<String> lines = splitLines(text);
            if (!withPath) {
                return lines;
            }
            ArrayList<Object> out = new ArrayList<>(lines.size());
            for (String line : lines) {
                out.add(new TextLine(line, path));
            }
            return out;
        }

        /**
         * @return the undecoded bytes of the partition's lines
         * @throws IOException if the file cannot be read
         */
        byte[] bytes() throws IOException {
            Path p = Path.of(path);
            return end < 0 ? readWhole(p) : readBlock(p, start, end);
        }
    }

    static byte[] readWhole(Path p) throws IOException {
        try (InputStream in = Compression.of(p.toString()).open(p)) {
            return in.readAllBytes();
        }
    }

    static byte[] readBlock(Path p, long start, long end) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            long from = start;
            if (start > 0) {
                long nl = findNewline(ch, start - 1, size);
                from = nl < 0 ? size : nl + 1;
            }
            if (from >= Math.min(end, size)) {
                return new byte[0];
            }
            long nl = findNewline(ch, end - 1, size);
            long to = nl < 0 ? size : nl + 1;
            if (to - from > Integer.MAX_VALUE - 16) {
                throw new IOException("a line block of " + p + " is larger than 2 GiB; use a smaller block size");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
            while (buf.hasRemaining()) {
                if (ch.read(buf, from + buf.position()) < 0) {
                    throw new IOException(p + " shrank while it was being read");
                }
            }
            return buf.array();
        }
    }

    /** @return the position of the first '\n' at or after {@code pos}, or -1 */
    private static long findNewline(FileChannel ch, long pos, long size) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(SCAN);
        for (long at = pos; at < size; at += SCAN) {
            buf.clear();
            int n = ch.read(buf, at);
            if (n <= 0) {
                return -1;
            }
            byte[] a = buf.array();
            for (int i = 0; i < n; i++) {
                if (a[i] == '\n') {
                    return at + i;
                }
            }
        }
        return -1;
    }

    /**
     * Decodes strictly: malformed or unmappable input is an error naming the file. UTF-8 takes
     * the JDK's fast {@code new String} path first: it replaces malformed input with U+FFFD, so
     * text without any U+FFFD was valid; only text with one is decoded again, strictly.
     */
    static String decode(byte[] bytes, Charset charset, String path) throws IOException {
        if (charset.equals(StandardCharsets.UTF_8)) {
            String fast = new String(bytes, StandardCharsets.UTF_8);
            if (fast.indexOf('\uFFFD') < 0) {
                return fast;
            }
        }
        try {
            CharBuffer chars = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IOException(path + " is not valid " + charset.name() + " text (" + e + ")", e);
        }
    }

    /**
     * Splits text at {@code "\n"} and {@code "\r\n"}; terminators are dropped, a final terminator
     * adds no empty line, and a lone {@code '\r'} is kept as a character.
     *
     * @param text the text
     * @return its lines
     */
    static List<String> splitLines(String text) {
        ArrayList<String> out = new ArrayList<>(Math.max(16, text.length() / 64));
        int n = text.length();
        int pos = 0;
        while (pos < n) {
            int nl = text.indexOf('\n', pos);
            int end = nl < 0 ? n : nl;
            int cut = nl >= 0 && end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(text.substring(pos, cut));
            pos = nl < 0 ? n : nl + 1;
        }
        return out;
    }
}
