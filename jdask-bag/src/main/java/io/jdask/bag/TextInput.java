package io.jdask.bag;

import io.jdask.dataframe.files.Compression;
import io.jdask.dataframe.files.FileGlobs;
import io.jdask.graph.Graph;
import io.jdask.graph.Key;
import io.jdask.graph.Node;
import io.jdask.graph.Task;
import io.jdask.tokenize.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Options for reading text files into a bag of lines, like Dask's {@code read_text}:
 *
 * <pre>{@code
 * Bag<String> lines = TextInput.of("logs/*.txt.gz", "more/*.log").read();
 * Bag<String> big = TextInput.of("huge.csv").blockSize(64 << 20).encoding(StandardCharsets.ISO_8859_1).read();
 * Bag<TextLine> tagged = TextInput.of("logs/*.txt").readWithPath();
 * }</pre>
 *
 * <p>Patterns are paths or globs ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>,
 * {@code **} across directories); each pattern's matches are sorted by name, and a pattern that
 * matches nothing is an error. Files ending in {@code .gz}, {@code .bz2} or {@code .zst} are
 * decompressed. Each file is one partition, or with {@link #blockSize(long)} an uncompressed file
 * larger than the block size is split into blocks at line boundaries. Lines are split at {@code
 * \n} or {@code \r\n} and come without their terminator (unlike Dask, which keeps it); text that
 * is not valid in the encoding fails the read, naming the file. Immutable: every option returns a
 * new instance.
 */
public final class TextInput {
    private final List<String> patterns;
    private final long blockSize;
    private final String charset;

    private TextInput(List<String> patterns, long blockSize, String charset) {
        this.patterns = patterns;
        this.blockSize = blockSize;
        this.charset = charset;
    }

    /**
     * @param patterns file paths or glob patterns, at least one
     * @return options reading those files as UTF-8, one partition per file
     */
    public static TextInput of(String... patterns) {
        if (patterns.length == 0) {
            throw new IllegalArgumentException("readText needs at least one path or pattern");
        }
        return new TextInput(List.of(patterns), 0, StandardCharsets.UTF_8.name());
    }

    /**
     * @param bytes split uncompressed files into blocks of about this many bytes (at line
     *     boundaries); 0 for one partition per file
     * @return new options
     */
    public TextInput blockSize(long bytes) {
        if (bytes < 0 || bytes > (1L << 30)) {
            throw new IllegalArgumentException("block size must be between 0 and 1 GiB, not " + bytes);
        }
        return new TextInput(patterns, bytes, charset);
    }

    /**
     * @param encoding the files' encoding (default UTF-8)
     * @return new options
     */
    public TextInput encoding(Charset encoding) {
        return new TextInput(patterns, blockSize, encoding.name());
    }

    /** @return a bag of the files' lines, in file order */
    public Bag<String> read() {
        return build(false);
    }

    /** @return a bag of the files' lines, each with the path of its file */
    public Bag<TextLine> readWithPath() {
        return build(true);
    }

    private <T> Bag<T> build(boolean withPath) {
        Charset cs = Charset.forName(charset);
        boolean splittable = Arrays.equals("\n".getBytes(cs), new byte[] {'\n'});
        if (blockSize > 0 && !splittable) {
            throw new IllegalArgumentException("cannot split " + cs.name() + " text into blocks: '\\n' is not one byte in it");
        }
        List<Path> files = FileGlobs.matchesAll(patterns);
        List<Object> identity = new ArrayList<>();
        List<TextReading.ReadBlock> reads = new ArrayList<>();
        for (Path f : files) {
            String path = f.toString();
            long size;
            long modified;
            try {
                size = Files.size(f);
                modified = Files.getLastModifiedTime(f).toMillis();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
            identity.add(path);
            identity.add(size);
            identity.add(modified);
            if (blockSize > 0 && size > blockSize && Compression.of(path) == Compression.NONE) {
                for (long start = 0; start < size; start += blockSize) {
                    reads.add(new TextReading.ReadBlock(path, start, Math.min(size, start + blockSize), charset, withPath));
                }
            } else {
                reads.add(new TextReading.ReadBlock(path, 0, -1, charset, withPath));
            }
        }
        String name = "read-text-" + Tokens.token(identity, blockSize, charset, withPath);
        List<Node> nodes = new ArrayList<>(reads.size());
        for (int i = 0; i < reads.size(); i++) {
            nodes.add(new Task(Key.of(name, i), reads.get(i)));
        }
        return new Bag<>(name, reads.size(), Graph.of(nodes, List.of()));
    }
}
