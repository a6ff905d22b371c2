package io.jdask.dataframe;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs short pandas scripts with Debian's {@code /usr/bin/python3} (pandas 1.5, NumPy 1.24), the
 * independent computation the tests compare with. Every script starts with {@code import numpy as
 * np}, {@code import pandas as pd} and warnings silenced. Data goes in and out as files:
 * <ul>
 *   <li>{@link #run}: the script assigns {@code result} (plain values, lists, dicts), which comes
 *       back as JSON (NaN allowed); input frames as CSV from {@link #writeCsv} (see {@link PandasCheck});
 *   <li>{@link #writeMatrix}/{@link #readMatrix}: float64 matrices as raw little-endian files
 *       ({@code np.fromfile}/{@code tofile}), for correlations;
 *   <li>{@link #readCsv}: a CSV file read by {@code pandas.read_csv}, its columns as JSON;
 *   <li>{@link PandasFrames}: frames of every dtype, both ways, compared cell by cell.
 * </ul>
 * Tests are skipped when python3 or pandas is missing.
 */
final class Pandas {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final String PRELUDE = "import warnings\nwarnings.simplefilter('ignore')\nimport json\nimport numpy as np\nimport pandas as pd\n";
    private static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private Pandas() {}

    /**
     * Runs a script in a directory ({@code sys.argv[1:]} are the arguments).
     *
     * @return what it printed
     */
    static String exec(Path dir, String script, String... args) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Files.isExecutable(PYTHON), "needs /usr/bin/python3 with pandas");
        List<String> cmd = new ArrayList<>(List.of(PYTHON.toString(), "-c", PRELUDE + script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python timed out");
        }
        Assumptions.assumeFalse(out.contains("No module named"), "needs numpy and pandas");
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python failed:\n" + out);
        }
        return out;
    }

    /** Runs a script that assigns {@code result}; returns it, through JSON. */
    static JsonNode run(Path dir, String script) throws IOException, InterruptedException {
        String out = exec(dir, script
                + "\nprint('@@RESULT@@' + json.dumps(result, default=lambda o: o.item() if hasattr(o, 'item') else str(o)))\n");
        if (!out.contains("@@RESULT@@")) {
            throw new IllegalStateException("python printed no result:\n" + out);
        }
        return JSON.readTree(out.substring(out.indexOf("@@RESULT@@") + 10));
    }

    /**
     * @param file the CSV file
     * @param kwargs extra keyword arguments of read_csv, Python syntax (e.g. {@code "sep=';'"}), or ""
     * @return {@code {"columns": [...], "dtypes": [...], "data": [[column values]...]}}: missing
     *     values null, timestamps ISO text
     */
    static JsonNode readCsv(Path file, String kwargs) throws IOException, InterruptedException {
        return run(file.toAbsolutePath().getParent(), String.join("\n",
                "import math",
                "df = pd.read_csv(" + pythonString(file.toAbsolutePath().toString()) + (kwargs.isEmpty() ? "" : ", " + kwargs) + ")",
                "def conv(v):",
                "    if v is None: return None",
                "    if isinstance(v, float) and math.isnan(v): return None",
                "    if v is pd.NaT: return None",
                "    if isinstance(v, pd.Timestamp): return v.isoformat()",
                "    if hasattr(v, 'item'): return v.item()",
                "    return v",
                "result = {'columns': [str(c) for c in df.columns], 'dtypes': [str(t) for t in df.dtypes],",
                "          'data': [[conv(v) for v in df[c].tolist()] for c in df.columns]}"));
    }

    private static String pythonString(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Writes the index (if any) and the columns as CSV; missing values are empty cells. */
    static void writeCsv(Frame f, Path file) throws IOException {
        StringBuilder b = new StringBuilder();
        List<String> header = new ArrayList<>();
        if (f.hasIndex()) {
            header.add(f.indexName() == null ? "index" : f.indexName());
        }
        header.addAll(f.columnNames());
        b.append(String.join(",", header)).append('\n');
        for (int i = 0; i < f.numRows(); i++) {
            List<String> cells = new ArrayList<>();
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
