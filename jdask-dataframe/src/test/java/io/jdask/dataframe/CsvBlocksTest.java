package io.jdask.dataframe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Splitting files into byte-range blocks: for every block size from 1 byte up, the blocks together
 * must hold exactly the rows of the whole file, whatever falls on a block boundary.
 */
class CsvBlocksTest {
    @TempDir
    Path dir;

    private static final String TRICKY = "\uFEFFid,text,v\r\n"
            + "1,\"multi\nline\",1.5\r\n"
            + "2,\"quote \"\" and , comma\",2\r\n"
            + "\r\n"
            + "3,plain 5'10\" tall,\r\n"
            + "4,\"\"\"\",4e3\n"
            + "5,日本語テキスト,-0.5\n"
            + "6,\"ends with cr\r\",6\n"
            + "7,\"\",7\r"
            + "8,\"a\r\n\r\nb\",8\n"
            + "9,last no newline,9";

    @ParameterizedTest
    @ValueSource(strings = {"tricky", "mixed-lf", "mixed-crlf"})
    void everyBlockSizeGivesTheWholeFile(String which) throws Exception {
        String text = switch (which) {
            case "tricky" -> TRICKY;
            case "mixed-lf" -> CsvTestData.mixed(11, 40, "\n");
            default -> CsvTestData.mixed(12, 40, "\r\n");
        };
        Path f = dir.resolve(which + ".csv");
        Files.writeString(f, text, StandardCharsets.UTF_8);
        long size = Files.size(f);
        Frame whole = Csv.source(f.toString(), CsvOptions.builder().blockSize(0).build()).read(0);
        int maxBlock = which.equals("tricky") ? (int) size + 1 : 200;
        for (int bs = 1; bs <= maxBlock; bs++) {
            PartitionSource s = Csv.source(f.toString(), CsvOptions.builder().blockSize(bs).build());
            assertThat(s.numPartitions()).isEqualTo((int) ((size + bs - 1) / bs));
            assertThat(CsvTestData.readAll(s)).as("block size " + bs).isEqualTo(whole);
        }
    }

    @Test
    void trickyFileReadsAsExpected() throws Exception {
        Path f = dir.resolve("t.csv");
        Files.writeString(f, TRICKY, StandardCharsets.UTF_8);
        Frame t = Csv.source(f.toString(), CsvOptions.builder().blockSize(0).build()).read(0);
        assertThat(t.columnNames()).containsExactly("id", "text", "v");
        assertThat(t.column("id")).isEqualTo(Column.ofLongs(1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertThat(t.column("text")).isEqualTo(Column.ofStrings("multi\nline", "quote \" and , comma", "plain 5'10\" tall",
                "\"", "日本語テキスト", "ends with cr\r", null, "a\r\n\r\nb", "last no newline"));
        assertThat(t.column("v")).isEqualTo(Column.ofDoubles(1.5, 2, Double.NaN, 4000, -0.5, 6, 7, 8, 9));
        // pandas reads the same (BOM, CRLF, a lone CR, a blank line, quoted line breaks, stray quote)
        CsvPandasTest.assertEqualsPandas(t, Pandas.readCsv(f, ""));
    }

    @Test
    void multiByteCharactersAcrossEveryBoundary() throws Exception {
        StringBuilder b = new StringBuilder("k,s\n");
        for (int i = 0; i < 30; i++) {
            b.append(i).append(',').append("é日😀".repeat(i % 4 + 1)).append('\n');
        }
        Path f = dir.resolve("u.csv");
        Files.writeString(f, b.toString(), StandardCharsets.UTF_8);
        Frame whole = Csv.source(f.toString(), CsvOptions.builder().blockSize(0).build()).read(0);
        assertThat(whole.numRows()).isEqualTo(30);
        assertThat(whole.column("s").getString(3)).isEqualTo("é日😀".repeat(4));
        for (int bs = 1; bs <= 64; bs++) {
            assertThat(CsvTestData.readAll(Csv.source(f.toString(), CsvOptions.builder().blockSize(bs).build())))
                    .as("block size " + bs).isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"\n", "\r\n", "\r"})
    void lineNumbersInErrorsCountFromTheFileStartInEveryBlock(String nl) throws Exception {
        StringBuilder b = new StringBuilder("a,b").append(nl);
        for (int i = 0; i < 50; i++) {
            b.append(i).append(",\"x").append(nl).append("y\"").append(nl);
        }
        b.append("oops,\"z\"").append(nl);
        Path f = dir.resolve("e.csv");
        Files.writeString(f, b.toString());
        for (int bs : new int[] {0, 3, 7, 64}) {
            PartitionSource s = Csv.source(f.toString(), CsvOptions.builder().blockSize(bs).schema(java.util.Map.of("a", DType.I64)).build());
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> CsvTestData.readAll(s));
            assertThat(t).as("block size " + bs).isInstanceOf(DataSourceException.class)
                    .hasMessageContaining(f.toString()).hasMessageContaining("line 102")
                    .hasMessageContaining("column 1 ('a')").hasMessageContaining("'oops'").hasMessageContaining("i64");
        }
    }

    @Test
    void badRowsAreDroppedAlikeInBlocks() throws Exception {
        StringBuilder b = new StringBuilder("a,b,c\n");
        java.util.Random r = new java.util.Random(4);
        for (int i = 0; i < 300; i++) {
            switch (r.nextInt(8)) {
                case 0 -> b.append(i).append(",x\n");                        // too few fields
                case 1 -> b.append(i).append(",1.5,\"q\nq\",extra\n");       // too many
                case 2 -> b.append(i).append(",notanumber,\"s\"\n");         // unparsable
                default -> b.append(i).append(',').append(r.nextInt(100) / 4.0).append(",\"s,").append(i).append("\"\n");
            }
        }
        Path f = dir.resolve("bad.csv");
        Files.writeString(f, b.toString());
        CsvOptions.Builder o = CsvOptions.builder().badRows(CsvOptions.BadRows.SKIP).schema(java.util.Map.of("b", DType.F64));
        Frame whole = CsvTestData.readAll(Csv.source(f.toString(), o.blockSize(0).build()));
        assertThat(whole.numRows()).isBetween(150, 260);
        for (int bs : new int[] {5, 13, 100, 1000}) {
            assertThat(CsvTestData.readAll(Csv.source(f.toString(), o.blockSize(bs).build()))).as("block size " + bs)
                    .isEqualTo(whole);
        }
    }

    @Test
    void blocksReadConcurrentlyShareTheirSummaries() throws Exception {
        Path f = dir.resolve("c.csv");
        Files.writeString(f, CsvTestData.mixed(21, 3000, "\r\n"), StandardCharsets.UTF_8);
        Frame whole = Csv.source(f.toString(), CsvOptions.builder().blockSize(0).build()).read(0);
        PartitionSource s = Csv.source(f.toString(), CsvOptions.builder().blockSize(4096).build());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            java.util.List<java.util.concurrent.Future<Frame>> parts = new java.util.ArrayList<>();
            for (int i = s.numPartitions() - 1; i >= 0; i--) { // last blocks first: they need every summary before them
                int p = i;
                parts.add(0, pool.submit(() -> s.read(p)));
            }
            java.util.List<Frame> frames = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Frame> p : parts) {
                frames.add(p.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(Frame.concat(frames)).isEqualTo(whole);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        }
    }
}
