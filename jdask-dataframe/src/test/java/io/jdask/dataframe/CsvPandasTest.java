package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CSV reader against pandas.read_csv on the same seeded files. */
class CsvPandasTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void mixedColumnsEqualPandas(long seed) throws Exception {
        Path f = dir.resolve("mixed.csv");
        Files.writeString(f, CsvTestData.mixed(seed, 400, seed == 2 ? "\r\n" : "\n"), StandardCharsets.UTF_8);
        Frame ours = CsvTestData.readAll(Csv.source(f.toString(), CsvOptions.builder().parseDates("ts").build()));
        assertThat(ours.columnNames()).containsExactly("id", "x", "name", "flag", "day", "ts", "n");
        assertThat(List.of("id", "x", "name", "flag", "day", "ts", "n").stream().map(c -> ours.column(c).dtype()))
                .containsExactly(DType.I64, DType.F64, DType.STRING, DType.BOOL, DType.DATE, DType.TIMESTAMP, DType.I64);
        JsonNode pd = Pandas.readCsv(f, "parse_dates=['ts'], float_precision='round_trip'");
        assertEqualsPandas(ours, pd);
        // the same through tiny blocks
        Frame blocks = CsvTestData.readAll(Csv.source(f.toString(), CsvOptions.builder().parseDates("ts").blockSize(997).build()));
        assertThat(blocks).isEqualTo(ours);
    }

    static void assertEqualsPandas(Frame ours, JsonNode pd) {
        assertThat(ours.columnNames()).containsExactlyElementsOf(
                () -> pd.get("columns").valueStream().map(JsonNode::asText).iterator());
        for (int c = 0; c < ours.numColumns(); c++) {
            Column col = ours.column(c);
            JsonNode values = pd.get("data").get(c);
            assertThat(col.length()).as("rows").isEqualTo(values.size());
            for (int r = 0; r < col.length(); r++) {
                JsonNode v = values.get(r);
                String where = "column " + ours.columnNames().get(c) + " row " + r;
                if (v.isNull()) {
                    assertThat(col.isNull(r)).as(where).isTrue();
                    continue;
                }
                assertThat(col.isNull(r)).as(where + " (pandas: " + v + ")").isFalse();
                switch (col.dtype()) {
                    case I64 -> assertThat((double) col.getLong(r)).as(where).isEqualTo(v.asDouble());
                    case F64 -> assertThat(col.getDouble(r)).as(where).isEqualTo(v.asDouble());
                    case BOOL -> assertThat(col.getBoolean(r)).as(where).isEqualTo(v.asBoolean());
                    case STRING -> assertThat(col.getString(r)).as(where).isEqualTo(v.asText());
                    case DATE -> assertThat(v.asText()).as(where).startsWith(col.getDate(r).toString());
                    case TIMESTAMP -> assertThat(LocalDateTime.parse(v.asText()).toInstant(ZoneOffset.UTC)).as(where)
                            .isEqualTo(col.getInstant(r));
                    default -> throw new AssertionError(col.dtype());
                }
            }
        }
    }
}
