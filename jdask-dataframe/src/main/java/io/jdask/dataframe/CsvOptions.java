package io.jdask.dataframe;

import io.jdask.tokenize.TokenSink;
import io.jdask.tokenize.Tokenizable;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link Csv#source} reads CSV files. Immutable; made with {@link #builder()}:
 *
 * <pre>{@code
 * CsvOptions o = CsvOptions.builder()
 *         .separator(';')
 *         .schema(Map.of("id", DType.I64, "price", DType.F64))
 *         .parseDates("when")
 *         .badRows(CsvOptions.BadRows.WARN)
 *         .build();
 * }</pre>
 *
 * <p>Defaults: separator {@code ','}, quote {@code '"'}, a header line, UTF-8, types inferred from a
 * sample, the block size from the configuration key {@code dataframe.csv.block-size} (64 MiB), and
 * bad rows fail the read.
 */
public final class CsvOptions implements Serializable, Tokenizable {
    private static final long serialVersionUID = 1L;

    /** What the reader does with a row it cannot use (wrong number of fields, a value it cannot parse). */
    public enum BadRows {
        /** Fail the read with a {@link DataSourceException} naming the file, line, column and text. */
        ERROR,
        /** Drop the row silently. */
        SKIP,
        /** Drop the row and log one warning per partition with the number of rows dropped. */
        WARN
    }

    /** Block size meaning "take it from the configuration key {@code dataframe.csv.block-size}". */
    static final long CONFIGURED = -1;

    private final char separator;
    private final char quote;
    private final boolean header;
    private final List<String> names;
    private final LinkedHashMap<String, DType> schema;
    private final List<String> parseDates;
    private final boolean inferDates;
    private final long blockSize;
    private final long sampleBytes;
    private final BadRows badRows;
    private final String encoding;
    private final LinkedHashSet<String> naValues;

    private CsvOptions(Builder b) {
        separator = b.separator;
        quote = b.quote;
        header = b.header;
        names = b.names == null ? null : List.copyOf(b.names);
        schema = new LinkedHashMap<>(b.schema);
        parseDates = List.copyOf(b.parseDates);
        inferDates = b.inferDates;
        blockSize = b.blockSize;
        sampleBytes = b.sampleBytes;
        badRows = b.badRows;
        encoding = b.encoding;
        naValues = new LinkedHashSet<>(b.naValues);
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default options */
    public static CsvOptions defaults() {
        return builder().build();
    }

    /** @return a builder holding these options */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.separator = separator;
        b.quote = quote;
        b.header = header;
        b.names = names;
        b.schema.putAll(schema);
        b.parseDates.addAll(parseDates);
        b.inferDates = inferDates;
        b.blockSize = blockSize;
        b.sampleBytes = sampleBytes;
        b.badRows = badRows;
        b.encoding = encoding;
        b.naValues.clear();
        b.naValues.addAll(naValues);
        return b;
    }

    /** @return the field separator */
    public char separator() {
        return separator;
    }

    /** @return the quote character */
    public char quote() {
        return quote;
    }

    /** @return whether each file starts with a header line naming the columns */
    public boolean header() {
        return header;
    }

    /** @return the column names given explicitly, or null when they come from the header */
    public List<String> names() {
        return names;
    }

    /** @return the declared column types by name (the others are inferred) */
    public Map<String, DType> schema() {
        return java.util.Collections.unmodifiableMap(schema);
    }

    /** @return the columns parsed as timestamps */
    public List<String> parseDates() {
        return parseDates;
    }

    /** @return whether columns whose sampled values all look like ISO dates or timestamps are inferred as such */
    public boolean inferDates() {
        return inferDates;
    }

    /** @return the block size in bytes, 0 for one partition per file, -1 for the configured default */
    public long blockSize() {
        return blockSize;
    }

    /** @return how many bytes of the first file are sampled to infer types, -1 for the configured default */
    public long sampleBytes() {
        return sampleBytes;
    }

    /** @return what happens to bad rows */
    public BadRows badRows() {
        return badRows;
    }

    /** @return the files' character encoding */
    public Charset encoding() {
        return Charset.forName(encoding);
    }

    /** @return the texts read as missing values (by default only the empty field) */
    public Set<String> naValues() {
        return java.util.Collections.unmodifiableSet(naValues);
    }

