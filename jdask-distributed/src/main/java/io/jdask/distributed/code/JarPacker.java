package io.jdask.distributed.code;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Packs a class directory into a jar whose bytes depend only on the files' relative paths and
 * contents: entries sorted by path, stored uncompressed (so the bytes do not depend on the zlib
 * version), every time stamp set to one fixed local date-time (so they do not depend on the time
 * zone), no extra fields or comments. Packing the same content on any machine gives the same
 * bytes, hence the same hash, so a worker's cache hits across clients and runs.
 */
final class JarPacker {
    private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
    private static final long MAX_BYTES = Integer.MAX_VALUE - 64;

    private JarPacker() {}

    /**
     * @param dir a directory
     * @return the jar's bytes
     * @throws IOException when a file cannot be read, or the directory holds more than 2 GiB
     */
    static byte[] pack(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> dirs = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.filter(p -> !p.equals(dir)).forEach(p -> (Files.isDirectory(p) ? dirs : files).add(p));
        }
        List<String[]> entries = new ArrayList<>(); // {name, path or null for a directory}
        for (Path d : dirs) {
            entries.add(new String[] {name(dir, d) + "/", null});
        }
        for (Path f : files) {
            entries.add(new String[] {name(dir, f), f.toString()});
        }
        entries.sort((a, b) -> a[0].compareTo(b[0]));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long total = 0;
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (String[] e : entries) {
                byte[] content = e[1] == null ? new byte[0] : Files.readAllBytes(Path.of(e[1]));
                total += content.length;
                if (total > MAX_BYTES) {
                    throw new IOException("class directory " + dir + " holds more than 2 GiB; package it as jars");
                }
                ZipEntry z = new ZipEntry(e[0]);
                z.setTimeLocal(FIXED_TIME);
                z.setMethod(ZipEntry.STORED);
                z.setSize(content.length);
                z.setCompressedSize(content.length);
                CRC32 crc = new CRC32();
                crc.update(content);
                z.setCrc(crc.getValue());
                zip.putNextEntry(z);
                zip.write(content);
                zip.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return bytes.toByteArray();
    }

    private static String name(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }
}
