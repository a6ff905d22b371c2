package io.jdask.dataframe;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a short pandas script with Debian's {@code /usr/bin/python3} in a directory. Tests exchange
 * float64 matrices as raw little-endian files ({@code np.fromfile}/{@code tofile}) and text files.
 */
final class PandasCorr {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PandasCorr() {}

    static void run(Path dir, String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with pandas");
        Process p = new ProcessBuilder(PYTHON.toString(), "-c",
                "import warnings\nwarnings.simplefilter('ignore')\nimport numpy as np\nimport pandas as pd\n" + script)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        Assumptions.assumeFalse(out.contains("No module named"), "needs numpy and pandas");
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python failed:\n" + out);
        }
    }

    /** Writes the frame's columns (as doubles, NaN where missing) row-major: rows x columns. */
    static void writeMatrix(Path file, Frame f) throws IOException {
        int rows = f.numRows();
        int cols = f.numColumns();
        ByteBuffer b = ByteBuffer.allocate(rows * cols * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                b.putDouble(f.column(j).getDouble(i));
            }
        }
        Files.write(file, b.array());
    }

    /** Reads a row-major float64 matrix written by {@code ndarray.tofile}. */
    static double[][] readMatrix(Path file, int rows, int cols) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.remaining() != rows * cols * 8) {
            throw new IllegalStateException(file + " holds " + b.remaining() + " bytes, expected " + rows * cols * 8);
        }
        double[][] m = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m[i][j] = b.getDouble();
            }
        }
        return m;
    }
}
