package io.jdask.diagnostics;

import java.io.File;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Runs Graphviz's {@code dot} program, found on the {@code PATH}, to lay out and draw a graph. */
final class Graphviz {
    private Graphviz() {}

    /**
     * @param pathVariable a {@code PATH}-style list of directories (may be null)
     * @return the first executable {@code dot} (or {@code dot.exe}) in them
     */
    static Optional<Path> findDot(String pathVariable) {
        if (pathVariable == null || pathVariable.isBlank()) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String name : new String[] {"dot", "dot.exe"}) {
                try {
                    Path p = Path.of(dir, name);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return Optional.of(p);
                    }
                } catch (java.nio.file.InvalidPathException e) {
                    // a malformed PATH entry: skip it
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Draws DOT source into a file.
     *
     * @param dotSource the graph
     * @param format Graphviz's output format ({@code svg}, {@code png}, {@code pdf})
     * @param out the file to write
     * @param pathVariable where to look for {@code dot}
     * @throws IOException if {@code dot} is not installed, fails, or the file cannot be written
     */
    static void render(String dotSource, String format, Path out, String pathVariable) throws IOException {
        Path dot = findDot(pathVariable).orElseThrow(() -> new IOException(
                "cannot write " + out + ": drawing ." + format + " files needs Graphviz's 'dot' program, which is"
                        + " not on the PATH. Install Graphviz (Debian/Ubuntu: apt-get install graphviz;"
                        + " macOS: brew install graphviz) or write a .dot file instead."));
        Path errors = Files.createTempFile("jdask-dot", ".err");
        try {
            Process p = new ProcessBuilder(dot.toString(), "-T" + format, "-o", out.toAbsolutePath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile())
                    .start();
            try (OutputStream in = p.getOutputStream()) {
                in.write(dotSource.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // dot exited early; its exit status and messages below say why
            }
            int status;
            try {
                status = p.waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while Graphviz drew " + out);
            }
            if (status != 0) {
                String message = Files.readString(errors, StandardCharsets.UTF_8).strip();
                throw new IOException(dot + " -T" + format + " failed with exit status " + status
                        + (message.isEmpty() ? "" : ": " + message));
            }
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
