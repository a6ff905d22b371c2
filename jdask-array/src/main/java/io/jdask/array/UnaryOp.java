package io.jdask.array;

/** Elementwise functions of one operand. */
enum UnaryOp {
    NEGATIVE, ABS, SIGN, SQUARE, SQRT, EXP, EXPM1, LOG, LOG1P, LOG10, LOG2, SIN, COS, TAN, ARCSIN, ARCCOS, ARCTAN,
    SINH, COSH, TANH, FLOOR, CEIL, RINT, RECIPROCAL, ISNAN, ISINF, ISFINITE, NOT;

    /** @return true for the functions that keep an integer operand's type */
    boolean keepsIntegers() {
        return this == NEGATIVE || this == ABS || this == SIGN || this == SQUARE
                || this == FLOOR || this == CEIL || this == RINT;
    }

    DType resultType(DType in) {
        if (this == ISNAN || this == ISINF || this == ISFINITE || this == NOT) {
            return DType.BOOL;
        }
        if (in.isFloat()) {
            return in;
        }
        if (in == DType.BOOL) {
            return keepsIntegers() ? DType.I64 : DType.F64;
        }
        return keepsIntegers() ? in : DType.F64;
    }
}
