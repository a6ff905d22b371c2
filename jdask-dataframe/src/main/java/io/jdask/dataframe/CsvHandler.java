package io.jdask.dataframe;

import de.siegmar.fastcsv.reader.CsvCallbackHandler;
import de.siegmar.fastcsv.reader.RecordType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Receives FastCSV's fields as slices of its char buffer and writes them into column builders:
 * no String or boxed number per field. Rows with the wrong number of fields or a value that does
 * not parse are bad rows, handled as {@link CsvOptions.BadRows} says. Every record is consumed
 * here ({@link #buildRecord} returns null), so one pass of the reader fills the columns.
 */
final class CsvHandler extends CsvCallbackHandler<Object> {
    private static final int MAX_TEXT = 200;

    private final String file;
    private final CsvColumnBuilder[] byField;
    private final List<String> fieldNames;
    private final List<DType> fieldTypes;
    private final CsvOptions.BadRows mode;
    private final boolean emptyIsNa;
    private final char[][] naValues;
    private final LongSupplier linesBeforeBlock;
    private final LongFunction<String> lineText;
    private final List<String> expectedHeader;
    /** The header fields collected while the first record is the header; null otherwise. */
    private List<String> header;

    private int row;
    private int field;
    private long line;
    private boolean empty;
    private boolean bad;
    private String badReason;
    private long badLine;
    private int dropped;
    private String firstBad;

    /**
     * @param byField per field of the file, the builder to fill or null to skip the field
     * @param expectedHeader when the text starts with the header line: the names it must have; else null
     * @param linesBeforeBlock how many lines of the file precede the text (asked only for messages)
     * @param lineText the text of a line of the file, by number (asked only for messages)
     */
    CsvHandler(String file, CsvColumnBuilder[] byField, List<String> fieldNames, List<DType> fieldTypes, CsvOptions options,
               List<String> expectedHeader, LongSupplier linesBeforeBlock,
               LongFunction<String> lineText) {
        this.lineText = lineText;
        this.file = file;
        this.byField = byField;
        this.fieldNames = fieldNames;
        this.fieldTypes = fieldTypes;
        this.mode = options.badRows();
        this.emptyIsNa = options.naValues().contains("");
        this.naValues = options.naValues().stream().filter(s -> !s.isEmpty()).map(String::toCharArray).toArray(char[][]::new);
        this.linesBeforeBlock = linesBeforeBlock;
        this.expectedHeader = expectedHeader;
        this.header = expectedHeader == null ? null : new ArrayList<>();
    }

    /** @return rows kept */
    int rows() {
        return row;
    }

    /** @return rows dropped as bad */
    int dropped() {
        return dropped;
    }

    /** @return a description of the first dropped row, or null */
    String firstBad() {
        return firstBad;
    }

    /** @return the line number in the file of a line number in the text */
    long fileLine(long lineInText) {
        return linesBeforeBlock.getAsLong() + lineInText;
    }

    /** @return the line (in the text) of the record being parsed */
    long currentLine() {
        return line;
    }

    @Override
    protected RecordType getRecordType() {
        return empty ? RecordType.EMPTY : RecordType.DATA;
    }

    @Override
    protected int getFieldCount() {
        return field;
    }

    @Override
    protected void beginRecord(long startingLineNumber) {
        line = startingLineNumber;
        field = 0;
        empty = false;
        bad = false;
    }

    @Override
    protected void addField(char[] buf, int off, int len, boolean quoted) {
        int f = field++;
        if (header != null) {
            header.add(new String(buf, off, len));
            return;
        }
        if (f >= byField.length) {
            return;
        }
        CsvColumnBuilder c = byField[f];
        if (c == null || bad) {
            return;
        }
        if (len == 0 ? emptyIsNa : naValues.length > 0 && isNa(buf, off, len)) {
            c.putNull(row);
            return;
        }
        try {
            c.put(row, buf, off, len);
        } catch (RuntimeException e) {
            if (e != CsvText.BAD && !(e instanceof ArithmeticException)) {
                throw e;
            }
            badValue(f, new String(buf, off, Math.min(len, MAX_TEXT)));
        }
    }

    private boolean isNa(char[] buf, int off, int len) {
        outer:
        for (char[] na : naValues) {
            if (na.length != len) {
                continue;
            }
            for (int i = 0; i < len; i++) {
                if (na[i] != buf[off + i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void badValue(int f, String text) {
        String where = "column " + (f + 1) + " ('" + fieldNames.get(f) + "')";
        String reason = where + ": cannot parse '" + text + "' as " + fieldTypes.get(f).label();
        bad = true;
        badReason = reason;
        badLine = line;
        if (mode == CsvOptions.BadRows.ERROR) {
            throw new DataSourceException(file + ": line " + fileLine(line) + ", " + reason);
        }
    }

    @Override
    protected void setComment(char[] buf, int offset, int len) {
        // comments are not enabled
    }

    @Override
    protected void setEmpty() {
        empty = true;
    }

    @Override
    protected Object buildRecord() {
        if (empty) {
            return null;
        }
        if (header != null) {
            if (!header.equals(expectedHeader)) {
                throw new DataSourceException(file + ": line " + fileLine(line) + ": the header " + header
                        + " differs from the first file's header " + expectedHeader);
            }
            header = null;
            return null;
        }
        if (field != byField.length && !bad) {
            bad = true;
            badLine = line;
            badReason = "expected " + byField.length + " fields, found " + field;
            if (mode == CsvOptions.BadRows.ERROR) {
                throw new DataSourceException(file + ": line " + fileLine(line) + ": " + badReason + rowTextSuffix());
            }
        }
        if (bad) {
            if (dropped++ == 0) {
                firstBad = "line " + fileLine(badLine) + ", " + badReason;
            }
            return null;
        }
        row++;
        return null;
    }

    private String rowTextSuffix() {
        String t = lineText.apply(fileLine(line));
        return t == null ? "" : ": " + t;
    }
}
