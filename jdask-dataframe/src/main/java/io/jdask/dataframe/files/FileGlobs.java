package io.jdask.dataframe.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands paths and glob patterns ({@code *}, {@code ?}, {@code [..]}, <code>{a,b}</code>, {@code
 * **} across directories) to the regular files they match, sorted by name.
 */
public final class FileGlobs {
    private FileGlobs() {}

    /**
     * @param pattern a path or a glob
     * @return the matching regular files as absolute, normalised paths, sorted; empty when none
     * @throws UncheckedIOException when a directory cannot be listed
     */
    public static List<Path> matches(String pattern) {
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
            return files.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param patterns paths or globs
     * @return each pattern's matches in turn (sorted by name), a file matched twice kept once
     * @throws IllegalArgumentException naming the first pattern that matches nothing
     */
    public static List<Path> matchesAll(List<String> patterns) {
        List<Path> out = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (String pattern : patterns) {
            List<Path> m = matches(pattern);
            if (m.isEmpty()) {
                throw new IllegalArgumentException("no files match " + pattern);
            }
            for (Path p : m) {
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
}
