package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdask.Jdask;
import io.jdask.Lazy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Element-wise Series and DataFrame operations against pandas, on uneven partitions with missing values. */
class SeriesOpsTest {
    private static final Frame F = TestData.frame(300, 7);

    @TempDir
    Path dir;

    @Test
    void elementwiseOperationsMatchPandas() throws Exception {
        DataFrame df = TestData.uneven(F);
        Series a = df.col("a");
        Series b = df.col("b");
        Series c = df.col("c");
        Series d = df.col("d");
        Series k = df.col("k");
        Series t = df.col("t");
        Instant when = Instant.parse("2000-06-01T00:00:00Z");
        Map<String, Series> ops = new LinkedHashMap<>();
        Map<String, String> pandas = new LinkedHashMap<>();
        ops.put("a+b", a.add(b));
        pandas.put("a+b", "df.a + df.b");
        ops.put("b+k", b.add(k));
        pandas.put("b+k", "df.b + df.k");
        ops.put("k*3", k.mul(3));
        pandas.put("k*3", "df.k * 3");
        ops.put("a-2.5", a.sub(2.5));
        pandas.put("a-2.5", "df.a - 2.5");
        ops.put("10-b", b.rsub(10));
        pandas.put("10-b", "10 - df.b");
        ops.put("a*d", a.mul(d));
        pandas.put("a*d", "df.a * df.d");
        ops.put("b/k", b.div(k));
        pandas.put("b/k", "df.b / df.k");
        ops.put("1/k", k.rdiv(1.0));
        pandas.put("1/k", "1.0 / df.k");
        ops.put("a>0.5", a.gt(0.5));
        pandas.put("a>0.5", "df.a > 0.5");
        ops.put("b<=10", b.le(10));
        pandas.put("b<=10", "df.b <= 10");
        ops.put("c==fig", c.eq("fig"));
        pandas.put("c==fig", "df.c == 'fig'");
        ops.put("c<cherry", c.lt("cherry"));
        pandas.put("c<cherry", "df.c.where(df.c.notna(), None).map(lambda v: v is not None and v < 'cherry')");
        ops.put("c!=apple", c.ne("apple"));
        pandas.put("c!=apple", "df.c != 'apple'");
        ops.put("a>=d", a.ge(d));
        pandas.put("a>=d", "df.a >= df.d");
        ops.put("b!=k", b.ne(k));
        pandas.put("b!=k", "df.b != df.k");
        ops.put("t>when", t.gt(when));
        pandas.put("t>when", "df.t > pd.Timestamp('2000-06-01', tz='UTC')");
        ops.put("and", a.gt(0).and(c.eq("fig")));
        pandas.put("and", "(df.a > 0) & (df.c == 'fig')");
        ops.put("or", a.gt(0).or(k.eq(2)));
        pandas.put("or", "(df.a > 0) | (df.k == 2)");
        ops.put("not", a.gt(0).not());
        pandas.put("not", "~(df.a > 0)");
        for (String col : List.of("a", "b", "c", "t")) {
            ops.put("isna " + col, df.col(col).isna());
            pandas.put("isna " + col, "df." + col + ".isna()");
        }
        ops.put("fill a", a.fillna(0.0));
        pandas.put("fill a", "df.a.fillna(0.0)");
        ops.put("fill b", b.fillna(7L));
        pandas.put("fill b", "df.b.fillna(7)");
        ops.put("fill c", c.fillna("zz"));
        pandas.put("fill c", "df.c.fillna('zz')");
        ops.put("d f16", d.astype(DType.F16));
        pandas.put("d f16", "df.d.astype('float16').astype('float64')");
        ops.put("a f32", a.astype(DType.F32));
        pandas.put("a f32", "df.a.astype('float32').astype('float64')");
        ops.put("a f32 * 3", a.astype(DType.F32).mul(3.0));
        pandas.put("a f32 * 3", "(df.a.astype('float32') * np.float32(3.0)).astype('float64')");
        ops.put("contains", c.str().contains("an"));
        pandas.put("contains", "df.c.str.contains('an', regex=False)");
        ops.put("startswith", c.str().startsWith("B"));
        pandas.put("startswith", "df.c.str.startswith('B')");
        ops.put("endswith", c.str().endsWith("e"));
        pandas.put("endswith", "df.c.str.endswith('e')");
        ops.put("lower", c.str().lower());
        pandas.put("lower", "df.c.str.lower()");
        ops.put("upper", c.str().upper());
        pandas.put("upper", "df.c.str.upper()");
        ops.put("len", c.str().len());
        pandas.put("len", "df.c.str.len()");
        ops.put("year", t.dt().year());
        pandas.put("year", "df.t.dt.year");
        ops.put("month", t.dt().month());
        pandas.put("month", "df.t.dt.month");
        ops.put("day", t.dt().day());
        pandas.put("day", "df.t.dt.day");
        ops.put("dow", t.dt().dayOfWeek());
        pandas.put("dow", "df.t.dt.dayofweek");
        ops.put("hour", t.dt().hour());
        pandas.put("hour", "df.t.dt.hour");
        ops.put("floor", t.dt().floor(Duration.ofHours(6)));
        pandas.put("floor", "df.t.dt.floor('6H')");

        Pandas.writeCsv(F, dir.resolve("f.csv"));
        StringBuilder script = new StringBuilder(PandasCheck.READ).append("result = {}\n");
        pandas.forEach((name, expr) -> script.append("result['").append(name).append("'] = L(").append(expr).append(")\n"));
        JsonNode expected = Pandas.run(dir, script.toString());

        List<Lazy<?>> all = new ArrayList<>(ops.values());
        var computed = Jdask.compute(all.toArray(Lazy[]::new));
        int i = 0;
        for (Map.Entry<String, Series> e : ops.entrySet()) {
            Frame got = (Frame) computed.get(i++);
            assertThat(got.index()).as(e.getKey() + " index").isEqualTo(F.index());
            PandasCheck.column(e.getKey(), got.column(0), expected.get(e.getKey()));
        }
    }