    @Override
    public void tokenize(TokenSink sink) {
        sink.putString("csv-options").putLong(separator).putLong(quote).putLong(header ? 1 : 0);
        sink.putLong(names == null ? -1 : names.size());
        if (names != null) {
            names.forEach(sink::putString);
        }
        sink.putLong(schema.size());
        schema.forEach((k, v) -> sink.putString(k).putString(v.name()));
        sink.putLong(parseDates.size());
        parseDates.forEach(sink::putString);
        sink.putLong(inferDates ? 1 : 0).putLong(blockSize).putLong(sampleBytes);
        sink.putString(badRows.name()).putString(encoding);
        sink.putLong(naValues.size());
        naValues.forEach(sink::putString);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvOptions c && c.separator == separator && c.quote == quote && c.header == header
                && Objects.equals(c.names, names) && c.schema.equals(schema) && c.parseDates.equals(parseDates)
                && c.inferDates == inferDates && c.blockSize == blockSize && c.sampleBytes == sampleBytes
                && c.badRows == badRows && c.encoding.equals(encoding) && c.naValues.equals(naValues);
    }

    @Override
    public int hashCode() {
        return Objects.hash(separator, quote, header, names, schema, parseDates, inferDates, blockSize, sampleBytes,
                badRows, encoding, naValues);
    }

    /** Builds {@link CsvOptions}. */
    public static final class Builder {
        private char separator = ',';
        private char quote = '"';
        private boolean header = true;
        private List<String> names;
        private final LinkedHashMap<String, DType> schema = new LinkedHashMap<>();
        private final List<String> parseDates = new ArrayList<>();
        private boolean inferDates = true;
        private long blockSize = CONFIGURED;
        private long sampleBytes = CONFIGURED;
        private BadRows badRows = BadRows.ERROR;
        private String encoding = StandardCharsets.UTF_8.name();
        private final LinkedHashSet<String> naValues = new LinkedHashSet<>(List.of(""));

        private Builder() {}

        /** @param c the field separator (default {@code ','}); not a line break or the quote */
        public Builder separator(char c) {
            separator = c;
            return this;
        }

        /** @param c the quote character (default {@code '"'}); a quote inside a quoted field is doubled */
        public Builder quote(char c) {
            quote = c;
            return this;
        }

        /** @param hasHeader whether each file's first line names the columns (default true) */
        public Builder header(boolean hasHeader) {
            header = hasHeader;
            return this;
        }

        /**
         * @param columnNames the column names; with a header they replace the header's names, without
         *     one they name the fields (default without a header: {@code "0"}, {@code "1"}, ...)
         */
        public Builder names(List<String> columnNames) {
            names = List.copyOf(columnNames);
            return this;
        }

        /** @param types declared types by column name; columns not named here are inferred */
        public Builder schema(Map<String, DType> types) {
            schema.putAll(types);
            return this;
        }

        /** @param columns columns to parse as timestamps (ISO-8601 dates or date-times) */
        public Builder parseDates(String... columns) {
            parseDates.addAll(List.of(columns));
            return this;
        }

        /** @param columns columns to parse as timestamps */
        public Builder parseDates(List<String> columns) {
            parseDates.addAll(columns);
            return this;
        }

        /** @param infer whether to infer DATE/TIMESTAMP for columns of ISO dates (default true) */
        public Builder inferDates(boolean infer) {
            inferDates = infer;
            return this;
        }

        /**
         * @param bytes split uncompressed files into blocks of about this many bytes, at row
         *     boundaries (one partition each); 0 for one partition per file
         */
        public Builder blockSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("block size must be >= 0, not " + bytes);
            }
            blockSize = bytes;
            return this;
        }

        /** @param bytes how much of the first file to parse to infer the types (default 256 KiB) */
        public Builder sampleBytes(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("sample size must be positive, not " + bytes);
            }
            sampleBytes = bytes;
            return this;
        }

        /** @param mode what to do with bad rows (default ERROR) */
        public Builder badRows(BadRows mode) {
            badRows = Objects.requireNonNull(mode, "badRows");
            return this;
        }

        /** @param charset the files' encoding (default UTF-8) */
        public Builder encoding(Charset charset) {
            encoding = charset.name();
            return this;
        }

        /** @param values texts that mean "missing" (replaces the default, which is only the empty field) */
        public Builder naValues(Set<String> values) {
            naValues.clear();
            naValues.addAll(values);
            return this;
        }

        /**
         * @return the options
         * @throws IllegalArgumentException when separator and quote are equal or a line break
         */
        public CsvOptions build() {
            if (separator == quote) {
                throw new IllegalArgumentException("separator and quote must differ, both are '" + separator + "'");
            }
            if (separator == '\n' || separator == '\r' || quote == '\n' || quote == '\r') {
                throw new IllegalArgumentException("separator and quote must not be line breaks");
            }
            for (String c : parseDates) {
                DType t = schema.get(c);
                if (t != null && t != DType.TIMESTAMP && t != DType.DATE) {
                    throw new IllegalArgumentException("column '" + c + "' is declared " + t.label() + " and in parseDates");
                }
            }
            return new CsvOptions(this);
        }
    }
}
