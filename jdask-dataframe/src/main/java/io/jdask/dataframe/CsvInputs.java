package io.jdask.dataframe;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.jdask.dataframe.files.Compression;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Small reads around the CSV reader: byte-order marks, headers, the text of a line for messages, samples. */
final class CsvInputs {
    private CsvInputs() {}

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** @return 3 when the file starts with a UTF-8 byte-order mark and is read as UTF-8, else 0 */
    static long bomLength(FileChannel ch, Charset cs) throws IOException {
        if (!cs.equals(StandardCharsets.UTF_8) || ch.size() < 3) {
            return 0;
        }
        byte[] b = new byte[3];
        CsvBoundaries.read(ch, b, 0, 3);
        return b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2] ? 3 : 0;
    }

    /** @return the stream without a leading UTF-8 byte-order mark */
    static InputStream skipBom(InputStream in, Charset cs) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 3);
        if (!cs.equals(StandardCharsets.UTF_8)) {
            return p;
        }
        byte[] b = new byte[3];
        int n = p.readNBytes(b, 0, 3);
        if (n == 3 && b[0] == UTF8_BOM[0] && b[1] == UTF8_BOM[1] && b[2] == UTF8_BOM[2]) {
            return p;
        }
        p.unread(b, 0, n);
        return p;
    }

    static CsvReader.CsvReaderBuilder reader(CsvOptions o) {
        return CsvReader.builder().fieldSeparator(o.separator()).quoteCharacter(o.quote()).skipEmptyLines(true)
                .allowExtraFields(true).allowMissingFields(true);
    }

    /** Checks that a file's first record is the expected header. */
    static void checkHeader(Path path, CsvOptions o, List<String> expected) {
        try (InputStream in = skipBom(Compression.of(path.toString()).open(path), o.encoding());
             CsvReader<CsvRecord> r = reader(o).ofCsvRecord(new InputStreamReader(in, o.encoding()))) {
            Iterator<CsvRecord> it = r.iterator();
            List<String> found = it.hasNext() ? it.next().getFields() : List.of();
            if (!found.equals(expected)) {
                throw new DataSourceException(path + ": line 1: the header " + found + " differs from the first file's header "
                        + expected);
            }
        } catch (IOException e) {
            throw new DataSourceException(path + ": " + e.getMessage(), e);
        }
    }

    /** @return up to 200 characters of line {@code line} (1-based) of the file, or null when it cannot be read */
    static String lineText(Path path, Charset cs, long line) {
        try (InputStream in = skipBom(Compression.of(path.toString()).open(path), cs);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, cs), 1 << 16)) {
            String s = null;
            for (long k = 0; k < line; k++) {
                s = r.readLine();
                if (s == null) {
                    return null;
                }
            }
            return s.length() > 200 ? s.substring(0, 200) + "..." : s;
        } catch (IOException | UncheckedIOException e) {
            return null;
        }
    }

    /** The first records of a file: at most about {@code bytes} bytes of complete records, header included. */
    record Sample(List<List<String>> records, long bytesRead, boolean wholeFile) {}

    static Sample sample(Path path, CsvOptions o, long bytes) {
        long want = bytes;
        while (true) {
            try (InputStream in = skipBom(Compression.of(path.toString()).open(path), o.encoding())) {
                byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, want));
                boolean whole = in.read() < 0;
                String text = new String(data, o.encoding());
                List<List<String>> records = new ArrayList<>();
                try (CsvReader<CsvRecord> r = reader(o).allowUnclosedQuote(!whole).ofCsvRecord(text)) {
                    for (CsvRecord rec : r) {
                        records.add(rec.getFields());
                    }
                }
                if (!whole && !records.isEmpty()) {
                    records.remove(records.size() - 1); // may be cut short
                }
                if (whole || records.size() >= 2 || want >= Integer.MAX_VALUE / 2) {
                    return new Sample(records, data.length, whole);
                }
                want *= 4;
            } catch (IOException e) {
                throw new DataSourceException(path + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                throw new DataSourceException(path + ": cannot read the sample for type inference: " + e.getMessage(), e);
            }
        }
    }
}
