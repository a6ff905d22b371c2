package io.jdask.array;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs a short NumPy script with Debian's {@code /usr/bin/python3} in a directory; tests exchange arrays as {@code .npy}. */
final class NumPy {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private NumPy() {}

    static void run(Path dir, String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with NumPy");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy as np\n" + script)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        Assumptions.assumeFalse(out.contains("No module named 'numpy'"), "needs NumPy");
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python failed:\n" + out);
        }
    }
}
