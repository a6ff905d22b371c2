package io.jdask.dataframe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs pandas with Debian's {@code /usr/bin/python3}: {@link #readCsv} reads a CSV file with
 * {@code pandas.read_csv} and hands back its columns as JSON (missing values as null, timestamps as
 * ISO text), so tests compare the Java reader with pandas value by value.
 */
final class PandasCsv {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    private PandasCsv() {}

    /**
     * @param file the CSV file
     * @param kwargs extra keyword arguments of read_csv, Python syntax (e.g. {@code "sep=';'"}), or ""
     * @return {@code {"columns": [...], "dtypes": [...], "data": [[column values]...]}}
     */
    static JsonNode readCsv(Path file, String kwargs) throws IOException, InterruptedException {
        Path out = Files.createTempFile("pandas", ".json");
        try {
            String script = String.join("\n",
                    "import pandas as pd, json, math, sys",
                    "df = pd.read_csv(sys.argv[1]" + (kwargs.isEmpty() ? "" : ", " + kwargs) + ")",
                    "def conv(v):",
                    "    if v is None: return None",
                    "    if isinstance(v, float) and math.isnan(v): return None",
                    "    if v is pd.NaT: return None",
                    "    if isinstance(v, pd.Timestamp): return v.isoformat()",
                    "    if hasattr(v, 'item'): return v.item()",
                    "    return v",
                    "res = {'columns': [str(c) for c in df.columns], 'dtypes': [str(t) for t in df.dtypes],",
                    "       'data': [[conv(v) for v in df[c].tolist()] for c in df.columns]}",
                    "json.dump(res, open(sys.argv[2], 'w'))");
            run(script, file.toString(), out.toString());
            return new ObjectMapper().readTree(out.toFile());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static void run(String script, String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with pandas");
        String[] cmd = new String[3 + args.length];
        cmd[0] = PYTHON.toString();
        cmd[1] = "-c";
        cmd[2] = script;
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        Assumptions.assumeFalse(text.contains("No module named 'pandas'"), "needs pandas");
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python failed:\n" + text);
        }
    }
}
