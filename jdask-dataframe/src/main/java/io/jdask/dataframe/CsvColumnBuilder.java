package io.jdask.dataframe;

import java.util.Arrays;

/**
 * Builds one column of a CSV block straight into a primitive array. Values are written at a row
 * index rather than appended, so a row found bad half-way is simply overwritten by the next one.
 * {@link #put} throws {@link CsvText#BAD} when the text does not parse as the column's type.
 */
abstract class CsvColumnBuilder {
    protected long[] validity;
    private int capacity;

    CsvColumnBuilder(int capacity) {
        this.capacity = Math.max(16, capacity);
        validity = new long[Bits.words(this.capacity)];
    }

    /** @return the type a column of type {@code t} is parsed as before it is cast to {@code t} */
    static DType parsedAs(DType t) {
        return switch (t) {
            case I32 -> DType.I64;
            case F32, F16 -> DType.F64;
            default -> t;
        };
    }

    static CsvColumnBuilder of(DType t, int capacity) {
        return switch (parsedAs(t)) {
            case I64 -> new Longs(capacity, DType.I64);
            case TIMESTAMP -> new Longs(capacity, DType.TIMESTAMP);
            case F64 -> new Doubles(capacity);
            case BOOL -> new Booleans(capacity);
            case DATE -> new Dates(capacity);
            case STRING -> new Strings(capacity);
            default -> throw new IllegalArgumentException("readCsv cannot read " + t.label() + " columns (each partition"
                    + " would find its own categories); read them as string and cast with known categories");
        };
    }

    final void put(int row, char[] b, int off, int len) {
        if (row >= capacity) {
            capacity = Math.max(capacity * 2, row + 1);
            validity = Arrays.copyOf(validity, Bits.words(capacity));
            grow(capacity);
        }
        set(row, b, off, len);
        validity[row >>> 6] |= 1L << row;
    }

    final void putNull(int row) {
        if (row >= capacity) {
            capacity = Math.max(capacity * 2, row + 1);
            validity = Arrays.copyOf(validity, Bits.words(capacity));
            grow(capacity);
        }
        setNull(row);
        validity[row >>> 6] &= ~(1L << row);
    }

    abstract void grow(int newCapacity);

    abstract void set(int row, char[] b, int off, int len);

    abstract void setNull(int row);

    abstract Column build(int rows);

    final long[] validity(int rows) {
        long[] v = Arrays.copyOf(validity, Bits.words(rows));
        if ((rows & 63) != 0 && v.length > 0) {
            v[v.length - 1] &= (1L << (rows & 63)) - 1;
        }
        return v;
    }

    static final class Longs extends CsvColumnBuilder {
        private final DType type;
        private long[] data;

        Longs(int capacity, DType type) {
            super(capacity);
            this.type = type;
            data = new long[Math.max(16, capacity)];
        }

        @Override
        void grow(int n) {
            data = Arrays.copyOf(data, n);
        }

        @Override
        void set(int row, char[] b, int off, int len) {
            data[row] = type == DType.I64 ? CsvText.parseLong(b, off, len) : CsvText.parseTimestamp(b, off, len);
        }

        @Override
        void setNull(int row) {
            data[row] = 0;
        }

        @Override
        Column build(int rows) {
            return new Column(type, rows, Arrays.copyOf(data, rows), validity(rows), null);
        }
    }

    static final class Doubles extends CsvColumnBuilder {
        private double[] data;

        Doubles(int capacity) {
            super(capacity);
            data = new double[Math.max(16, capacity)];
        }

        @Override
        void grow(int n) {
            data = Arrays.copyOf(data, n);
        }

        @Override
        void set(int row, char[] b, int off, int len) {
            data[row] = CsvText.parseDouble(b, off, len);
        }

        @Override
        void setNull(int row) {
            data[row] = Double.NaN;
        }

        @Override
        Column build(int rows) {
            return new Column(DType.F64, rows, Arrays.copyOf(data, rows), null, null);
        }
    }

    static final class Booleans extends CsvColumnBuilder {
        private boolean[] data;

