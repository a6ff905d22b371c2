package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Operations over several columns. */
final class Columns {
    private Columns() {}

    /** Concatenates columns of one type (checked by the caller); STRING dictionaries are merged. */
    static Column concat(List<Column> parts) {
        DType t = parts.get(0).dtype();
        int n = 0;
        boolean anyValidity = false;
        for (Column c : parts) {
            n += c.length();
            anyValidity |= c.validity() != null;
        }
        Object data = switch (parts.get(0).data()) {
            case double[] x -> new double[n];
            case float[] x -> new float[n];
            case short[] x -> new short[n];
            case long[] x -> new long[n];
            case int[] x -> new int[n];
            case boolean[] x -> new boolean[n];
            default -> throw new IllegalStateException();
        };
        long[] validity = anyValidity ? new long[Bits.words(n)] : null;
        String[] dict = parts.get(0).dictionaryRef();
        Map<String, Integer> merged = null;
        List<String> mergedDict = null;
        if (t == DType.STRING) {
            merged = new HashMap<>();
            mergedDict = new ArrayList<>();
        }
        int at = 0;
        for (Column c : parts) {
            int len = c.length();
            System.arraycopy(c.data(), 0, data, at, len);
            if (validity != null) {
                for (int i = 0; i < len; i++) {
                    if (!c.isNull(i)) {
                        Bits.set(validity, at + i);
                    }
                }
            }
            if (merged != null) {
                String[] d = c.dictionaryRef();
                int[] remap = new int[d.length];
                for (int k = 0; k < d.length; k++) {
                    final List<String> md = mergedDict;
                    remap[k] = merged.computeIfAbsent(d[k], s -> {
                        md.add(s);
                        return md.size() - 1;
                    });
                }
                int[] codes = (int[]) data;
                for (int i = 0; i < len; i++) {
                    codes[at + i] = c.isNull(i) ? 0 : remap[codes[at + i]];
                }
            }
            at += len;
        }
        if (mergedDict != null) {
            dict = mergedDict.toArray(String[]::new);
        }
        return new Column(t, n, data, validity, dict);
    }

    /**
     * Gathers {@code rows[from .. from + n)} of a column; a row of -1 gives a missing value (NaN for
     * floats, a cleared validity bit otherwise). Dictionaries are shared.
     */
    static Column gather(Column c, int[] rows, int from, int n) {
        Object src = c.data();
        if (src instanceof double[] x) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                int r = rows[from + i];
                y[i] = r < 0 ? Double.NaN : x[r];
            }
            return new Column(DType.F64, n, y, null, null);
        }
        long[] validIn = c.validity();
        boolean floating = c.dtype().isFloating();
        long[] valid = floating ? null : new long[Bits.words(n)];
        Object out = switch (src) {
            case double[] x -> new double[n];
            case float[] x -> new float[n];
            case short[] x -> new short[n];
            case long[] x -> new long[n];
            case int[] x -> new int[n];
            case boolean[] x -> new boolean[n];
            default -> throw new IllegalStateException();
        };
        for (int i = 0; i < n; i++) {
            int r = rows[from + i];
            if (r < 0) {
                switch (out) {
                    case double[] y -> y[i] = Double.NaN;
                    case float[] y -> y[i] = Float.NaN;
                    case short[] y -> y[i] = Float.floatToFloat16(Float.NaN);
                    default -> { }
                }
                continue;
            }
            switch (src) {
                case double[] x -> ((double[]) out)[i] = x[r];
                case float[] x -> ((float[]) out)[i] = x[r];
                case short[] x -> ((short[]) out)[i] = x[r];
                case long[] x -> ((long[]) out)[i] = x[r];
                case int[] x -> ((int[]) out)[i] = x[r];
                case boolean[] x -> ((boolean[]) out)[i] = x[r];
                default -> throw new IllegalStateException();
            }
            if (valid != null && (validIn == null || Bits.get(validIn, r))) {
                Bits.set(valid, i);
            }
        }
        return new Column(c.dtype(), n, out, valid, c.dictionaryRef());
    }
}
