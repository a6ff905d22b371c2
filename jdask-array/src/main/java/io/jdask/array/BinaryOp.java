package io.jdask.array;

/** Elementwise operations of two operands. */
enum BinaryOp {
    ADD, SUBTRACT, MULTIPLY, DIVIDE, POWER, MAXIMUM, MINIMUM, MOD, FLOOR_DIVIDE,
    EQ, NE, LT, LE, GT, GE,
    AND, OR, XOR;

    boolean isComparison() {
        return ordinal() >= EQ.ordinal() && ordinal() <= GE.ordinal();
    }

    boolean isLogical() {
        return ordinal() >= AND.ordinal();
    }

    /** @return the result dtype for operands of types {@code a} and {@code b} */
    DType resultType(DType a, DType b) {
        if (isComparison() || isLogical()) {
            return DType.BOOL;
        }
        DType p = DType.promote(a, b);
        if (this == DIVIDE && !p.isFloat()) {
            return DType.F64;
        }
        if (p == DType.BOOL) {
            return DType.I64;
        }
        return p;
    }
}