        Booleans(int capacity) {
            super(capacity);
            data = new boolean[Math.max(16, capacity)];
        }

        @Override
        void grow(int n) {
            data = Arrays.copyOf(data, n);
        }

        @Override
        void set(int row, char[] b, int off, int len) {
            data[row] = CsvText.parseBoolean(b, off, len);
        }

        @Override
        void setNull(int row) {
            data[row] = false;
        }

        @Override
        Column build(int rows) {
            return new Column(DType.BOOL, rows, Arrays.copyOf(data, rows), validity(rows), null);
        }
    }

    static final class Dates extends CsvColumnBuilder {
        private int[] data;

        Dates(int capacity) {
            super(capacity);
            data = new int[Math.max(16, capacity)];
        }

        @Override
        void grow(int n) {
            data = Arrays.copyOf(data, n);
        }

        @Override
        void set(int row, char[] b, int off, int len) {
            data[row] = CsvText.parseDate(b, off, len);
        }

        @Override
        void setNull(int row) {
            data[row] = 0;
        }

        @Override
        Column build(int rows) {
            return new Column(DType.DATE, rows, Arrays.copyOf(data, rows), validity(rows), null);
        }
    }

    /** Dictionary-encodes strings: an open-addressing table from the field's chars to a code. */
    static final class Strings extends CsvColumnBuilder {
        private int[] codes;
        private String[] dict = new String[64];
        private char[][] dictChars = new char[64][];
        private int[] dictHash = new int[64];
        private int dictSize;
        private int[] table = new int[128];

        Strings(int capacity) {
            super(capacity);
            codes = new int[Math.max(16, capacity)];
            Arrays.fill(table, -1);
        }

        @Override
        void grow(int n) {
            codes = Arrays.copyOf(codes, n);
        }

        @Override
        void set(int row, char[] b, int off, int len) {
            int h = 0;
            for (int i = off, end = off + len; i < end; i++) {
                h = 31 * h + b[i];
            }
            int mask = table.length - 1;
            int slot = mix(h) & mask;
            while (true) {
                int code = table[slot];
                if (code < 0) {
                    break;
                }
                if (dictHash[code] == h && Arrays.equals(dictChars[code], 0, dictChars[code].length, b, off, off + len)) {
                    codes[row] = code;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            int code = dictSize++;
            if (code == dict.length) {
                dict = Arrays.copyOf(dict, code * 2);
                dictChars = Arrays.copyOf(dictChars, code * 2);
                dictHash = Arrays.copyOf(dictHash, code * 2);
            }
            dictChars[code] = Arrays.copyOfRange(b, off, off + len);
            dict[code] = new String(b, off, len);
            dictHash[code] = h;
            table[slot] = code;
            codes[row] = code;
            if (dictSize * 2 > table.length) {
                rehash();
            }
        }

        private static int mix(int h) {
            return (h ^ (h >>> 16)) * 0x9E3779B1;
        }

        private void rehash() {
            int[] t = new int[table.length * 2];
            Arrays.fill(t, -1);
            int mask = t.length - 1;
            for (int c = 0; c < dictSize; c++) {
                int slot = mix(dictHash[c]) & mask;
                while (t[slot] >= 0) {
                    slot = (slot + 1) & mask;
                }
                t[slot] = c;
            }
            table = t;
        }

        @Override
        void setNull(int row) {
            codes[row] = 0;
        }

        @Override
        Column build(int rows) {
            // a row dropped as bad may have added a string no kept row uses: keep only used entries
            int[] c = Arrays.copyOf(codes, rows);
            long[] v = validity(rows);
            int[] remap = new int[dictSize];
            Arrays.fill(remap, -1);
            String[] used = new String[dictSize];
            int n = 0;
            for (int i = 0; i < rows; i++) {
                if (Bits.get(v, i)) {
                    int old = c[i];
                    int r = remap[old];
                    if (r < 0) {
                        r = n++;
                        remap[old] = r;
                        used[r] = dict[old];
                    }
                    c[i] = r;
                }
            }
            return new Column(DType.STRING, rows, c, v, Arrays.copyOf(used, n));
        }
    }
}
