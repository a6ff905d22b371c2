package io.jdask.bag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdask.dataframe.Column;
import io.jdask.dataframe.DType;
import io.jdask.dataframe.Frame;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records and maps become typed columns; values that do not fit are named. */
class FrameRowsTest {
    enum Side { BUY, SELL }

    record Trade(String stock, double price, int qty, long id, boolean open, Side side, LocalDate day, Instant at, Float f) {}

    @Test
    void recordsBecomeOneTypedColumnPerComponent() {
        List<Trade> rows = List.of(
                new Trade("A", 1.5, 3, 10L, true, Side.BUY, LocalDate.of(2024, 1, 2), Instant.ofEpochSecond(5), 0.5f),
                new Trade(null, Double.NaN, -1, 11L, false, null, null, null, null));
        LinkedHashMap<String, DType> schema = FrameRows.inferSchema(rows);
        assertThat(schema).containsExactly(Map.entry("stock", DType.STRING), Map.entry("price", DType.F64),
                Map.entry("qty", DType.I32), Map.entry("id", DType.I64), Map.entry("open", DType.BOOL),
                Map.entry("side", DType.STRING), Map.entry("day", DType.DATE), Map.entry("at", DType.TIMESTAMP),
                Map.entry("f", DType.F32));
        Frame f = FrameRows.toFrame(rows, schema, 0);
        Frame expected = Frame.builder()
                .column("stock", Column.ofStrings("A", null))
                .column("price", Column.ofDoubles(1.5, Double.NaN))
                .column("qty", Column.ofInts(3, -1))
                .column("id", Column.ofLongs(10L, 11L))
                .column("open", Column.ofBooleans(true, false))
                .column("side", Column.ofStrings("BUY", null))
                .column("day", Column.ofDates(LocalDate.of(2024, 1, 2), null))
                .column("at", Column.ofInstants(Instant.ofEpochSecond(5), null))
                .column("f", Column.ofFloats(0.5f, Float.NaN))
                .build();
        assertThat(f).isEqualTo(expected);
    }

    @Test
    void mapsTakeTheirKeysInFirstSeenOrderAndMissingKeysAreMissingValues() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "x");
        a.put("n", null);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("n", 7L);
        b.put("w", 2.0);
        List<Map<String, Object>> rows = Arrays.asList(a, b, null);
        LinkedHashMap<String, DType> schema = FrameRows.inferSchema(rows);
        assertThat(schema).containsExactly(Map.entry("name", DType.STRING), Map.entry("n", DType.I64), Map.entry("w", DType.F64));
        Frame f = FrameRows.toFrame(rows, schema, 0);
        assertThat(f).isEqualTo(Frame.builder()
                .column("name", Column.ofStrings("x", null, null))
                .column("n", Column.ofLongs(new long[] {0, 7, 0}, new boolean[] {false, true, false}))
                .column("w", Column.ofDoubles(Double.NaN, 2.0, Double.NaN))
                .build());
    }

    @Test
    void valuesThatDoNotFitAreNamedByElementPartitionAndField() {
        Map<String, Object> ok = new HashMap<>(Map.of("v", 1L));
        Map<String, Object> bad = new HashMap<>(Map.of("v", "abc"));
        assertThatThrownBy(() -> FrameRows.toFrame(List.of(ok, bad), Map.of("v", DType.I64), 4))
                .hasMessageContaining("element 1 of partition 4").hasMessageContaining("'v'").hasMessageContaining("abc");
        assertThatThrownBy(() -> FrameRows.inferSchema(List.of(1, 2))).hasMessageContaining("records or Map");
        assertThatThrownBy(() -> FrameRows.inferSchema(List.of())).hasMessageContaining("empty");
        record Odd(Object thing) {}
        assertThatThrownBy(() -> FrameRows.inferSchema(List.of(new Odd(1)))).hasMessageContaining("'thing'");
    }
}
