package io.jdask.bag;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;

/** Compression chosen by file extension: {@code .gz}, {@code .bz2}, {@code .zst}/{@code .zstd}, else none. */
enum Compression {
    NONE, GZIP, BZIP2, ZSTD;

    /**
     * @param path a file name
     * @return the compression its extension names
     */
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

    /**
     * @param path the file
     * @return a stream of its uncompressed bytes
     * @throws IOException if it cannot be opened
     */
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

    /**
     * @param path the file to (over)write
     * @return a stream that compresses into it
     * @throws IOException if it cannot be created
     */
    OutputStream create(Path path) throws IOException {
        OutputStream raw = new BufferedOutputStream(Files.newOutputStream(path), 1 << 16);
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
