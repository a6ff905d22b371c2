package io.jdask.dataframe;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded CSV text with every kind of awkward field, and helpers to read a source whole. */
final class CsvTestData {
    private CsvTestData() {}

    private static final String[] WORDS = {"alpha", "beta", "with,comma", "say \"hi\"", "two\nlines", "crlf\r\ninside",
        "naïve café", "日本語", "emoji 😀", " padded ", "", "x"};

    /**
     * @return CSV text with columns id (i64), x (f64, some missing), name (quoted strings with
     *     separators, quotes, line breaks and multi-byte characters, some missing), flag (bool),
     *     day (date), ts (timestamp), n (i64 with missing values)
     */
    static String mixed(long seed, int rows, String newline) {
        Random r = new Random(seed);
        StringBuilder b = new StringBuilder("id,x,name,flag,day,ts,n").append(newline);
        for (int i = 0; i < rows; i++) {
            b.append(i * 7 - 100).append(',');
            if (r.nextInt(10) != 0) {
                double x = switch (r.nextInt(4)) {
                    case 0 -> r.nextGaussian() * 1e6;
                    case 1 -> Math.round(r.nextDouble() * 1e4) / 100.0;
                    case 2 -> r.nextDouble() * 1e-5;
                    default -> r.nextInt(1000);
                };
                b.append(x);
            }
            b.append(',');
            String w = WORDS[r.nextInt(WORDS.length)];
            b.append(quote(w, r.nextBoolean()));
            b.append(',').append(r.nextBoolean() ? "True" : "False").append(',');
            b.append(LocalDate.of(2000, 1, 1).plusDays(r.nextInt(10000))).append(',');
            b.append(LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1000))).append(' ')
                    .append(String.format("%02d:%02d:%02d", r.nextInt(24), r.nextInt(60), r.nextInt(60))).append(',');
            if (r.nextInt(5) != 0) {
                b.append(r.nextLong() >> 20);
            }
            b.append(newline);
        }
        return b.toString();
    }

    static String quote(String s, boolean always) {
        boolean needs = s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r");
        return needs || (always && !s.isEmpty()) ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** @return every partition of the source, concatenated */
    static Frame readAll(PartitionSource s) {
        List<Frame> parts = new ArrayList<>();
        for (int i = 0; i < s.numPartitions(); i++) {
            Frame f = s.read(i);
            if (!f.columnNames().equals(s.meta().columnNames())) {
                throw new AssertionError("partition " + i + " has columns " + f.columnNames());
            }
            parts.add(f);
        }
        return Frame.concat(parts);
    }

    static PartitionSource source(Path file, CsvOptions.Builder b) {
        return Csv.source(file.toString(), b.build());
    }
}
