package io.jdask.dataframe;

/** Numeric views of columns for the numeric kernels. */
final class ColumnValues {
    private ColumnValues() {}

    /**
     * @return the column's values as doubles, NaN where missing: the column's own array for F64
     *     (never to be written), else a new array
     * @throws IllegalStateException for STRING and CATEGORY columns
     */
    static double[] doubles(Column c) {
        int n = c.length();
        Object data = c.data();
        if (data instanceof double[] d) {
            return d;
        }
        double[] out = new double[n];
        long[] valid = c.validity();
        switch (data) {
            case float[] f -> {
                for (int i = 0; i < n; i++) {
                    out[i] = f[i];
                }
            }
            case short[] h -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(h[i]);
                }
            }
            case long[] l -> {
                for (int i = 0; i < n; i++) {
                    out[i] = l[i];
                }
            }
            case int[] v when !c.dtype().isDictionary() -> {
                for (int i = 0; i < n; i++) {
                    out[i] = v[i];
                }
            }
            case boolean[] b -> {
                for (int i = 0; i < n; i++) {
                    out[i] = b[i] ? 1 : 0;
                }
            }
            default -> throw new IllegalStateException("a " + c.dtype().label() + " column has no numeric values");
        }
        if (valid != null) {
            for (int i = 0; i < n; i++) {
                if (!Bits.get(valid, i)) {
                    out[i] = Double.NaN;
                }
            }
        }
        return out;
    }
}
