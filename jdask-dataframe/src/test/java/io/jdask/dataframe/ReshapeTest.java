package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReshapeTest {
    @TempDir
    Path dir;

    /** A long (date, stock, close) table in shuffled order; some (date, stock) cells absent, some NaN. */
    static Frame history(int days, int stocks, long seed) {
        Random r = new Random(seed);
        List<int[]> cells = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            for (int s = 0; s < stocks; s++) {
                if (r.nextInt(5) != 0) {
                    cells.add(new int[] {d, s});
                }
            }
        }
        Collections.shuffle(cells, r);
        LocalDate[] date = new LocalDate[cells.size()];
        String[] stock = new String[cells.size()];
        double[] close = new double[cells.size()];
        for (int i = 0; i < cells.size(); i++) {
            date[i] = LocalDate.of(2020, 1, 1).plusDays(3L * cells.get(i)[0]);
            stock[i] = "T" + (char) ('A' + (cells.get(i)[1] * 7) % stocks);
            close[i] = r.nextInt(10) == 0 ? Double.NaN : Math.round(r.nextGaussian() * 1000) / 100.0;
        }
        return Frame.builder()
                .column("date", Column.ofDates(date))
                .column("stock", Column.ofStrings(stock))
                .column("close", Column.ofDoubles(close))
                .build();
    }

    private static void writeCsv(Path file, Frame f) throws Exception {
        StringBuilder sb = new StringBuilder(String.join(",", f.columnNames())).append('\n');
        for (int i = 0; i < f.numRows(); i++) {
            for (int j = 0; j < f.numColumns(); j++) {
                Object v = f.column(j).get(i);
                sb.append(j > 0 ? "," : "").append(v == null ? "" : v instanceof Double d ? Double.toString(d) : v.toString());
            }
            sb.append('\n');
        }
        Files.writeString(file, sb);
    }

    @Test
    void pivotMatchesPandas() throws Exception {
        Frame h = history(30, 9, 3);
        writeCsv(dir.resolve("h.csv"), h);
        Pandas.exec(dir, """
                h = pd.read_csv('h.csv', parse_dates=['date'])
                w = h.pivot(index='date', columns='stock', values='close')
                open('cols.txt', 'w').write('\\n'.join(w.columns))
                open('index.txt', 'w').write('\\n'.join(d.strftime('%Y-%m-%d') for d in w.index))
                w.to_numpy().tofile('w.bin')
                """);
        Frame w = Reshape.pivot(h, "date", "stock", "close");
        List<String> cols = Files.readAllLines(dir.resolve("cols.txt"));
        List<String> index = Files.readAllLines(dir.resolve("index.txt"));
        assertThat(w.columnNames()).isEqualTo(cols);
        assertThat(w.indexName()).isEqualTo("date");
        assertThat(w.isSorted()).isTrue();
        assertThat(w.index().dtype()).isEqualTo(DType.DATE);
        for (int i = 0; i < index.size(); i++) {
            assertThat(w.index().getDate(i).toString()).isEqualTo(index.get(i));
        }
        double[][] expected = Pandas.readMatrix(dir.resolve("w.bin"), index.size(), cols.size());
        for (int i = 0; i < index.size(); i++) {
            for (int j = 0; j < cols.size(); j++) {
                double e = expected[i][j];
                double a = w.column(j).getDouble(i);
                assertThat(Double.isNaN(a) ? "NaN" : Double.toString(a)).as(index.get(i) + " " + cols.get(j))
                        .isEqualTo(Double.isNaN(e) ? "NaN" : Double.toString(e));
            }
        }
    }

    @Test
    void pivotWithAGivenColumnOrderAndIntegerValues() {
        Frame h = Frame.builder()
                .column("day", Column.ofInts(3, 1, 3, 2))
                .column("key", Column.ofStrings("b", "a", "a", "b"))
                .column("n", Column.ofLongs(new long[] {30, 10, 31, 20}, new boolean[] {true, true, false, true}))
                .build();
        Frame w = Reshape.pivot(h, "day", "key", "n", List.of("zz", "b", "a"));
        assertThat(w.columnNames()).containsExactly("zz", "b", "a");
        assertThat(w.index()).isEqualTo(Column.ofInts(1, 2, 3));
        assertThat(w.column("zz")).isEqualTo(Column.ofLongs(new long[3], new boolean[3]));
        assertThat(w.column("b")).isEqualTo(Column.ofLongs(new long[] {0, 20, 30}, new boolean[] {false, true, true}));
        assertThat(w.column("a")).isEqualTo(Column.ofLongs(new long[] {10, 0, 0}, new boolean[] {true, false, false}));
    }

    @Test
    void pivotErrorsNameTheCulprit() {
        Frame dup = Frame.builder()
                .column("day", Column.ofInts(1, 2, 1))
                .column("key", Column.ofStrings("a", "a", "a"))
                .column("v", Column.ofDoubles(1, 2, 3))
                .build();
        assertThatThrownBy(() -> Reshape.pivot(dup, "day", "key", "v"))
                .hasMessage("pivot: duplicate entry for index 1 and column 'a' (rows 0 and 2)");
        assertThatThrownBy(() -> Reshape.pivot(dup, "day", "key", "v", List.of("b")))
                .hasMessageContaining("'key' value 'a' (row 0) is not one of the given output columns");
        Frame noIndex = Frame.builder()
                .column("day", Column.ofInts(new int[] {1, 2}, new boolean[] {true, false}))
                .column("key", Column.ofStrings("a", "b"))
                .column("v", Column.ofDoubles(1, 2))
                .build();
        assertThatThrownBy(() -> Reshape.pivot(noIndex, "day", "key", "v"))
                .hasMessage("pivot: index column 'day' has a missing value at row 1");
    }

    /** A square frame (index = column names) with NaN cells, like a correlation matrix. */
    static Frame square(int n, long seed) {
        Random r = new Random(seed);
        String[] names = new String[n];
        for (int i = 0; i < n; i++) {
            names[i] = "S" + i;
        }
        Frame.Builder b = Frame.builder().index(null, Column.ofStrings(names));
        for (int j = 0; j < n; j++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = r.nextInt(6) == 0 ? Double.NaN : Math.round(r.nextGaussian() * 1e4) / 1e4;
            }
            b.column(names[j], Column.ofDoubles(v));
        }
        return b.build();
    }

    private static void writeSquare(Path file, Frame f) throws Exception {
        int n = f.numRows();
        double[][] m = new double[n][n];
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(n * n * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                bb.putDouble(f.column(j).getDouble(i));
            }
        }
        Files.write(file, bb.array());
    }

    @Test
    void trianglesAndStackMatchPandas() throws Exception {
        int n = 9;
        Frame sq = square(n, 5);
        writeSquare(dir.resolve("sq.bin"), sq);
        Pandas.exec(dir, """
                n = %d
                names = ['S%%d' %% i for i in range(n)]
                df = pd.DataFrame(np.fromfile('sq.bin').reshape(n, n), index=names, columns=names)
                for name, mask in [('u1', np.triu(np.ones(df.shape), k=1)), ('u0', np.triu(np.ones(df.shape), k=0)),
                                   ('l1', np.tril(np.ones(df.shape), k=-1)), ('l0', np.tril(np.ones(df.shape), k=0))]:
                    t = df.where(mask.astype(bool))
                    t.to_numpy().tofile(name + '.bin')
                    s = t.stack().reset_index()
                    s.columns = ['stock1', 'stock2', 'correlation']
                    s.to_csv(name + '.csv', index=False, float_format='%%r')
                """.formatted(n));
        record Case(String name, Frame full, java.util.function.BiFunction<Frame, Integer, Frame> slice) {}
        List<Case> cases = List.of(
                new Case("u1", Reshape.upperTriangle(sq, false), (f, o) -> Reshape.upperTriangle(f, o, false)),
                new Case("u0", Reshape.upperTriangle(sq, true), (f, o) -> Reshape.upperTriangle(f, o, true)),
                new Case("l1", Reshape.lowerTriangle(sq, false), (f, o) -> Reshape.lowerTriangle(f, o, false)),
                new Case("l0", Reshape.lowerTriangle(sq, true), (f, o) -> Reshape.lowerTriangle(f, o, true)));
        for (Case c : cases) {
            double[][] e = Pandas.readMatrix(dir.resolve(c.name() + ".bin"), n, n);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double a = c.full().column(j).getDouble(i);
                    assertThat(Double.isNaN(a) ? "NaN" : Double.toString(a)).as(c.name() + " " + i + "," + j)
                            .isEqualTo(Double.isNaN(e[i][j]) ? "NaN" : Double.toString(e[i][j]));
                }
            }
            // partition by partition: the masked slices concatenate to the masked whole
            List<Frame> parts = new ArrayList<>();
            int[] cuts = {0, 2, 2, 5, 9};
            for (int k = 0; k + 1 < cuts.length; k++) {
                parts.add(c.slice().apply(sq.slice(cuts[k], cuts[k + 1]), cuts[k]));
            }
            assertThat(Frame.concat(parts)).isEqualTo(c.full());

            Frame stacked = Reshape.stack(c.full(), "stock1", "stock2", "correlation");
            List<String> lines = Files.readAllLines(dir.resolve(c.name() + ".csv"));
            assertThat(stacked.columnNames()).isEqualTo(List.of(lines.get(0).split(",")));
            assertThat(stacked.numRows()).isEqualTo(lines.size() - 1);
            for (int i = 0; i < stacked.numRows(); i++) {
                String[] cells = lines.get(i + 1).split(",");
                assertThat(stacked.column(0).getString(i)).isEqualTo(cells[0]);
                assertThat(stacked.column(1).getString(i)).isEqualTo(cells[1]);
                assertThat(stacked.column(2).getDouble(i)).isEqualTo(Double.parseDouble(cells[2]));
            }
            // stacking the partitions gives the rows of stacking the whole, in order
            Frame stackedParts = Frame.concat(parts.stream().map(p -> Reshape.stack(p, "stock1", "stock2", "correlation")).toList());
            assertThat(stackedParts).isEqualTo(stacked);
        }
    }

    @Test
    void stackKeepsAFloatTypeAndUsesPositionsWithoutAnIndex() {
        Frame f = Frame.builder()
                .column("a", Column.ofFloats(1f, Float.NaN))
                .column("b", Column.ofFloats(Float.NaN, 4f))
                .build();
        Frame s = Reshape.stack(f, "row", "col", "v");
        assertThat(s.column("row")).isEqualTo(Column.ofLongs(0, 1));
        assertThat(s.column("col").getString(0)).isEqualTo("a");
        assertThat(s.column("col").getString(1)).isEqualTo("b");
        assertThat(s.column("v")).isEqualTo(Column.ofFloats(1f, 4f));
        Frame mixed = f.withColumn("c", Column.ofInts(7, 8));
        assertThat(Reshape.stack(mixed, "row", "col", "v").column("v").dtype()).isEqualTo(DType.F64);
        assertThatThrownBy(() -> Reshape.stack(f.withColumn("s", Column.ofStrings("x", "y")), "r", "c", "v"))
                .hasMessageContaining("column 's' is string");
        assertThatThrownBy(() -> Reshape.upperTriangle(f.slice(0, 1), false)).hasMessageContaining("1 rows and 2 columns");
        assertThatThrownBy(() -> Reshape.upperTriangle(f, 1, false)).hasMessageContaining("rows 1..3 are not rows");
        assertThat(String.format(Locale.ROOT, "%s", Reshape.upperTriangle(f, true).column("a").dtype())).isEqualTo("F32");
    }
}
