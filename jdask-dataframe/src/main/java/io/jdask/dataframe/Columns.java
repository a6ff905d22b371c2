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
}
