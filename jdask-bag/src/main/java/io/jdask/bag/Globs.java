package io.jdask.bag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Expands file name patterns ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>, {@code **}) to sorted paths. */
final class Globs {
    private Globs() {}

    /**
     * @param patterns paths or glob patterns
     * @return the matching regular files, each pattern's matches sorted by name, duplicates dropped
     * @throws IllegalArgumentException when a pattern matches nothing
     */
    static List<Path> expand(List<String> patterns) {
        List<Path> out = new ArrayList<>();
        TreeSet<Path> seen = new TreeSet<>();
        for (String pattern : patterns) {
            List<Path> matches = expand(pattern);
            if (matches.isEmpty()) {
                throw new IllegalArgumentException("no files match " + pattern);
            }
            for (Path p : matches) {
                if (seen.add(p)) {
                    out.add(p);
                }
            }
        }
        return out;
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

    private static List<Path> expand(String pattern) {
        Path whole = Path.of(pattern).toAbsolutePath().normalize();
        if (!hasGlob(pattern)) {
            return Files.isRegularFile(whole) ? List.of(whole) : List.of();
        }
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
            return List.of();
        }
        String rest = whole.subpath(firstGlob, whole.getNameCount()).toString();
        int depth = rest.contains("**") ? Integer.MAX_VALUE : whole.getNameCount() - firstGlob;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        Path root = base;
        try (Stream<Path> files = Files.walk(base, depth)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> matcher.matches(root.relativize(p)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
        }
    }
}
