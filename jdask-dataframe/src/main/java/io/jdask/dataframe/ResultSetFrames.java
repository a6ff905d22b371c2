package io.jdask.dataframe;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a result set into a {@link Frame}, column by column into growing primitive arrays (numbers
 * are never boxed; strings are dictionary-encoded as they arrive).
 */
final class ResultSetFrames {
    private ResultSetFrames() {}

    /**
     * @param rs positioned before the first row; its columns are, in order, the index (when
     *     {@code indexName} is not null) and then {@code names}
     * @param types the dtype of each result column, the index first
     * @param timeZoned whether each TIMESTAMP result column carries a time zone
     * @param sortedIndex whether the rows come ordered by the index (declared, not checked)
     * @param epoch for each result column, whether a DATE or TIMESTAMP arrives as a number (epoch
     *     days, epoch microseconds) rather than as a date or timestamp; null for none
     * @param dictionaries for each result column, null, or for a STRING column that arrives as
     *     integer codes, the strings the codes index; null for none
     */
    static Frame read(ResultSet rs, String indexName, List<String> names, List<DType> types, boolean[] timeZoned,
            boolean sortedIndex, boolean[] epoch, String[][] dictionaries) throws SQLException {
        int k = types.size();
        Builder[] bs = new Builder[k];
        for (int c = 0; c < k; c++) {
            bs[c] = new Builder(types.get(c), timeZoned[c], epoch != null && epoch[c],
                    dictionaries == null ? null : dictionaries[c]);
        }
        int n = 0;
        while (rs.next()) {
            for (int c = 0; c < k; c++) {
                bs[c].read(rs, c + 1, n);
            }
            n++;
        }
        Frame.Builder fb = Frame.builder();
        int first = 0;
        if (indexName != null) {
            Column idx = bs[0].build(n);
            if (sortedIndex) {
                fb.sortedIndex(indexName, idx);
            } else {
                fb.index(indexName, idx);
            }
            first = 1;
        }
        for (int c = first; c < k; c++) {
            fb.column(names.get(c - first), bs[c].build(n));
        }
        return fb.build();
    }

    /** An empty frame of these names and types. */
    static Frame empty(String indexName, DType indexType, List<String> names, List<DType> types) {
        Frame.Builder fb = Frame.builder();
        if (indexName != null) {
            fb.sortedIndex(indexName, emptyColumn(indexType));
        }
        for (int i = 0; i < names.size(); i++) {
            fb.column(names.get(i), emptyColumn(types.get(i)));
        }
        return fb.build();
    }

    static Column emptyColumn(DType t) {
        Object data = switch (t) {
            case F64 -> new double[0];
            case F32 -> new float[0];
            case F16 -> new short[0];
            case I64, TIMESTAMP -> new long[0];
            case I32, DATE, STRING, CATEGORY -> new int[0];
            case BOOL -> new boolean[0];
        };
        return new Column(t, 0, data, null, t.isDictionary() ? new String[0] : null);
    }

    /** One growing column. */
    private static final class Builder {
        private final DType type;
        private final boolean timeZoned;
        private final boolean epoch;
        private final String[] codedDictionary;
        private double[] d;
        private float[] f;
        private long[] l;
        private int[] i;
        private boolean[] b;
        private boolean[] valid;
        private boolean anyMissing;
        private Map<String, Integer> codes;
        private List<String> dict;

        Builder(DType type, boolean timeZoned, boolean epoch, String[] codedDictionary) {
            this.type = type;
            this.timeZoned = timeZoned;
            this.epoch = epoch;
            this.codedDictionary = codedDictionary;
            int cap = 1024;
            switch (type) {
                case F64 -> d = new double[cap];
                case F32 -> f = new float[cap];
                case I64, TIMESTAMP -> l = new long[cap];
                case I32, DATE -> i = new int[cap];
                case BOOL -> b = new boolean[cap];
                case STRING -> {
                    i = new int[cap];
                    codes = new HashMap<>();
                    dict = new ArrayList<>();
                }
                default -> throw new IllegalArgumentException("cannot read a " + type.label() + " column from SQL");
            }
            if (!type.isFloating()) {
                valid = new boolean[cap];
            }
        }

