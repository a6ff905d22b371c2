package io.jdask.bag;

import io.jdask.dataframe.files.Compression;
import io.jdask.graph.TaskFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes partitions as text files, one element per line, compressed by extension. */
final class TextWriting {
    private TextWriting() {}

    /**
     * @param pattern a path with one {@code *} (replaced by the zero-padded partition number), or a
     *     directory (files {@code 0.part}, {@code 1.part}, ...)
     * @param n the number of partitions
     * @return one path per partition
     */
    static List<String> paths(String pattern, int n) {
        int width = String.valueOf(Math.max(0, n - 1)).length();
        int star = pattern.indexOf('*');
        if (star >= 0 && pattern.indexOf('*', star + 1) >= 0) {
            throw new IllegalArgumentException("a file pattern may hold only one '*': " + pattern);
        }
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String num = String.format("%0" + width + "d", i);
            Path p = star >= 0 ? Path.of(pattern.substring(0, star) + num + pattern.substring(star + 1))
                    : Path.of(pattern, num + ".part");
            out.add(p.toAbsolutePath().normalize().toString());
        }
        return out;
    }

    /** Writes its partition to {@code path}; returns the path. */
    record WritePartition(String path, String charset) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws IOException {
            Path p = Path.of(path);
            if (p.getParent() != null) {
                Files.createDirectories(p.getParent());
            }
            List<Object> part = Elementwise.part(args[0]);
            try (OutputStream out = Compression.of(path).create(p);
                    Writer w = new OutputStreamWriter(out, Charset.forName(charset).newEncoder())) {
                for (Object o : part) {
                    w.write(String.valueOf(o));
                    w.write('\n');
                }
            }
            return path;
        }
    }

    /** The list argument itself: gathers the written paths. */
    record Gather() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            return new ArrayList<>((List<?>) args[0]);
        }
    }
}
