package io.jdask.array;

/**
 * Elementwise kernels: primitive loops with the operation chosen outside the loop, so the JIT
 * compiles each to a tight (vectorisable) loop. Operands are broadcast first; a size-1 operand is
 * read as a scalar instead of being expanded.
 */
final class Elementwise {
    private Elementwise() {}

    static NDArray binary(BinaryOp op, NDArray a, NDArray b) {
        int[] perm = Reduce.basePermutation(a);
        if (perm != null && java.util.Arrays.equals(a.shapeRef(), b.shapeRef()) && b.transpose(perm).isContiguous()) {
            // both operands are the same transpose of whole buffers: combine the buffers in memory order
            int[] inv = Reduce.inverse(perm);
            return binary(op, a.transpose(perm), b.transpose(perm)).transpose(inv);
        }
        int[] shape = Layout.broadcastShape(a.shapeRef(), b.shapeRef());
        DType out = op.resultType(a.dtype(), b.dtype());
        DType compute = computeType(op, a.dtype(), b.dtype(), out);
        int n = Layout.sizeInt(shape);
        Object x = operand(a, compute, shape, n);
        Object y = operand(b, compute, shape, n);
        Object r;
        if (op.isComparison()) {
            boolean[] res = new boolean[n];
            if (x instanceof long[] lx) {
                compare(op, lx, (long[]) y, res, n);
            } else {
                compare(op, Storage.asDoubles(x), Storage.asDoubles(y), res, n);
            }
            r = res;
        } else if (op.isLogical()) {
            boolean[] res = new boolean[n];
            logical(op, (boolean[]) x, (boolean[]) y, res, n);
            r = res;
        } else {
            r = switch (compute) {
                case F64 -> arith(op, (double[]) x, (double[]) y, n);
                case F32 -> arith(op, (float[]) x, (float[]) y, n);
                default -> arith(op, (long[]) x, (long[]) y, n);
            };
            r = Storage.cast(r, out);
        }
        return new NDArray(out, shape, r);
    }

    private static DType computeType(BinaryOp op, DType a, DType b, DType out) {
        if (op.isLogical()) {
            return DType.BOOL;
        }
        DType p = op.isComparison() ? DType.promote(a, b) : out;
        if (p == DType.F16 || p == DType.F32) {
            return op.isComparison() ? DType.F64 : DType.F32;
        }
        if (p == DType.F64) {
            return DType.F64;
        }
        return DType.I64;
    }

    /** The operand as a {@code compute}-typed buffer: length 1 when it is a scalar, else broadcast to {@code n}. */
    private static Object operand(NDArray a, DType compute, int[] shape, int n) {
        if (!a.isContiguous() && a.size() > 1) {
            // a view: one strided pass straight from its buffer (broadcasting included), then the cast
            int[] st = java.util.Arrays.equals(a.shapeRef(), shape) ? a.stridesRef()
                    : Layout.broadcastStrides(a.shapeRef(), a.stridesRef(), shape);
            return Storage.cast(Layout.gather(a.base(), shape, a.offset(), st), compute);
        }
        Object data = Storage.cast(a.data(), compute);
        if (a.size() == 1 || java.util.Arrays.equals(a.shapeRef(), shape)) {
            return data;
        }
        return Layout.gather(data, shape, 0, Layout.broadcastStrides(a.shapeRef(), shape));
    }

