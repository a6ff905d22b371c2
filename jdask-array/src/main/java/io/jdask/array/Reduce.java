package io.jdask.array;

import java.util.Arrays;

/**
 * Reduction kernels over a set of axes, always keeping the reduced dimensions (size 1). The array
 * is viewed as {@code (outer, n, inner)} where the reduced axes are adjacent (no copy), otherwise
 * the reduced axes are moved last first.
 */
final class Reduce {
    private Reduce() {}

    /** A contiguous buffer viewed as (outer, n, inner), reducing n. */
    private record View(Object data, int outer, int n, int inner) {}

    static int[] keptShape(int[] shape, int[] axes) {
        int[] r = shape.clone();
        for (int ax : axes) {
            r[ax] = 1;
        }
        return r;
    }

    private static View view(NDArray a, int[] axes) {
        int[] shape = a.shapeRef();
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        boolean adjacent = sorted.length == 0 || sorted[sorted.length - 1] - sorted[0] == sorted.length - 1;
        if (adjacent) {
            int first = sorted.length == 0 ? shape.length : sorted[0];
            int last = sorted.length == 0 ? shape.length - 1 : sorted[sorted.length - 1];
            int outer = 1;
            int n = 1;
            int inner = 1;
            for (int d = 0; d < shape.length; d++) {
                if (d < first) {
                    outer *= shape[d];
                } else if (d <= last) {
                    n *= shape[d];
                } else {
                    inner *= shape[d];
                }
            }
            return new View(a.data(), outer, n, inner);
        }
        int[] perm = new int[shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (Arrays.binarySearch(sorted, d) < 0) {
                perm[k++] = d;
            }
        }
        for (int ax : sorted) {
            perm[k++] = ax;
        }
        NDArray moved = a.transpose(perm);
        int n = 1;
        for (int ax : sorted) {
            n *= shape[ax];
        }
        return new View(moved.data(), n == 0 ? 0 : moved.size() / Math.max(1, n), n, 1);
    }

    /**
     * @return for a view that is a permutation of its whole buffer (a transpose), the permutation
     *     {@code p} with {@code a.transpose(p)} contiguous; null otherwise
     */
    static int[] basePermutation(NDArray a) {
        if (a.isContiguous()) {
            return null;
        }
        int[] perm = Layout.rowMajorPermutation(a.shapeRef(), a.stridesRef());
        return perm != null && a.transpose(perm).isContiguous() ? perm : null;
    }

