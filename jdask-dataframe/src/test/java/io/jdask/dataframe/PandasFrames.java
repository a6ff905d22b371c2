package io.jdask.dataframe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Exchanges frames with pandas 1.5 (through {@link Pandas#exec}) as CSV files: {@link #write}
 * names each column {@code name|dtype} (the index as {@code @name|dtype}), the script's
 * {@code load(path)} reads it back with matching pandas dtypes (nullable {@code Int64} for integers,
 * categories as ordered {@code Categorical}s, timestamps as {@code datetime64[ns]} (saved back as epoch nanoseconds), dates as epoch days, {@code boolean}, objects for strings), and
 * {@code save(df, path)} writes a result that {@link #assertMatches} compares cell by cell.
 */
final class PandasFrames {
    private static final String PRELUDE = """
            import csv, sys
            TYPES = {'f64': 'float64', 'f32': 'float64', 'f16': 'float64', 'i64': 'Int64', 'i32': 'Int64',
                     'timestamp': object, 'date': 'Int64', 'bool': 'boolean', 'string': object, 'category': object}
            def load(p):
                with open(p, encoding='utf-8', newline='') as fh:
                    header = next(csv.reader(fh))
                df = pd.read_csv(p, dtype={h: TYPES[h.rsplit('|', 1)[1].split(':')[0]] for h in header},
                                 keep_default_na=False, na_values=[''], encoding='utf-8',
                                 float_precision='round_trip')
                names = [h.rsplit('|', 1)[0] for h in header]
                df.columns = names
                for h, n in zip(header, names):
                    if '|category:' in h:
                        df[n] = pd.Categorical(df[n], categories=h.split('|category:')[1].split(';'), ordered=True)
                    if h.endswith('|timestamp'):
                        df[n] = pd.Series([np.datetime64(int(x), 'ns') if isinstance(x, str) else np.datetime64('NaT')
                                           for x in df[n]], dtype='datetime64[ns]', index=df.index)
                idx = [n for n in names if n.startswith('@')]
                if idx:
                    df = df.set_index(idx[0])
                    df.index.name = idx[0][1:] or None
                return df
            def save(df, p):
                df = df.copy()
                for c in df.columns:
                    if str(df[c].dtype).startswith('datetime64'):
                        vals, na = df[c].values.view('i8'), df[c].isna().values
                        df[c] = pd.Series([None if m else str(v) for v, m in zip(vals, na)], dtype=object, index=df.index)
                df.to_csv(p, index=False, float_format='%.17g')
            """;

    private PandasFrames() {}

    static void run(Path dir, String script) throws IOException, InterruptedException {
        Pandas.exec(dir, PRELUDE + script);
    }

    static void write(Frame f, Path path) throws IOException {
        List<String> header = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        if (f.hasIndex()) {
            header.add("@" + (f.indexName() == null ? "" : f.indexName()) + "|" + f.index().dtype().label()
                    + (f.index().dtype() == DType.CATEGORY ? ":" + String.join(";", f.index().dictionary()) : ""));
            cols.add(f.index());
        }
        for (String n : f.columnNames()) {
            Column c = f.column(n);
            header.add(n + "|" + c.dtype().label() + (c.dtype() == DType.CATEGORY ? ":" + String.join(";", c.dictionary()) : ""));
            cols.add(f.column(n));
        }
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (int i = 0; i < f.numRows(); i++) {
            for (int c = 0; c < cols.size(); c++) {
                b.append(c == 0 ? "" : ",").append(cell(cols.get(c), i));
            }
            b.append('\n');
        }
        Files.writeString(path, b);
    }

    private static String cell(Column c, int i) {
        if (c.isNull(i)) {
            return "";
        }
        return switch (c.dtype()) {
            case F64, F32, F16 -> Double.toString(c.getDouble(i));
            case I64, I32, TIMESTAMP, DATE -> Long.toString(c.getLong(i));
            case BOOL -> c.getBoolean(i) ? "True" : "False";
            case STRING, CATEGORY -> '"' + c.getString(i).replace("\"", "\"\"") + '"';
        };
    }

    /** Compares our frame's columns (not its index) with a CSV written by {@code save}; floats to {@code tol}, relative. */
    static void assertMatches(Frame ours, Path csv, double tol, String what) throws IOException {
        List<List<String>> rows = parse(Files.readString(csv));
        List<String> header = rows.isEmpty() ? List.of() : rows.get(0);
        if (rows.size() <= 1 && ours.numRows() == 0) {
            // pandas orders the columns of some empty merges differently; only the names are compared
            assertEquals(new java.util.TreeSet<>(ours.columnNames()), new java.util.TreeSet<>(header), what + ": columns");
            return;
        }
        assertEquals(ours.columnNames(), header, what + ": columns");
        assertEquals(ours.numRows(), rows.size() - 1, what + ": rows");
        for (int c = 0; c < header.size(); c++) {
            Column col = ours.column(c);
            for (int i = 0; i < ours.numRows(); i++) {
                String e = rows.get(i + 1).get(c);
                String where = what + ": column '" + header.get(c) + "' row " + i + ": pandas '" + e + "', ours " + col.get(i);
                if (e.isEmpty()) {
                    assertTrue(col.isNull(i), where);
                    continue;
                }
                if (col.isNull(i)) {
                    fail(where);
                }
                switch (col.dtype()) {
                    case F64, F32, F16 -> assertClose(parseDouble(e), col.getDouble(i), tol, where);
                    case I64, I32, TIMESTAMP, DATE -> {
                        if (e.contains(".") || e.contains("e")) {
                            assertClose(parseDouble(e), col.getDouble(i), 0, where);
                        } else {
                            assertEquals(Long.parseLong(e), col.getLong(i), where);
                        }
                    }
                    case BOOL -> assertEquals(e.equals("True") || e.equals("1.0") || e.equals("1"), col.getBoolean(i), where);
                    case STRING, CATEGORY -> assertEquals(e, col.getString(i), where);
                }
            }
        }
    }

    static void assertClose(double expected, double actual, double tol, String where) {
        if (Double.isNaN(expected) || Double.isInfinite(expected)) {
            assertEquals(expected, actual, where);
            return;
        }
        double scale = Math.max(1, Math.max(Math.abs(expected), Math.abs(actual)));
        if (!(Math.abs(expected - actual) <= tol * scale)) {
            fail(where + " (differ by " + Math.abs(expected - actual) + ")");
        }
    }

    private static double parseDouble(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /** A small CSV reader (quotes, doubled quotes; no embedded newlines in our data). */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cur = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cur.toString());
                    cur.setLength(0);
                } else {
                    cur.append(ch);
                }
            }
            cells.add(cur.toString());
            rows.add(cells);
        }
        return rows;
    }
}
