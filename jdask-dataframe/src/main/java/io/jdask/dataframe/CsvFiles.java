package io.jdask.dataframe;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** File name patterns and compression by extension for the CSV reader and writer. */
final class CsvFiles {
    private CsvFiles() {}

    /** Compression named by a file's extension: {@code .gz}, {@code .bz2}, {@code .zst}/{@code .zstd}, else none. */
    enum Compression {
        NONE, GZIP, BZIP2, ZSTD;

        static Compression of(String path) {
            String name = path.toLowerCase(Locale.ROOT);
            if (name.endsWith(".gz") || name.endsWith(".gzip")) {
                return GZIP;
            }
            if (name.endsWith(".bz2")) {
                return BZIP2;
            }
            if (name.endsWith(".zst") || name.endsWith(".zstd")) {
                return ZSTD;
            }
            return NONE;
        }

        InputStream open(Path path) throws IOException {
            InputStream raw = Files.newInputStream(path);
            try {
                return switch (this) {
                    case NONE -> raw;
                    case GZIP -> new GZIPInputStream(raw, 1 << 16);
                    case BZIP2 -> new BZip2CompressorInputStream(new BufferedInputStream(raw, 1 << 16), true);
                    case ZSTD -> new ZstdInputStream(new BufferedInputStream(raw, 1 << 16));
                };
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }

        /** Appending to a compressed file adds a member/frame/stream, which every decompressor here reads on. */
        OutputStream create(Path path, OpenOption... options) throws IOException {
            OutputStream raw = new BufferedOutputStream(Files.newOutputStream(path, options), 1 << 16);
            try {
                return switch (this) {
                    case NONE -> raw;
                    case GZIP -> new GZIPOutputStream(raw, 1 << 16);
                    case BZIP2 -> new BZip2CompressorOutputStream(raw);
                    case ZSTD -> new ZstdOutputStream(raw);
                };
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }
    }

    private static boolean hasGlob(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return true;
            }
        }
        return false;
    }

    /**
     * @param pattern a path or a glob ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>, {@code **})
     * @return the matching regular files, sorted by name
     * @throws DataSourceException when nothing matches, naming the pattern
     */
    static List<Path> expand(String pattern) {
        Path whole = Path.of(pattern).toAbsolutePath().normalize();
        List<Path> out;
        if (!hasGlob(pattern)) {
            out = Files.isRegularFile(whole) ? List.of(whole) : List.of();
        } else {
            Path base = whole.getRoot();
            int firstGlob = 0;
            for (; firstGlob < whole.getNameCount(); firstGlob++) {
                String part = whole.getName(firstGlob).toString();
                if (hasGlob(part)) {
                    break;
                }
                base = base.resolve(part);
            }
            if (!Files.isDirectory(base)) {
                out = List.of();
            } else {
                String rest = whole.subpath(firstGlob, whole.getNameCount()).toString();
                int depth = rest.contains("**") ? Integer.MAX_VALUE : whole.getNameCount() - firstGlob;
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
                Path root = base;
                try (Stream<Path> files = Files.walk(base, depth)) {
                    out = files.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p))).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
                }
            }
        }
        if (out.isEmpty()) {
            throw new DataSourceException("readCsv: no files match " + pattern);
        }
        return out;
    }
}