    private static double[] arith(BinaryOp op, double[] a, double[] b, int n) {
        double[] r = new double[n];
        if (n == 0) {
            return r;
        }
        if (b.length == 1 && n > 1) {
            double s = b[0];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + s; } }
                case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - s; } }
                case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * s; } }
                case DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = a[i] / s; } }
                default -> { for (int i = 0; i < n; i++) { r[i] = apply(op, a[i], s); } }
            }
        } else if (a.length == 1 && n > 1) {
            double s = a[0];
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) { r[i] = s + b[i]; } }
                case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = s - b[i]; } }
                case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = s * b[i]; } }
                case DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = s / b[i]; } }
                default -> { for (int i = 0; i < n; i++) { r[i] = apply(op, s, b[i]); } }
            }
        } else {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + b[i]; } }
                case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - b[i]; } }
                case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * b[i]; } }
                case DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = a[i] / b[i]; } }
                default -> { for (int i = 0; i < n; i++) { r[i] = apply(op, a[i], b[i]); } }
            }
        }
        return r;
    }

    private static float[] arith(BinaryOp op, float[] a, float[] b, int n) {
        float[] r = new float[n];
        if (n == 0) {
            return r;
        }
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + b[i]; } }
                case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - b[i]; } }
                case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * b[i]; } }
                case DIVIDE -> { for (int i = 0; i < n; i++) { r[i] = a[i] / b[i]; } }
                default -> { for (int i = 0; i < n; i++) { r[i] = (float) apply(op, a[i], b[i]); } }
            }
        } else {
            for (int i = 0; i < n; i++) {
                float x = a[i * sa];
                float y = b[i * sb];
                r[i] = switch (op) {
                    case ADD -> x + y;
                    case SUBTRACT -> x - y;
                    case MULTIPLY -> x * y;
                    case DIVIDE -> x / y;
                    default -> (float) apply(op, x, y);
                };
            }
        }
        return r;
    }

    private static long[] arith(BinaryOp op, long[] a, long[] b, int n) {
        long[] r = new long[n];
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        if (sa == 1 && sb == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < n; i++) { r[i] = a[i] + b[i]; } }
                case SUBTRACT -> { for (int i = 0; i < n; i++) { r[i] = a[i] - b[i]; } }
                case MULTIPLY -> { for (int i = 0; i < n; i++) { r[i] = a[i] * b[i]; } }
                default -> { for (int i = 0; i < n; i++) { r[i] = apply(op, a[i], b[i]); } }
            }
        } else {
            for (int i = 0; i < n; i++) {
                r[i] = apply(op, a[i * sa], b[i * sb]);
            }
        }
        return r;
    }

    private static double apply(BinaryOp op, double x, double y) {
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case DIVIDE -> x / y;
            case POWER -> Math.pow(x, y);
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case MOD -> {
                double m = x % y;
                yield m != 0 && (m < 0) != (y < 0) ? m + y : m; // Python's sign rule: the divisor's sign
            }
            case FLOOR_DIVIDE -> floorDivide(x, y);
            default -> throw new IllegalStateException(op + " is not arithmetic");
        };
    }

    /**
     * Python's and NumPy's float floor division: the quotient that goes with {@code mod}'s
     * remainder, {@code (x - mod(x, y)) / y} rounded to the nearest integer, so that
     * {@code 1 // 0.1} is 9 (where {@code floor(1 / 0.1)} is 10).
     */
    static double floorDivide(double x, double y) {
        if (y == 0 || Double.isNaN(x) || Double.isNaN(y) || Double.isInfinite(x)) {
            return x / y;
        }
        double m = x % y;
        double q = (x - m) / y;
        if (m != 0 && (m < 0) != (y < 0)) {
            q -= 1;
        }
        if (q == 0) {
            return Math.copySign(0.0, x / y);
        }
        double f = Math.floor(q);
        return q - f > 0.5 ? f + 1 : f;
    }

    private static long apply(BinaryOp op, long x, long y) {
        return switch (op) {
            case ADD -> x + y;
            case SUBTRACT -> x - y;
            case MULTIPLY -> x * y;
            case POWER -> {
                if (y < 0) {
                    throw new ArithmeticException("integers to negative integer powers are not allowed");
                }
                long r = 1;
                long base = x;
                for (long e = y; e > 0; e >>= 1) {
                    if ((e & 1) != 0) {
                        r *= base;
                    }
                    base *= base;
                }
                yield r;
            }
            case MAXIMUM -> Math.max(x, y);
            case MINIMUM -> Math.min(x, y);
            case MOD -> y == 0 ? 0 : Math.floorMod(x, y);
            case FLOOR_DIVIDE -> y == 0 ? 0 : Math.floorDiv(x, y);
            default -> throw new IllegalStateException(op + " is not integer arithmetic");
        };
    }

    private static void compare(BinaryOp op, double[] a, double[] b, boolean[] r, int n) {
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] == b[i * sb]; } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] != b[i * sb]; } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] < b[i * sb]; } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] <= b[i * sb]; } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] > b[i * sb]; } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] >= b[i * sb]; } }
            default -> throw new IllegalStateException();
        }
    }

    private static void compare(BinaryOp op, long[] a, long[] b, boolean[] r, int n) {
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] == b[i * sb]; } }
            case NE -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] != b[i * sb]; } }
            case LT -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] < b[i * sb]; } }
            case LE -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] <= b[i * sb]; } }
            case GT -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] > b[i * sb]; } }
            case GE -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] >= b[i * sb]; } }
            default -> throw new IllegalStateException();
        }
    }

    private static void logical(BinaryOp op, boolean[] a, boolean[] b, boolean[] r, int n) {
        int sa = a.length == 1 ? 0 : 1;
        int sb = b.length == 1 ? 0 : 1;
        switch (op) {
            case AND -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] & b[i * sb]; } }
            case OR -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] | b[i * sb]; } }
            case XOR -> { for (int i = 0; i < n; i++) { r[i] = a[i * sa] ^ b[i * sb]; } }
            default -> throw new IllegalStateException();
        }
    }

    static NDArray unary(UnaryOp op, NDArray a) {
        int[] perm = Reduce.basePermutation(a);
        if (perm != null) {
            // a transposed view: apply to its buffer in memory order and give the same transpose of the result
            return unary(op, a.transpose(perm)).transpose(Reduce.inverse(perm));
        }
        DType out = op.resultType(a.dtype());
        int n = a.size();
        Object r;
        if (op == UnaryOp.ABS && out == DType.BOOL) {
            return a;
        }
        if (op == UnaryOp.NOT) {
            boolean[] x = Storage.asBooleans(a.data());
            boolean[] res = new boolean[n];
            for (int i = 0; i < n; i++) {
                res[i] = !x[i];
            }
            r = res;
        } else if (out == DType.BOOL) {
            double[] x = Storage.asDoubles(a.data());
            boolean[] res = new boolean[n];
            switch (op) {
                case ISNAN -> { for (int i = 0; i < n; i++) { res[i] = x[i] != x[i]; } }
                case ISINF -> { for (int i = 0; i < n; i++) { res[i] = Double.isInfinite(x[i]); } }
                default -> { for (int i = 0; i < n; i++) { res[i] = Double.isFinite(x[i]); } }
            }
            r = res;
        } else if (out.isInteger()) {
            long[] x = Storage.asLongs(a.data());
            long[] res = new long[n];
            switch (op) {
                case NEGATIVE -> { for (int i = 0; i < n; i++) { res[i] = -x[i]; } }
                case ABS -> { for (int i = 0; i < n; i++) { res[i] = Math.abs(x[i]); } }
                case SIGN -> { for (int i = 0; i < n; i++) { res[i] = Long.signum(x[i]); } }
                case SQUARE -> { for (int i = 0; i < n; i++) { res[i] = x[i] * x[i]; } }
                case RECIPROCAL -> { for (int i = 0; i < n; i++) { res[i] = x[i] == 0 ? 0 : 1 / x[i]; } } // integer division
                default -> throw new IllegalStateException(op + " has no integer kernel");
            }
            r = Storage.cast(res, out);
        } else {
            double[] x = Storage.asDoubles(a.data());
            double[] res = new double[n];
            unaryDouble(op, x, res, n);
            r = Storage.cast(res, out);
        }
        return new NDArray(out, a.shape(), r);
    }

    private static void unaryDouble(UnaryOp op, double[] x, double[] r, int n) {
        switch (op) {
            case NEGATIVE -> { for (int i = 0; i < n; i++) { r[i] = -x[i]; } }
            case ABS -> { for (int i = 0; i < n; i++) { r[i] = Math.abs(x[i]); } }
            case SIGN -> { for (int i = 0; i < n; i++) { r[i] = Math.signum(x[i]); } }
            case SQUARE -> { for (int i = 0; i < n; i++) { r[i] = x[i] * x[i]; } }
            case SQRT -> { for (int i = 0; i < n; i++) { r[i] = Math.sqrt(x[i]); } }
            case EXP -> { for (int i = 0; i < n; i++) { r[i] = Math.exp(x[i]); } }
            case EXPM1 -> { for (int i = 0; i < n; i++) { r[i] = Math.expm1(x[i]); } }
            case LOG -> { for (int i = 0; i < n; i++) { r[i] = Math.log(x[i]); } }
            case LOG1P -> { for (int i = 0; i < n; i++) { r[i] = Math.log1p(x[i]); } }
            case LOG10 -> { for (int i = 0; i < n; i++) { r[i] = Math.log10(x[i]); } }
            case LOG2 -> { for (int i = 0; i < n; i++) { r[i] = Math.log(x[i]) / Math.log(2); } }
            case SIN -> { for (int i = 0; i < n; i++) { r[i] = Math.sin(x[i]); } }
            case COS -> { for (int i = 0; i < n; i++) { r[i] = Math.cos(x[i]); } }
            case TAN -> { for (int i = 0; i < n; i++) { r[i] = Math.tan(x[i]); } }
            case ARCSIN -> { for (int i = 0; i < n; i++) { r[i] = Math.asin(x[i]); } }
            case ARCCOS -> { for (int i = 0; i < n; i++) { r[i] = Math.acos(x[i]); } }
            case ARCTAN -> { for (int i = 0; i < n; i++) { r[i] = Math.atan(x[i]); } }
            case SINH -> { for (int i = 0; i < n; i++) { r[i] = Math.sinh(x[i]); } }
            case COSH -> { for (int i = 0; i < n; i++) { r[i] = Math.cosh(x[i]); } }
            case TANH -> { for (int i = 0; i < n; i++) { r[i] = Math.tanh(x[i]); } }
            case FLOOR -> { for (int i = 0; i < n; i++) { r[i] = Math.floor(x[i]); } }
            case CEIL -> { for (int i = 0; i < n; i++) { r[i] = Math.ceil(x[i]); } }
            case RINT -> { for (int i = 0; i < n; i++) { r[i] = Math.rint(x[i]); } }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) { r[i] = 1.0 / x[i]; } }
            default -> throw new IllegalStateException(op + " has no double kernel");
        }
    }

    /** NumPy's {@code where(cond, a, b)} with broadcasting of all three. */
    static NDArray where(NDArray cond, NDArray a, NDArray b) {
        int[] shape = Layout.broadcastShape(Layout.broadcastShape(cond.shapeRef(), a.shapeRef()), b.shapeRef());
        DType out = DType.promote(a.dtype(), b.dtype());
        int n = Layout.sizeInt(shape);
        boolean[] c = (boolean[]) operand(cond.astype(DType.BOOL), DType.BOOL, shape, n);
        Object x = operand(a, out, shape, n);
        Object y = operand(b, out, shape, n);
        Object r = Storage.allocate(out, n);
        int sc = c.length == 1 ? 0 : 1;
        int sx = Storage.length(x) == 1 ? 0 : 1;
        int sy = Storage.length(y) == 1 ? 0 : 1;
        for (int i = 0; i < n; i++) {
            Storage.copy(c[i * sc] ? x : y, c[i * sc] ? i * sx : i * sy, r, i, 1);
        }
        return new NDArray(out, shape, r);
    }
}
