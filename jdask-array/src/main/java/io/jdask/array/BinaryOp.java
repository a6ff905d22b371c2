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

    /**
     * NumPy's result type for operands of types {@code a} and {@code b}: the promoted type; true
     * division of integers or bools is float64; bool with bool stays bool for {@code add} (or),
     * {@code multiply} (and), {@code maximum} and {@code minimum}, and gives NumPy's int8 (int32
     * here, the narrowest integer jdask holds) for {@code power}, {@code mod} and {@code floorDivide}.
     *
     * @throws IllegalArgumentException for {@code bool - bool}, which NumPy rejects too
     */
    DType resultType(DType a, DType b) {
        if (isComparison() || isLogical()) {
            return DType.BOOL;
        }
        DType p = DType.promote(a, b);
        if (this == DIVIDE && !p.isFloat()) {
            return DType.F64;
        }
        if (p == DType.BOOL) {
            return switch (this) {
                case ADD, MULTIPLY, MAXIMUM, MINIMUM -> DType.BOOL;
                case SUBTRACT -> throw new IllegalArgumentException("subtracting bool arrays is not supported (as in NumPy); "
                        + "use xor() for their difference, or astype() to a number type first");
                default -> DType.I32;
            };
        }
        return p;
    }
}
