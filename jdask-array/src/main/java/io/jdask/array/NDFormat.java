package io.jdask.array;

/** NumPy-like printing: nested brackets, abbreviated with {@code ...} beyond 1000 elements. */
final class NDFormat {
    private static final int THRESHOLD = 1000;
    private static final int EDGE = 3;

    private NDFormat() {}

    static String format(NDArray a) {
        StringBuilder sb = new StringBuilder("array(");
        int[] shape = a.shapeRef();
        boolean abbreviate = a.size() > THRESHOLD;
        if (shape.length == 0) {
            sb.append(element(a, 0));
        } else if (a.size() == 0) {
            sb.append("[]");
        } else {
            append(sb, a, 0, 0, abbreviate);
        }
        if (a.dtype() != DType.F64 && a.dtype() != DType.I64 && a.dtype() != DType.BOOL || a.size() == 0) {
            sb.append(", dtype=").append(a.dtype().numpyName());
        }
        if (a.size() == 0 && shape.length != 1) {
            sb.append(", shape=").append(ShapeText.of(shape));
        }
        return sb.append(')').toString();
    }

    private static void append(StringBuilder sb, NDArray a, int dim, int offset, boolean abbreviate) {
        int[] shape = a.shapeRef();
        int n = shape[dim];
        int stride = 1;
        for (int d = dim + 1; d < shape.length; d++) {
            stride *= shape[d];
        }
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (abbreviate && n > 2 * EDGE && i == EDGE) {
                sb.append(dim == shape.length - 1 ? "..., " : "...,\n" + " ".repeat(7 + dim));
                i = n - EDGE - 1;
                continue;
            }
            if (dim == shape.length - 1) {
                sb.append(element(a, offset + i));
            } else {
                append(sb, a, dim + 1, offset + i * stride, abbreviate);
            }
            if (i < n - 1) {
                sb.append(dim == shape.length - 1 ? ", " : ",\n" + " ".repeat(7 + dim));
            }
        }
        sb.append(']');
    }

    /** At most 8 significant digits like NumPy: {@code 2.}, {@code 0.33333333}, {@code 1.7303586e-16}. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e16) {
            return (long) v + ".";
        }
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e16) {
            String s = new java.math.BigDecimal(v).round(new java.math.MathContext(8)).stripTrailingZeros().toPlainString();
            return s.contains(".") ? s : s + ".";
        }
        String e = String.format(java.util.Locale.ROOT, "%.7e", v);
        int at = e.indexOf('e');
        String mantissa = e.substring(0, at).replaceAll("0+$", "");
        return (mantissa.endsWith(".") ? mantissa : mantissa) + e.substring(at);
    }

    private static String element(NDArray a, int i) {
        Object d = a.data();
        return switch (d) {
            case long[] x -> Long.toString(x[i]);
            case int[] x -> Integer.toString(x[i]);
            case boolean[] x -> x[i] ? "True" : "False";
            default -> {
                double v = Storage.getDouble(d, i);
                if (v != v) {
                    yield "nan";
                }
                if (Double.isInfinite(v)) {
                    yield v > 0 ? "inf" : "-inf";
                }
                yield number(v);
            }
        };
    }
}
