package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Edge cases of the CSV reader with hand-computed expectations. */
class CsvReadTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private static Frame read(Path f, CsvOptions.Builder b) {
        return CsvTestData.readAll(Csv.source(f.toString(), b.build()));
    }

    @Test
    void trailingNewlineOrNotAndBomGiveTheSameFrame() throws Exception {
        Frame a = read(write("a.csv", "x,y\n1,a\n2,b\n"), CsvOptions.builder());
        Frame b = read(write("b.csv", "x,y\n1,a\n2,b"), CsvOptions.builder());
        Frame c = read(write("c.csv", "\uFEFFx,y\r\n1,a\r\n2,b\r\n"), CsvOptions.builder());
        Frame expected = Frame.builder().column("x", Column.ofLongs(1, 2)).column("y", Column.ofStrings("a", "b")).build();
        assertThat(a).isEqualTo(expected);
        assertThat(b).isEqualTo(expected);
        assertThat(c).isEqualTo(expected);
    }

    @Test
    void headerOnlyAndEmptyFiles() throws Exception {
        Path h = write("h.csv", "x,y\n");
        Frame f = read(h, CsvOptions.builder());
        assertThat(f.numRows()).isZero();
        assertThat(f.columnNames()).containsExactly("x", "y");
        Path empty = write("e.csv", "");
        assertThatThrownBy(() -> Csv.source(empty.toString())).isInstanceOf(DataSourceException.class)
                .hasMessageContaining("empty").hasMessageContaining(empty.toString());
        Frame named = read(empty, CsvOptions.builder().names(List.of("p", "q")));
        assertThat(named.columnNames()).containsExactly("p", "q");
        assertThat(named.numRows()).isZero();
        // an empty file among others is zero rows
        write("g1.csv", "x,y\n1,a\n");
        write("g2.csv", "");
        write("g3.csv", "x,y\n3,c\n");
        Frame g = read(dir.resolve("g*.csv"), CsvOptions.builder());
        assertThat(g.column("x")).isEqualTo(Column.ofLongs(1, 3));
    }

    @Test
    void noHeaderNamesColumnsByPosition() throws Exception {
        Frame f = read(write("n.csv", "1,2.5\n3,4\n"), CsvOptions.builder().header(false));
        assertThat(f.columnNames()).containsExactly("0", "1");
        assertThat(f.column("1")).isEqualTo(Column.ofDoubles(2.5, 4));
        Frame g = read(dir.resolve("n.csv"), CsvOptions.builder().header(false).names(List.of("a", "b")));
        assertThat(g.columnNames()).containsExactly("a", "b");
        Frame dup = read(write("d.csv", "a,a,b\n1,2,3\n"), CsvOptions.builder());
        assertThat(dup.columnNames()).containsExactly("a", "a.1", "b");
    }

    @Test
    void inferenceAndSchemaOverride() throws Exception {
        Path f = write("i.csv", "i,f,b,d,t,s,e\n1,1.5,true,2024-02-29,2024-01-01T10:00:00Z,x,\n"
                + "-2,nan,FALSE,1999-12-31,2024-01-01 11:30,y,\n,-inf,,,,,\n");
        Frame a = read(f, CsvOptions.builder());
        assertThat(a.columnNames().stream().map(c -> a.column(c).dtype()))
                .containsExactly(DType.I64, DType.F64, DType.BOOL, DType.DATE, DType.TIMESTAMP, DType.STRING, DType.F64);
        assertThat(a.column("i")).isEqualTo(Column.ofLongs(new long[] {1, -2, 0}, new boolean[] {true, true, false}));
        assertThat(a.column("f")).isEqualTo(Column.ofDoubles(1.5, Double.NaN, Double.NEGATIVE_INFINITY));
        assertThat(a.column("b")).isEqualTo(Column.ofBooleans(new boolean[] {true, false, false}, new boolean[] {true, true, false}));
        assertThat(a.column("d")).isEqualTo(Column.ofDates(LocalDate.of(2024, 2, 29), LocalDate.of(1999, 12, 31), null));
        assertThat(a.column("t")).isEqualTo(Column.ofInstants(Instant.parse("2024-01-01T10:00:00Z"),
                Instant.parse("2024-01-01T11:30:00Z"), null));
        assertThat(a.column("e").nullCount()).isEqualTo(3);
        Frame b = read(f, CsvOptions.builder().schema(Map.of("i", DType.F64, "b", DType.STRING, "s", DType.STRING))
                .parseDates("d").inferDates(false));
        assertThat(b.column("i")).isEqualTo(Column.ofDoubles(1, -2, Double.NaN));
        assertThat(b.column("b")).isEqualTo(Column.ofStrings("true", "FALSE", null));
        assertThat(b.column("d").dtype()).isEqualTo(DType.TIMESTAMP);
        assertThat(b.column("d").getInstant(0)).isEqualTo(Instant.parse("2024-02-29T00:00:00Z"));
        assertThat(b.column("t").dtype()).isEqualTo(DType.STRING);
        Frame c = read(f, CsvOptions.builder().schema(Map.of("i", DType.I32, "f", DType.F32)));
        assertThat(c.column("i")).isEqualTo(Column.ofInts(new int[] {1, -2, 0}, new boolean[] {true, true, false}));
        assertThat(c.column("f")).isEqualTo(Column.ofFloats(1.5f, Float.NaN, Float.NEGATIVE_INFINITY));
        assertThatThrownBy(() -> Csv.source(f.toString(), CsvOptions.builder().schema(Map.of("s", DType.CATEGORY)).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("category");
        Path big = write("big.csv", "v\n1\n3000000000\n");
        assertThatThrownBy(() -> read(big, CsvOptions.builder().schema(Map.of("v", DType.I32))))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("'v'").hasMessageContaining("3000000000");
        assertThatThrownBy(() -> Csv.source(f.toString(), CsvOptions.builder().schema(Map.of("zz", DType.I64)).build()))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("'zz'").hasMessageContaining("[i, f, b, d, t, s, e]");
    }

    @Test
    void naValuesAndOtherSyntax() throws Exception {
        Path f = write("s.csv", "a;b\n1;'x;y'\nNA;'it''s'\n");
        Frame a = read(f, CsvOptions.builder().separator(';').quote('\'').naValues(Set.of("", "NA")));
        assertThat(a.column("a")).isEqualTo(Column.ofLongs(new long[] {1, 0}, new boolean[] {true, false}));
        assertThat(a.column("b")).isEqualTo(Column.ofStrings("x;y", "it's"));
    }

    @Test
    void otherEncodingsSplitIntoBlocksToo() throws Exception {
        StringBuilder b = new StringBuilder("k,s\n");
        for (int i = 0; i < 40; i++) {
            b.append(i).append(",\"caf\u00e9, ").append("\u00fc".repeat(i % 5)).append("\"\n");
        }
        Path f = dir.resolve("latin1.csv");
        Files.write(f, b.toString().getBytes(StandardCharsets.ISO_8859_1));
        Frame whole = read(f, CsvOptions.builder().encoding(StandardCharsets.ISO_8859_1).blockSize(0));
        assertThat(whole.column("s").getString(4)).isEqualTo("caf\u00e9, \u00fc\u00fc\u00fc\u00fc");
        PartitionSource blocks = Csv.source(f.toString(), CsvOptions.builder().encoding(StandardCharsets.ISO_8859_1).blockSize(9).build());
        assertThat(blocks.numPartitions()).isGreaterThan(10);
        assertThat(CsvTestData.readAll(blocks)).isEqualTo(whole);
        // UTF-16 cannot be split at bytes: one partition per file
        Path g = dir.resolve("utf16.csv");
        Files.write(g, b.toString().getBytes(StandardCharsets.UTF_16LE));
        PartitionSource u = Csv.source(g.toString(), CsvOptions.builder().encoding(StandardCharsets.UTF_16LE).blockSize(9).build());
        assertThat(u.numPartitions()).isEqualTo(1);
        assertThat(u.read(0)).isEqualTo(whole);
    }

    private static final String BAD = "id,v,name\n1,1.5,a\n2,oops,b\n3,3.5\n4,4.5,d,extra\n5,5.5,e\n";

    @Test
    void badRowsError() throws Exception {
        Path f = write("bad.csv", BAD);
        assertThatThrownBy(() -> read(f, CsvOptions.builder().schema(Map.of("v", DType.F64))))
                .isInstanceOf(DataSourceException.class)
                .hasMessage(f + ": line 3, column 2 ('v'): cannot parse 'oops' as f64");
        Path g = write("bad2.csv", "id,v,name\n1,1.5,a\n3,3.5\n");
        assertThatThrownBy(() -> read(g, CsvOptions.builder()))
                .isInstanceOf(DataSourceException.class)
                .hasMessage(g + ": line 3: expected 3 fields, found 2: 3,3.5");
    }

    @Test
    void badRowsSkipAndWarn() throws Exception {
        Path f = write("bad.csv", BAD);
        Frame expected = Frame.builder().column("id", Column.ofLongs(1, 5)).column("v", Column.ofDoubles(1.5, 5.5))
                .column("name", Column.ofStrings("a", "e")).build();
        assertThat(read(f, CsvOptions.builder().badRows(CsvOptions.BadRows.SKIP).schema(Map.of("v", DType.F64))))
                .isEqualTo(expected);
        Logger log = (Logger) LoggerFactory.getLogger(CsvSource.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        log.addAppender(events);
        try {
            assertThat(read(f, CsvOptions.builder().badRows(CsvOptions.BadRows.WARN).schema(Map.of("v", DType.F64))))
                    .isEqualTo(expected);
        } finally {
            log.detachAppender(events);
        }
        assertThat(events.list).hasSize(1);
        assertThat(events.list.get(0).getFormattedMessage()).contains("dropped 3 bad row(s)").contains(f.toString())
                .contains("line 3, column 2 ('v'): cannot parse 'oops' as f64");
    }

    @Test
    void malformedQuotingFailsNamingTheFileAndLine() throws Exception {
        Path f = write("q.csv", "a,b\n1,\"x\"y\n");
        assertThatThrownBy(() -> read(f, CsvOptions.builder().schema(Map.of("b", DType.STRING)).badRows(CsvOptions.BadRows.SKIP)))
                .isInstanceOf(DataSourceException.class).hasMessageContaining(f.toString()).hasMessageContaining("line 2");
    }

    @Test
    void compressedFilesAreOnePartitionEach() throws Exception {
        String text = CsvTestData.mixed(5, 300, "\n");
        Path plain = write("p.csv", text);
        Frame expected = read(plain, CsvOptions.builder().blockSize(0));
        byte[] bytes = ("\uFEFF" + text).getBytes(StandardCharsets.UTF_8);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(dir.resolve("c.csv.gz")))) {
            o.write(bytes);
        }
        try (OutputStream o = new ZstdOutputStream(Files.newOutputStream(dir.resolve("c.csv.zst")))) {
            o.write(bytes);
        }
        try (OutputStream o = new BZip2CompressorOutputStream(Files.newOutputStream(dir.resolve("c.csv.bz2")))) {
            o.write(bytes);
        }
        for (String ext : List.of("gz", "zst", "bz2")) {
            PartitionSource s = Csv.source(dir.resolve("c.csv." + ext).toString(), CsvOptions.builder().blockSize(100).build());
            assertThat(s.numPartitions()).as(ext).isEqualTo(1);
            assertThat(CsvTestData.readAll(s)).as(ext).isEqualTo(expected);
        }
    }

    @Test
    void globsReadFilesInNameOrderAndCheckHeaders() throws Exception {
        write("part-2.csv", "k,v\n3,c\n");
        write("part-1.csv", "k,v\n1,a\n2,b\n");
        write("part-10.csv", "k,v\n4,d\n");
        PartitionSource s = Csv.source(dir.resolve("part-*.csv").toString(), CsvOptions.builder().build());
        assertThat(s.numPartitions()).isEqualTo(3);
        // name order: part-1, part-10, part-2
        assertThat(CsvTestData.readAll(s).column("k")).isEqualTo(Column.ofLongs(1, 2, 4, 3));
        assertThatThrownBy(() -> Csv.source(dir.resolve("nothing-*.csv").toString()))
                .isInstanceOf(DataSourceException.class).hasMessageContaining("no files match").hasMessageContaining("nothing-*.csv");
        write("other-1.csv", "k,v\n1,a\n");
        Path odd = write("other-2.csv", "v,k\n2,b\n");
        PartitionSource o = Csv.source(dir.resolve("other-*.csv").toString());
        assertThatThrownBy(() -> o.read(1)).isInstanceOf(DataSourceException.class).hasMessageContaining(odd.toString())
                .hasMessageContaining("[v, k]").hasMessageContaining("[k, v]");
        // a later block of the file checks the header too
        write("late-1.csv", "k,v\n1,a\n");
        write("late-2.csv", "v,k\n2,b\n3,c\n");
        PartitionSource blocks = Csv.source(dir.resolve("late-*.csv").toString(), CsvOptions.builder().blockSize(8).build());
        assertThat(blocks.numPartitions()).isEqualTo(3);
        assertThatThrownBy(() -> blocks.read(2)).isInstanceOf(DataSourceException.class)
                .hasMessageContaining("late-2.csv: line 1").hasMessageContaining("[v, k]");
    }

    @Test
    void projectionReadsOnlyTheNamedColumnsInOrder() throws Exception {
        Path f = write("p.csv", "a,b,c\n1,bad-not-parsed,x\n2,alsobad,y\n");
        PartitionSource s = Csv.source(f.toString(), CsvOptions.builder().schema(Map.of("b", DType.I64))
                .badRows(CsvOptions.BadRows.ERROR).build());
        PartitionSource p = s.project(List.of("c", "a"));
        assertThat(p.meta().columnNames()).containsExactly("c", "a");
        assertThat(p.read(0)).isEqualTo(Frame.builder().column("c", Column.ofStrings("x", "y")).column("a", Column.ofLongs(1, 2)).build());
        assertThatThrownBy(() -> s.read(0)).isInstanceOf(DataSourceException.class).hasMessageContaining("'bad-not-parsed'");
        assertThatThrownBy(() -> s.project(List.of("zz"))).hasMessageContaining("zz");
    }

    @Test
    void sourcesAreValuesWithStableTokens() throws Exception {
        Path f = write("t.csv", "a,b\n1,2\n");
        PartitionSource a = Csv.source(f.toString());
        PartitionSource b = Csv.source(f.toString());
        assertThat(io.jdask.tokenize.Tokens.token(a)).isEqualTo(io.jdask.tokenize.Tokens.token(b));
        assertThat(io.jdask.tokenize.Tokens.token(a.project(List.of("a")))).isNotEqualTo(io.jdask.tokenize.Tokens.token(a));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
            o.writeObject(a);
        }
        try (java.io.ObjectInputStream i = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(((PartitionSource) i.readObject()).read(0)).isEqualTo(a.read(0));
        }
    }
}
