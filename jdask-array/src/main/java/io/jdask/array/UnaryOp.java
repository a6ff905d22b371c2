package io.jdask.array;

/** Elementwise functions of one operand. */
enum UnaryOp {
    NEGATIVE, ABS, SIGN, SQUARE, SQRT, EXP, EXPM1, LOG, LOG1P, LOG10, LOG2, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN,
    SINH, COSH, TANH, FLOOR, CEIL, RINT, RECIPROCAL, ISNAN, ISINF, ISFINITE, NOT;

    /** @return true for the functions that keep an integer operand's type (as in NumPy: not floor, ceil, rint) */
    boolean keepsIntegers() {
        return this == NEGATIVE || this == ABS || this == SIGN || this == SQUARE || this == RECIPROCAL;
    }

    /**
     * NumPy's result types: floats keep their type; integers keep it for the functions that stay
     * integral and give float64 otherwise; bool gives bool ({@code abs}), int8 in NumPy and int32
     * here ({@code square}, {@code reciprocal}) or float16 (the other float functions), and has no
     * {@code negative} or {@code sign}.
     *
     * @throws IllegalArgumentException for a function NumPy does not define on the type
     */
    DType resultType(DType in) {
        if (this == ISNAN || this == ISINF || this == ISFINITE || this == NOT) {
            return DType.BOOL;
        }
        if (in.isFloat()) {
            return in;
        }
        if (in == DType.BOOL) {
            return switch (this) {
                case NEGATIVE, SIGN -> throw new IllegalArgumentException("NumPy's " + name().toLowerCase(java.util.Locale.ROOT)
                        + " is not defined for bool arrays; use not() (logical not) or astype() first");
                case ABS -> DType.BOOL;
                case SQUARE, RECIPROCAL -> DType.I32;
                default -> DType.F16;
            };
        }
        return keepsIntegers() ? in : DType.F64;
    }
}
