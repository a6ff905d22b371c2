package io.jdask.dataframe;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Order-preserving {@code long} keys for the values of a column: equal values get equal keys and
 * {@code Long.compare} of keys orders values as the column's type does (strings by their text,
 * categories by category order, numbers, booleans, dates and timestamps by value).
 */
final class SortKeys {
    private SortKeys() {}

    /**
     * @param what names the column in the error for a missing value
     * @throws IllegalArgumentException when a value is missing (naming {@code what} and the row)
     */
    static long[] of(Column c, String what) {
        int n = c.length();
        long[] k = new long[n];
        long[] rank = null;
        if (c.dtype() == DType.STRING) {
            String[] dict = c.dictionaryRef();
            Integer[] byText = new Integer[dict.length];
            for (int i = 0; i < dict.length; i++) {
                byText[i] = i;
            }
            Arrays.sort(byText, Comparator.comparing(i -> dict[i]));
            rank = new long[dict.length];
            for (int r = 0; r < dict.length; r++) {
                rank[byText[r]] = r;
            }
        }
        for (int i = 0; i < n; i++) {
            if (c.isNull(i)) {
                throw new IllegalArgumentException(what + " has a missing value at row " + i);
            }
            k[i] = switch (c.dtype()) {
                case STRING -> rank[c.getCode(i)];
                case CATEGORY -> c.getCode(i);
                case F64, F32, F16 -> {
                    double d = c.getDouble(i);
                    long bits = Double.doubleToLongBits(d == 0 ? 0.0 : d);
                    yield bits ^ ((bits >> 63) & Long.MAX_VALUE);
                }
                default -> c.getLong(i);
            };
        }
        return k;
    }

    /** @return the distinct keys, ascending */
    static long[] sortedUnique(long[] keys) {
        long[] s = keys.clone();
        Arrays.sort(s);
        int u = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[u - 1]) {
                s[u++] = s[i];
            }
        }
        return Arrays.copyOf(s, u);
    }
}
