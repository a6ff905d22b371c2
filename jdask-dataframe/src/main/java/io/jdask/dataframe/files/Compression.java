package io.jdask.dataframe.files;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/**
 * Compression named by a file's extension: {@code .gz}/{@code .gzip}, {@code .bz2}, {@code
 * .zst}/{@code .zstd}, else none. Readers read on through concatenated gzip members, bzip2 streams
 * and zstd frames, so appending to a compressed file ({@link #create} with {@code APPEND}) gives a
 * file that reads back whole.
 */
public enum Compression {
    /** Plain bytes. */
    NONE,
    /** gzip ({@code .gz}, {@code .gzip}). */
    GZIP,
    /** bzip2 ({@code .bz2}). */
    BZIP2,
    /** Zstandard ({@code .zst}, {@code .zstd}). */
    ZSTD;

    /**
     * @param path a file name
     * @return the compression its extension names (case-insensitive)
     */
    public static Compression of(String path) {
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

    /**
     * @param path the file
     * @return a stream of its uncompressed bytes
     * @throws IOException if it cannot be opened
     */
    public InputStream open(Path path) throws IOException {
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

    /**
     * @param path the file to write
     * @param options how to open it ({@link Files#newOutputStream}'s; none: create or replace)
     * @return a buffered stream that compresses into it
     * @throws IOException if it cannot be opened
     */
    public OutputStream create(Path path, OpenOption... options) throws IOException {
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