    @Test
    void frameLevelOperationsMatchNaiveJava() {
        DataFrame df = TestData.uneven(F);
        Frame isna = df.isna().compute();
        Frame filled = df.fillna(Map.of("a", -1.0, "c", "none")).compute();
        Frame dropped = df.dropna().compute();
        Frame droppedAC = df.dropna("a", "c").compute();
        Frame cast = df.select("a", "b", "k").astype(DType.F32).compute();
        Frame castOne = df.astype(Map.of("k", DType.F64)).compute();
        for (int r = 0; r < F.numRows(); r++) {
            for (String c : F.columnNames()) {
                assertThat(isna.column(c).getBoolean(r)).isEqualTo(F.column(c).isNull(r));
            }
            assertThat(filled.column("a").getDouble(r)).isEqualTo(F.column("a").isNull(r) ? -1.0 : F.column("a").getDouble(r));
            assertThat(filled.column("c").getString(r)).isEqualTo(F.column("c").isNull(r) ? "none" : F.column("c").getString(r));
            assertThat(filled.column("b").isNull(r)).isEqualTo(F.column("b").isNull(r));
            assertThat((Object) cast.column("b").getFloat(r)).isEqualTo(F.column("b").isNull(r) ? Float.NaN : (float) F.column("b").getLong(r));
            assertThat(castOne.column("k").getDouble(r)).isEqualTo((double) F.column("k").getInt(r));
        }
        assertThat(cast.column("a").dtype()).isEqualTo(DType.F32);
        List<Integer> complete = new ArrayList<>();
        List<Integer> completeAC = new ArrayList<>();
        for (int r = 0; r < F.numRows(); r++) {
            boolean any = false;
            for (String c : F.columnNames()) {
                any |= F.column(c).isNull(r);
            }
            if (!any) {
                complete.add(r);
            }
            if (!F.column("a").isNull(r) && !F.column("c").isNull(r)) {
                completeAC.add(r);
            }
        }
        assertThat(dropped).isEqualTo(F.take(complete.stream().mapToInt(x -> x).toArray()));
        assertThat(droppedAC).isEqualTo(F.take(completeAC.stream().mapToInt(x -> x).toArray()));
    }

    @Test
    void badOperandsAreRefusedWhileBuilding() {
        DataFrame df = TestData.uneven(F);
        assertThatThrownBy(() -> df.col("c").add(1)).hasMessageContaining("cannot add a string column");
        assertThatThrownBy(() -> df.col("a").eq("x")).hasMessageContaining("cannot compare a f64 column with a String (x)");
        assertThatThrownBy(() -> df.col("c").gt(3)).hasMessageContaining("cannot compare a string column with a Integer (3)");
        assertThatThrownBy(() -> df.filter(df.col("a"))).hasMessageContaining("a filter mask must be bool, got f64");
        assertThatThrownBy(() -> df.col("a").str().lower()).hasMessageContaining("str.lower needs a string column, got f64");
        assertThatThrownBy(() -> df.col("a").dt().year()).hasMessageContaining("needs a timestamp or date column, got f64");
        assertThatThrownBy(() -> df.col("c").fillna(1.0)).hasMessageContaining("cannot use Double 1.0 as a string value");
        assertThatThrownBy(() -> df.col("c").sum()).hasMessageContaining("cannot take the sum of a string column");
    }

    @Test
    void aFailedCastNamesColumnRowAndValue() {
        Frame f = Frame.builder().column("s", Column.ofStrings("1", "2", "x")).build();
        DataFrame df = DataFrame.fromFrame(f, 2).astype(Map.of("s", DType.I64));
        assertThatThrownBy(df::compute).hasMessageContaining("', 1) failed")
                .hasStackTraceContaining("column 's': row 1: cannot convert 'x' to i64");
    }
}
