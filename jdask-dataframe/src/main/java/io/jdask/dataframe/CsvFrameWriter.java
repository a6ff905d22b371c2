package io.jdask.dataframe;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import io.jdask.dataframe.files.Compression;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Writes frames as CSV text with FastCSV's writer; compression follows the file's extension. */
final class CsvFrameWriter {
    private CsvFrameWriter() {}

    static void write(Frame frame, Path file, CsvWriteOptions o, boolean append) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean exists = Files.exists(file) && Files.size(file) > 0;
            boolean header = o.header() && !(append && exists);
            OpenOption[] open = append
                    ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE}
                    : new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
            try (OutputStream out = Compression.of(file.toString()).create(file, open);
                 Writer w = new OutputStreamWriter(out, o.encoding());
                 CsvWriter csv = CsvWriter.builder()
                         .fieldSeparator(o.separator())
                         .quoteCharacter(o.quote())
                         .lineDelimiter(o.lineSeparator().equals("\n") ? LineDelimiter.LF : LineDelimiter.CRLF)
                         .build(w)) {
                writeRows(frame, csv, o, header);
            }
        } catch (IOException e) {
            throw new DataSourceException(file + ": cannot write: " + e.getMessage(), e);
        }
    }

    private static void writeRows(Frame frame, CsvWriter csv, CsvWriteOptions o, boolean header) {
        List<String> names = new ArrayList<>();
        List<Column> cols = new ArrayList<>();
        if (o.index() && frame.hasIndex()) {
            names.add(frame.indexName() == null ? "" : frame.indexName());
            cols.add(frame.index());
        }
        for (int i = 0; i < frame.numColumns(); i++) {
            names.add(frame.columnNames().get(i));
            cols.add(frame.column(i));
        }
        if (header) {
            csv.writeRecord(names);
        }
        int n = frame.numRows();
        String na = o.naRep();
        for (int r = 0; r < n; r++) {
            CsvWriter.CsvWriterRecord rec = csv.writeRecord();
            for (Column c : cols) {
                rec.writeField(c.isNull(r) ? na : format(c, r));
            }
            rec.endRecord();
        }
    }

    /** @return a present value as pandas writes it: True/False, inf, timestamps as {@code yyyy-mm-dd hh:mm:ss[.f]} */
    static String format(Column c, int r) {
        return switch (c.dtype()) {
            case F64, F32, F16 -> {
                double d = c.getDouble(r);
                if (Double.isInfinite(d)) {
                    yield d > 0 ? "inf" : "-inf";
                }
                yield c.dtype() == DType.F64 ? Double.toString(d) : Float.toString((float) d);
            }
            case I64, I32 -> Long.toString(c.getLong(r));
            case BOOL -> c.getBoolean(r) ? "True" : "False";
            case STRING, CATEGORY -> c.getString(r);
            case DATE -> c.getDate(r).toString();
            case TIMESTAMP -> timestamp(c.getLong(r));
        };
    }

    private static String timestamp(long nanos) {
        long days = Math.floorDiv(nanos, 86_400_000_000_000L);
        long rest = Math.floorMod(nanos, 86_400_000_000_000L);
        long secs = rest / 1_000_000_000L;
        long frac = rest % 1_000_000_000L;
        StringBuilder b = new StringBuilder(29).append(java.time.LocalDate.ofEpochDay(days)).append(' ');
        two(b, secs / 3600).append(':');
        two(b, secs / 60 % 60).append(':');
        two(b, secs % 60);
        if (frac != 0) {
            String f = String.format(java.util.Locale.ROOT, "%09d", frac);
            int len = frac % 1_000_000 == 0 ? 3 : frac % 1000 == 0 ? 6 : 9;
            b.append('.').append(f, 0, len);
        }
        return b.toString();
    }

    private static StringBuilder two(StringBuilder b, long v) {
        return b.append((char) ('0' + v / 10)).append((char) ('0' + v % 10));
    }
}