        private void grow(int row) {
            if (valid != null && row == valid.length) {
                valid = Arrays.copyOf(valid, row * 2);
            }
            if (d != null && row == d.length) {
                d = Arrays.copyOf(d, row * 2);
            } else if (f != null && row == f.length) {
                f = Arrays.copyOf(f, row * 2);
            } else if (l != null && row == l.length) {
                l = Arrays.copyOf(l, row * 2);
            } else if (i != null && row == i.length) {
                i = Arrays.copyOf(i, row * 2);
            } else if (b != null && row == b.length) {
                b = Arrays.copyOf(b, row * 2);
            }
        }

        void read(ResultSet rs, int col, int row) throws SQLException {
            grow(row);
            switch (type) {
                case F64 -> {
                    double v = rs.getDouble(col);
                    d[row] = rs.wasNull() ? Double.NaN : v;
                }
                case F32 -> {
                    float v = rs.getFloat(col);
                    f[row] = rs.wasNull() ? Float.NaN : v;
                }
                case I64 -> {
                    long v = rs.getLong(col);
                    present(row, !rs.wasNull());
                    l[row] = v;
                }
                case I32 -> {
                    int v = rs.getInt(col);
                    present(row, !rs.wasNull());
                    i[row] = v;
                }
                case BOOL -> {
                    boolean v = rs.getBoolean(col);
                    present(row, !rs.wasNull());
                    b[row] = v;
                }
                case STRING -> {
                    if (codedDictionary != null) {
                        int code = rs.getInt(col);
                        present(row, !rs.wasNull());
                        i[row] = code;
                        return;
                    }
                    String s = rs.getString(col);
                    present(row, s != null);
                    if (s != null) {
                        Integer c = codes.get(s);
                        if (c == null) {
                            c = dict.size();
                            codes.put(s, c);
                            dict.add(s);
                        }
                        i[row] = c;
                    }
                }
                case DATE -> {
                    if (epoch) {
                        int days = rs.getInt(col);
                        present(row, !rs.wasNull());
                        i[row] = days;
                        return;
                    }
                    LocalDate v = rs.getObject(col, LocalDate.class);
                    present(row, v != null);
                    if (v != null) {
                        i[row] = Math.toIntExact(v.toEpochDay());
                    }
                }
                case TIMESTAMP -> {
                    if (epoch) {
                        long micros = rs.getLong(col);
                        present(row, !rs.wasNull());
                        l[row] = micros * 1000L;
                        return;
                    }
                    LocalDateTime v;
                    if (timeZoned) {
                        OffsetDateTime o = rs.getObject(col, OffsetDateTime.class);
                        v = o == null ? null : o.atZoneSameInstant(java.time.ZoneOffset.UTC).toLocalDateTime();
                    } else {
                        v = rs.getObject(col, LocalDateTime.class);
                    }
                    present(row, v != null);
                    if (v != null) {
                        l[row] = Jdbc.epochNanos(v);
                    }
                }
                default -> throw new IllegalStateException();
            }
        }

        private void present(int row, boolean ok) {
            valid[row] = ok;
            anyMissing |= !ok;
        }

        Column build(int n) {
            long[] v = anyMissing ? Bits.of(Arrays.copyOf(valid, n), n) : null;
            return switch (type) {
                case F64 -> new Column(type, n, Arrays.copyOf(d, n), null, null);
                case F32 -> new Column(type, n, Arrays.copyOf(f, n), null, null);
                case I64, TIMESTAMP -> new Column(type, n, Arrays.copyOf(l, n), v, null);
                case I32, DATE -> new Column(type, n, Arrays.copyOf(i, n), v, null);
                case BOOL -> new Column(type, n, Arrays.copyOf(b, n), v, null);
                case STRING -> new Column(type, n, Arrays.copyOf(i, n), v,
                        codedDictionary != null ? codedDictionary : dict.toArray(String[]::new));
                default -> throw new IllegalStateException();
            };
        }
    }
}
