package io.jdask.dataframe;

/** Row gathers where a row number of -1 makes a missing value (NaN for floats, a cleared validity bit otherwise). */
final class Gather {
    private static final short HALF_NAN = 0x7e00;

    private Gather() {}

    /** @return the given rows of {@code c}, in order; {@code -1} gives a missing value */
    static Column take(Column c, int[] rows) {
        int n = rows.length;
        boolean anyMissing = false;
        for (int r : rows) {
            if (r < 0) {
                anyMissing = true;
                break;
            }
        }
        if (!anyMissing) {
            return c.take(rows);
        }
        Object d = switch (c.data()) {
            case double[] x -> { double[] y = new double[n]; for (int i = 0; i < n; i++) y[i] = rows[i] < 0 ? Double.NaN : x[rows[i]]; yield y; }
            case float[] x -> { float[] y = new float[n]; for (int i = 0; i < n; i++) y[i] = rows[i] < 0 ? Float.NaN : x[rows[i]]; yield y; }
            case short[] x -> { short[] y = new short[n]; for (int i = 0; i < n; i++) y[i] = rows[i] < 0 ? HALF_NAN : x[rows[i]]; yield y; }
            case long[] x -> { long[] y = new long[n]; for (int i = 0; i < n; i++) y[i] = rows[i] < 0 ? 0 : x[rows[i]]; yield y; }
            case int[] x -> { int[] y = new int[n]; for (int i = 0; i < n; i++) y[i] = rows[i] < 0 ? 0 : x[rows[i]]; yield y; }
            case boolean[] x -> { boolean[] y = new boolean[n]; for (int i = 0; i < n; i++) y[i] = rows[i] >= 0 && x[rows[i]]; yield y; }
            default -> throw new IllegalStateException();
        };
        long[] v = null;
        if (!c.dtype().isFloating()) {
            long[] src = c.validity();
            v = new long[Bits.words(n)];
            for (int i = 0; i < n; i++) {
                int r = rows[i];
                if (r >= 0 && (src == null || Bits.get(src, r))) {
                    Bits.set(v, i);
                }
            }
        }
        return new Column(c.dtype(), n, d, v, c.dictionaryRef());
    }

    /** @return a column of {@code n} missing values of the given type (CATEGORY takes the categories given) */
    static Column missing(DType t, int n, String[] categories) {
        Object d = switch (t) {
            case F64 -> { double[] y = new double[n]; java.util.Arrays.fill(y, Double.NaN); yield y; }
            case F32 -> { float[] y = new float[n]; java.util.Arrays.fill(y, Float.NaN); yield y; }
            case F16 -> { short[] y = new short[n]; java.util.Arrays.fill(y, HALF_NAN); yield y; }
            case I64, TIMESTAMP -> new long[n];
            case I32, DATE, STRING, CATEGORY -> new int[n];
            case BOOL -> new boolean[n];
        };
        String[] dict = t == DType.CATEGORY ? categories : t == DType.STRING ? new String[0] : null;
        return new Column(t, n, d, t.isFloating() ? null : new long[Bits.words(n)], dict);
    }

    /**
     * @return a STRING column whose dictionary keeps only the strings its rows use (in order of
     *     first use), or the column itself when it uses them all; other types are returned as they are
     */
    static Column compactDictionary(Column c) {
        if (c.dtype() != DType.STRING) {
            return c;
        }
        String[] dict = c.dictionaryRef();
        int[] codes = (int[]) c.data();
        long[] valid = c.validity();
        int n = c.length();
        int[] remap = new int[dict.length];
        java.util.Arrays.fill(remap, -1);
        int used = 0;
        for (int i = 0; i < n; i++) {
            if ((valid == null || Bits.get(valid, i)) && remap[codes[i]] < 0) {
                remap[codes[i]] = used++;
            }
        }
        if (used == dict.length) {
            return c;
        }
        String[] d = new String[used];
        for (int k = 0; k < dict.length; k++) {
            if (remap[k] >= 0) {
                d[remap[k]] = dict[k];
            }
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = (valid == null || Bits.get(valid, i)) ? remap[codes[i]] : 0;
        }
        return new Column(DType.STRING, n, y, valid, d);
    }
}
