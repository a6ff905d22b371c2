package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing frames as CSV, and reading them back (with this reader and with pandas). */
class CsvWriteTest {
    @TempDir
    Path dir;

    private static Frame sample() {
        return Frame.builder()
                .index("day", Column.ofDates(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3)))
                .column("i", Column.ofLongs(new long[] {1, -2, 3}, new boolean[] {true, true, false}))
                .column("x", Column.ofDoubles(0.1, Double.NaN, 1e300))
                .column("s", Column.ofStrings("plain", "has,comma \"and\" quotes\nand a line break", null))
                .column("b", Column.ofBooleans(true, false, true))
                .column("t", Column.ofInstants(Instant.parse("2024-05-06T07:08:09.123Z"), null, Instant.parse("1969-12-31T23:59:59Z")))
                .build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.csv", "out.csv.gz", "out.csv.zst", "out.csv.bz2"})
    void roundTrip(String name) throws Exception {
        Path f = dir.resolve("sub").resolve(name);
        Csv.write(sample(), f, CsvWriteOptions.defaults());
        Frame back = CsvTestData.readAll(Csv.source(f.toString(), CsvOptions.builder().schema(Map.of("s", DType.STRING)).build()));
        assertThat(back.columnNames()).containsExactly("day", "i", "x", "s", "b", "t");
        assertThat(back.column("day")).isEqualTo(sample().index());
        for (String c : List.of("i", "x", "s", "b", "t")) {
            assertThat(back.column(c)).as(c).isEqualTo(sample().column(c));
        }
    }

    @Test
    void textIsQuotedOnlyWhereNeeded() throws Exception {
        Path f = dir.resolve("t.csv");
        Csv.write(sample(), f, CsvWriteOptions.builder().index(false).build());
        assertThat(Files.readString(f)).isEqualTo("i,x,s,b,t\n"
                + "1,0.1,plain,True,2024-05-06 07:08:09.123\n"
                + "-2,,\"has,comma \"\"and\"\" quotes\nand a line break\",False,\n"
                + ",1.0E300,,True,1969-12-31 23:59:59\n");
        Path g = dir.resolve("g.csv");
        Csv.write(sample().select("i"), g, CsvWriteOptions.builder().index(false).separator(';').header(false).naRep("NA")
                .lineSeparator("\r\n").build());
        assertThat(Files.readString(g)).isEqualTo("1\r\n-2\r\nNA\r\n");
    }

    @Test
    void appendBuildsOneFileWithOneHeader() throws Exception {
        Path f = dir.resolve("all.csv.gz");
        Frame a = sample().slice(0, 2);
        Frame b = sample().slice(2, 3);
        Csv.append(a, f, CsvWriteOptions.defaults());
        Csv.append(b, f, CsvWriteOptions.defaults());
        Frame back = CsvTestData.readAll(Csv.source(f.toString()));
        assertThat(back.numRows()).isEqualTo(3);
        assertThat(back.column("i")).isEqualTo(sample().column("i"));
        Csv.write(a, f, CsvWriteOptions.defaults());
        assertThat(CsvTestData.readAll(Csv.source(f.toString())).numRows()).isEqualTo(2);
    }

    @Test
    void partFilesAndPandasReadsWhatWeWrite() throws Exception {
        assertThat(Csv.partFile("out/part-*.csv", 7)).isEqualTo(Path.of("out/part-7.csv"));
        assertThatThrownBy(() -> Csv.partFile("out/part.csv", 1)).isInstanceOf(IllegalArgumentException.class);
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, CsvTestData.mixed(9, 200, "\n"), StandardCharsets.UTF_8);
        Frame ours = CsvTestData.readAll(Csv.source(f.toString(), CsvOptions.builder().parseDates("ts").build()));
        for (int p = 0; p < 2; p++) {
            Csv.write(ours.slice(p * 100, p * 100 + 100), Csv.partFile(dir.resolve("part-*.csv").toString(), p),
                    CsvWriteOptions.defaults());
        }
        Frame back = CsvTestData.readAll(Csv.source(dir.resolve("part-*.csv").toString(), CsvOptions.builder().parseDates("ts").build()));
        assertThat(back).isEqualTo(ours);
        CsvPandasTest.assertEqualsPandas(ours.slice(0, 100),
                Pandas.readCsv(dir.resolve("part-0.csv"), "parse_dates=['ts'], float_precision='round_trip'"));
    }
}