    static int[] inverse(int[] perm) {
        int[] inv = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            inv[perm[i]] = i;
        }
        return inv;
    }

    private static int[] mapAxes(int[] axes, int[] inv) {
        int[] r = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            r[i] = inv[axes[i]];
        }
        Arrays.sort(r);
        return r;
    }

    private static NDArray[] transposeAll(NDArray[] parts, int[] inv) {
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].transpose(inv);
        }
        return parts;
    }

    static NDArray reduce(ReduceOp op, NDArray a, int[] axes) {
        int[] perm = basePermutation(a);
        if (perm != null) {
            // a transposed view: reduce its buffer in memory order, then transpose the (small) result
            int[] inv = inverse(perm);
            return reduce(op, a.transpose(perm), mapAxes(axes, inv)).transpose(inv);
        }
        int[] outShape = keptShape(a.shapeRef(), axes);
        DType out = op.resultType(a.dtype());
        View v = view(a, axes);
        int outer = v.n() == 0 ? Layout.sizeInt(outShape) : v.outer();
        int inner = v.n() == 0 ? 1 : v.inner();
        if (v.n() == 0 && (op == ReduceOp.MIN || op == ReduceOp.MAX || op == ReduceOp.NANMIN || op == ReduceOp.NANMAX)
                && Layout.size(outShape) > 0) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + op.numpyName()
                    + " which has no identity (shape " + ShapeText.of(a.shapeRef()) + ")");
        }
        Object r;
        if (op == ReduceOp.ANY || op == ReduceOp.ALL) {
            boolean[] x = Storage.asBooleans(v.data());
            boolean[] res = new boolean[outer * inner];
            boolean all = op == ReduceOp.ALL;
            Arrays.fill(res, all);
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < v.n(); k++) {
                    int base = (o * v.n() + k) * inner;
                    for (int j = 0; j < inner; j++) {
                        res[o * inner + j] = all ? res[o * inner + j] & x[base + j] : res[o * inner + j] | x[base + j];
                    }
                }
            }
            r = res;
        } else if (op == ReduceOp.COUNT) {
            long[] res = new long[outer * inner];
            if (a.dtype().isFloat()) {
                double[] x = Storage.asDoubles(v.data());
                for (int o = 0; o < outer; o++) {
                    for (int k = 0; k < v.n(); k++) {
                        int base = (o * v.n() + k) * inner;
                        for (int j = 0; j < inner; j++) {
                            res[o * inner + j] += x[base + j] == x[base + j] ? 1 : 0;
                        }
                    }
                }
            } else {
                Arrays.fill(res, v.n());
            }
            r = res;
        } else if (a.dtype().isFloat()) {
            r = Storage.cast(reduceDouble(op, Storage.asDoubles(v.data()), outer, v.n(), inner), out);
        } else {
            r = reduceLong(op, Storage.asLongs(v.data()), outer, v.n(), inner);
            r = Storage.cast(r, out);
        }
        return new NDArray(out, outShape, r);
    }

    private static double identity(ReduceOp op) {
        return switch (op) {
            case SUM, NANSUM -> 0;
            case PROD, NANPROD -> 1;
            case MIN -> Double.POSITIVE_INFINITY;
            case MAX -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    private static double[] reduceDouble(ReduceOp op, double[] x, int outer, int n, int inner) {
        double[] r = new double[outer * inner];
        Arrays.fill(r, identity(op));
        if (inner == 1 && (op == ReduceOp.SUM)) {
            for (int o = 0; o < outer; o++) {
                r[o] = sumRow(x, o * n, n);
            }
            return r;
        }
        for (int o = 0; o < outer; o++) {
            int ro = o * inner;
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                switch (op) {
                    case SUM -> { for (int j = 0; j < inner; j++) { r[ro + j] += x[base + j]; } }
                    case PROD -> { for (int j = 0; j < inner; j++) { r[ro + j] *= x[base + j]; } }
                    case MIN -> { for (int j = 0; j < inner; j++) { r[ro + j] = Math.min(r[ro + j], x[base + j]); } }
                    case MAX -> { for (int j = 0; j < inner; j++) { r[ro + j] = Math.max(r[ro + j], x[base + j]); } }
                    case NANSUM -> { for (int j = 0; j < inner; j++) { double v = x[base + j]; r[ro + j] += v == v ? v : 0; } }
                    case NANPROD -> { for (int j = 0; j < inner; j++) { double v = x[base + j]; r[ro + j] *= v == v ? v : 1; } }
                    case NANMIN -> { for (int j = 0; j < inner; j++) { double v = x[base + j]; double c = r[ro + j]; r[ro + j] = c != c || v < c ? v : c; } }
                    case NANMAX -> { for (int j = 0; j < inner; j++) { double v = x[base + j]; double c = r[ro + j]; r[ro + j] = c != c || v > c ? v : c; } }
                    default -> throw new IllegalStateException(op.name());
                }
            }
        }
        return r;
    }

    /** Sum of {@code x[from, from + n)} with eight independent accumulators (memory-bound, not add-latency-bound). */
    static double sumRow(double[] x, int from, int n) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = from;
        int end = from + n;
        for (; i + 8 <= end; i += 8) {
            s0 += x[i];
            s1 += x[i + 1];
            s2 += x[i + 2];
            s3 += x[i + 3];
            s4 += x[i + 4];
            s5 += x[i + 5];
            s6 += x[i + 6];
            s7 += x[i + 7];
        }
        for (; i < end; i++) {
            s0 += x[i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    private static long[] reduceLong(ReduceOp op, long[] x, int outer, int n, int inner) {
        long[] r = new long[outer * inner];
        ReduceOp base0 = switch (op) {
            case NANSUM -> ReduceOp.SUM;
            case NANPROD -> ReduceOp.PROD;
            case NANMIN -> ReduceOp.MIN;
            case NANMAX -> ReduceOp.MAX;
            default -> op;
        };
        Arrays.fill(r, switch (base0) {
            case PROD -> 1L;
            case MIN -> Long.MAX_VALUE;
            case MAX -> Long.MIN_VALUE;
            default -> 0L;
        });
        for (int o = 0; o < outer; o++) {
            int ro = o * inner;
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                switch (base0) {
                    case SUM -> { for (int j = 0; j < inner; j++) { r[ro + j] += x[base + j]; } }
                    case PROD -> { for (int j = 0; j < inner; j++) { r[ro + j] *= x[base + j]; } }
                    case MIN -> { for (int j = 0; j < inner; j++) { r[ro + j] = Math.min(r[ro + j], x[base + j]); } }
                    case MAX -> { for (int j = 0; j < inner; j++) { r[ro + j] = Math.max(r[ro + j], x[base + j]); } }
                    default -> throw new IllegalStateException(op.name());
                }
            }
        }
        return r;
    }

    /**
     * Count, mean and sum of squared deviations over {@code axes} (two passes, stable), as F64
     * arrays with the reduced dimensions kept.
     */
    static NDArray[] moments(NDArray a, int[] axes, boolean skipNan) {
        int[] perm = basePermutation(a);
        if (perm != null) {
            int[] inv = inverse(perm);
            return transposeAll(moments(a.transpose(perm), mapAxes(axes, inv), skipNan), inv);
        }
        int[] outShape = keptShape(a.shapeRef(), axes);
        View v = view(a, axes);
        int outer = v.n() == 0 ? Layout.sizeInt(outShape) : v.outer();
        int inner = v.n() == 0 ? 1 : v.inner();
        int n = v.n();
        double[] x = Storage.asDoubles(v.data());
        double[] cnt = new double[outer * inner];
        double[] mean = new double[outer * inner];
        double[] m2 = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            int ro = o * inner;
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int j = 0; j < inner; j++) {
                    double val = x[base + j];
                    boolean use = !skipNan || val == val;
                    cnt[ro + j] += use ? 1 : 0;
                    mean[ro + j] += use ? val : 0;
                }
            }
            for (int j = 0; j < inner; j++) {
                mean[ro + j] = cnt[ro + j] == 0 ? Double.NaN : mean[ro + j] / cnt[ro + j];
            }
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int j = 0; j < inner; j++) {
                    double val = x[base + j];
                    double d = val - mean[ro + j];
                    m2[ro + j] += !skipNan || val == val ? d * d : 0;
                }
            }
        }
        return new NDArray[] {
            new NDArray(DType.F64, outShape, cnt), new NDArray(DType.F64, outShape.clone(), mean),
            new NDArray(DType.F64, outShape.clone(), m2)
        };
    }

    /**
     * Position and value of the minimum or maximum along one axis (first occurrence; NaN wins
     * unless {@code skipNan}).
     *
     * @return {index (I64), value (F64)} with the axis kept
     */
    static NDArray[] arg(NDArray a, int axis, boolean max, boolean skipNan, long offset) {
        int[] perm = basePermutation(a);
        if (perm != null) {
            int[] inv = inverse(perm);
            return transposeAll(arg(a.transpose(perm), inv[axis], max, skipNan, offset), inv);
        }
        int[] outShape = keptShape(a.shapeRef(), new int[] {axis});
        View v = view(a, new int[] {axis});
        int n = v.n();
        if (n == 0) {
            throw new IllegalArgumentException("attempt to get " + (max ? "argmax" : "argmin")
                    + " of an empty sequence (shape " + ShapeText.of(a.shapeRef()) + ")");
        }
        int outer = v.outer();
        int inner = v.inner();
        double[] x = Storage.asDoubles(v.data());
        long[] idx = new long[outer * inner];
        double[] best = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int bestK = -1;
                double b = Double.NaN;
                for (int k = 0; k < n; k++) {
                    double val = x[(o * n + k) * inner + j];
                    if (val != val) {
                        if (!skipNan) {
                            bestK = k;
                            b = val;
                            break;
                        }
                        continue;
                    }
                    if (bestK < 0 || (max ? val > b : val < b)) {
                        bestK = k;
                        b = val;
                    }
                }
                idx[o * inner + j] = bestK < 0 ? -1 : bestK + offset;
                best[o * inner + j] = b;
            }
        }
        return new NDArray[] {new NDArray(DType.I64, outShape, idx), new NDArray(DType.F64, outShape.clone(), best)};
    }
}
