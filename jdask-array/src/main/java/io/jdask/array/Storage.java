package io.jdask.array;

/** Flat primitive buffers of each dtype: allocation, casts and element access. */
final class Storage {
    private Storage() {}

    static Object allocate(DType t, int n) {
        return switch (t) {
            case F64 -> new double[n];
            case F32 -> new float[n];
            case F16 -> new short[n];
            case I64 -> new long[n];
            case I32 -> new int[n];
            case BOOL -> new boolean[n];
        };
    }

    static int length(Object data) {
        return java.lang.reflect.Array.getLength(data);
    }

    static DType dtypeOf(Object data) {
        if (data instanceof double[]) {
            return DType.F64;
        } else if (data instanceof float[]) {
            return DType.F32;
        } else if (data instanceof short[]) {
            return DType.F16;
        } else if (data instanceof long[]) {
            return DType.I64;
        } else if (data instanceof int[]) {
            return DType.I32;
        } else if (data instanceof boolean[]) {
            return DType.BOOL;
        }
        throw new IllegalArgumentException("not a block buffer: " + (data == null ? "null" : data.getClass()));
    }

    static double getDouble(Object data, int i) {
        return switch (data) {
            case double[] a -> a[i];
            case float[] a -> a[i];
            case short[] a -> Float.float16ToFloat(a[i]);
            case long[] a -> a[i];
            case int[] a -> a[i];
            case boolean[] a -> a[i] ? 1 : 0;
            default -> throw new IllegalStateException();
        };
    }

    static long getLong(Object data, int i) {
        return switch (data) {
            case long[] a -> a[i];
            case int[] a -> a[i];
            case boolean[] a -> a[i] ? 1 : 0;
            default -> (long) getDouble(data, i);
        };
    }

    static void setDouble(Object data, int i, double v) {
        switch (data) {
            case double[] a -> a[i] = v;
            case float[] a -> a[i] = (float) v;
            case short[] a -> a[i] = Float.floatToFloat16((float) v);
            case long[] a -> a[i] = (long) v;
            case int[] a -> a[i] = (int) v;
            case boolean[] a -> a[i] = v != 0;
            default -> throw new IllegalStateException();
        }
    }

    static void fill(Object data, double v) {
        switch (data) {
            case double[] a -> java.util.Arrays.fill(a, v);
            case float[] a -> java.util.Arrays.fill(a, (float) v);
            case short[] a -> java.util.Arrays.fill(a, Float.floatToFloat16((float) v));
            case long[] a -> java.util.Arrays.fill(a, (long) v);
            case int[] a -> java.util.Arrays.fill(a, (int) v);
            case boolean[] a -> java.util.Arrays.fill(a, v != 0);
            default -> throw new IllegalStateException();
        }
    }

    /** @return the buffer as doubles (the same array when it already is one) */
    static double[] asDoubles(Object data) {
        if (data instanceof double[] d) {
            return d;
        }
        int n = length(data);
        double[] r = new double[n];
        switch (data) {
            case float[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i]; } }
            case short[] a -> { for (int i = 0; i < n; i++) { r[i] = Float.float16ToFloat(a[i]); } }
            case long[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i]; } }
            case int[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i]; } }
            case boolean[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i] ? 1 : 0; } }
            default -> throw new IllegalStateException();
        }
        return r;
    }

    /** @return the buffer as floats (the same array when it already is one) */
    static float[] asFloats(Object data) {
        if (data instanceof float[] f) {
            return f;
        }
        int n = length(data);
        float[] r = new float[n];
        switch (data) {
            case double[] a -> { for (int i = 0; i < n; i++) { r[i] = (float) a[i]; } }
            case short[] a -> { for (int i = 0; i < n; i++) { r[i] = Float.float16ToFloat(a[i]); } }
            case long[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i]; } }
            case int[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i]; } }
            case boolean[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i] ? 1 : 0; } }
            default -> throw new IllegalStateException();
        }
        return r;
    }

    /** @return the buffer as longs (the same array when it already is one); floats truncate toward zero */
    static long[] asLongs(Object data) {
        if (data instanceof long[] l) {
            return l;
        }
        int n = length(data);
        long[] r = new long[n];
        switch (data) {
            case double[] a -> { for (int i = 0; i < n; i++) { r[i] = (long) a[i]; } }
            case float[] a -> { for (int i = 0; i < n; i++) { r[i] = (long) a[i]; } }
            case short[] a -> { for (int i = 0; i < n; i++) { r[i] = (long) Float.float16ToFloat(a[i]); } }
            case int[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i]; } }
            case boolean[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i] ? 1 : 0; } }
            default -> throw new IllegalStateException();
        }
        return r;
    }

    /** @return the buffer as booleans (non-zero is true; NaN is true, as in NumPy) */
    static boolean[] asBooleans(Object data) {
        if (data instanceof boolean[] b) {
            return b;
        }
        int n = length(data);
        boolean[] r = new boolean[n];
        switch (data) {
            case long[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i] != 0; } }
            case int[] a -> { for (int i = 0; i < n; i++) { r[i] = a[i] != 0; } }
            default -> {
                double[] d = asDoubles(data);
                for (int i = 0; i < n; i++) {
                    r[i] = d[i] != 0;
                }
            }
        }
        return r;
    }

    /** @return a buffer of type {@code t} holding the values of {@code data} (shared when already that type) */
    static Object cast(Object data, DType t) {
        return switch (t) {
            case F64 -> asDoubles(data);
            case F32 -> asFloats(data);
            case F16 -> {
                if (data instanceof short[] s) {
                    yield s;
                }
                float[] f = asFloats(data);
                short[] r = new short[f.length];
                for (int i = 0; i < f.length; i++) {
                    r[i] = Float.floatToFloat16(f[i]);
                }
                yield r;
            }
            case I64 -> asLongs(data);
            case I32 -> {
                if (data instanceof int[] x) {
                    yield x;
                }
                long[] l = asLongs(data);
                int[] r = new int[l.length];
                for (int i = 0; i < l.length; i++) {
                    r[i] = (int) l[i];
                }
                yield r;
            }
            case BOOL -> asBooleans(data);
        };
    }

    /** Copies {@code n} elements (same buffer type). */
    static void copy(Object src, int from, Object dst, int to, int n) {
        System.arraycopy(src, from, dst, to, n);
    }
}
