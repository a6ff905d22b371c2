package io.jdask.dataframe;

import java.io.Serializable;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How {@link Csv#write} and {@link Csv#append} write a frame. Immutable; made with {@link #builder()}.
 * Defaults: separator {@code ','}, quote {@code '"'} (used only for fields that contain the
 * separator, the quote or a line break; quotes inside are doubled), a header line, the index as
 * the first column when the frame has one, {@code \n} line endings, UTF-8, missing values empty.
 */
public final class CsvWriteOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char separator;
    private final char quote;
    private final boolean header;
    private final boolean index;
    private final String lineSeparator;
    private final String encoding;
    private final String naRep;

    private CsvWriteOptions(Builder b) {
        separator = b.separator;
        quote = b.quote;
        header = b.header;
        index = b.index;
        lineSeparator = b.lineSeparator;
        encoding = b.encoding;
        naRep = b.naRep;
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default options */
    public static CsvWriteOptions defaults() {
        return builder().build();
    }

    /** @return the field separator */
    public char separator() {
        return separator;
    }

    /** @return the quote character */
    public char quote() {
        return quote;
    }

    /** @return whether a header line is written (by {@link Csv#append} only into an empty file) */
    public boolean header() {
        return header;
    }

    /** @return whether a frame's index is written as the first column */
    public boolean index() {
        return index;
    }

    /** @return the line separator */
    public String lineSeparator() {
        return lineSeparator;
    }

    /** @return the character encoding */
    public Charset encoding() {
        return Charset.forName(encoding);
    }

    /** @return the text written for a missing value */
    public String naRep() {
        return naRep;
    }

    /** Builds {@link CsvWriteOptions}. */
    public static final class Builder {
        private char separator = ',';
        private char quote = '"';
        private boolean header = true;
        private boolean index = true;
        private String lineSeparator = "\n";
        private String encoding = StandardCharsets.UTF_8.name();
        private String naRep = "";

        private Builder() {}

        /** @param c the field separator */
        public Builder separator(char c) {
            separator = c;
            return this;
        }

        /** @param c the quote character */
        public Builder quote(char c) {
            quote = c;
            return this;
        }

        /** @param write whether to write a header line */
        public Builder header(boolean write) {
            header = write;
            return this;
        }

        /** @param write whether to write the frame's index (when it has one) as the first column */
        public Builder index(boolean write) {
            index = write;
            return this;
        }

        /** @param s {@code "\n"} or {@code "\r\n"} */
        public Builder lineSeparator(String s) {
            if (!s.equals("\n") && !s.equals("\r\n")) {
                throw new IllegalArgumentException("line separator must be \\n or \\r\\n");
            }
            lineSeparator = s;
            return this;
        }

        /** @param charset the encoding */
        public Builder encoding(Charset charset) {
            encoding = charset.name();
            return this;
        }

        /** @param text what to write for a missing value (default empty) */
        public Builder naRep(String text) {
            naRep = Objects.requireNonNull(text, "naRep");
            return this;
        }

        /** @return the options */
        public CsvWriteOptions build() {
            if (separator == quote || separator == '\n' || separator == '\r' || quote == '\n' || quote == '\r') {
                throw new IllegalArgumentException("separator and quote must differ and not be line breaks");
            }
            return new CsvWriteOptions(this);
        }
    }
}
