package io.jdask.dataframe;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs a short pandas script with Debian's {@code /usr/bin/python3} in a directory. Tests write
 * their input frames as CSV ({@link #writeCsv}); the script assigns {@code result} (plain Python
 * values, lists and dicts), which comes back as JSON (NaN allowed).
 */
final class Pandas {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Pandas() {}

    static JsonNode run(Path dir, String script) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with pandas");
        String full = "import json\nimport numpy as np\nimport pandas as pd\n" + script
                + "\nprint('@@RESULT@@' + json.dumps(result, default=lambda o: o.item() if hasattr(o, 'item') else str(o)))\n";
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", full).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        Assumptions.assumeFalse(out.contains("No module named 'pandas'"), "needs pandas");
        if (p.exitValue() != 0 || !out.contains("@@RESULT@@")) {
            throw new IllegalStateException("python failed:\n" + out);
        }
        return JSON.readTree(out.substring(out.indexOf("@@RESULT@@") + 10));
    }

    /** Writes the index (if any) and the columns as CSV; missing values are empty cells. */
    static void writeCsv(Frame f, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        java.util.List<String> header = new java.util.ArrayList<>();
        if (f.hasIndex()) {
            header.add(f.indexName() == null ? "index" : f.indexName());
        }
        header.addAll(f.columnNames());
        b.append(String.join(",", header)).append('\n');
        for (int i = 0; i < f.numRows(); i++) {
            java.util.List<String> cells = new java.util.ArrayList<>();
            if (f.hasIndex()) {
                cells.add(cell(f.index(), i));
            }
            for (int c = 0; c < f.numColumns(); c++) {
                cells.add(cell(f.column(c), i));
            }
            b.append(String.join(",", cells)).append('\n');
        }
        Files.writeString(file, b.toString());
    }

    private static String cell(Column c, int i) {
        if (c.isNull(i)) {
            return "";
        }
        return switch (c.dtype()) {
            case F64 -> Double.toString(c.getDouble(i));
            case F32, F16 -> Float.toString(c.getFloat(i));
            default -> String.valueOf(c.get(i));
        };
    }
}
