package io.jdask.array;

/**
 * NumPy's elementwise math functions for chunked arrays ({@code np.sin(x)} is
 * {@code ArrayMath.sin(x)}); the most common ones are also methods of {@link Array}.
 * Integer and bool inputs give float64 results except where noted.
 */
public final class ArrayMath {
    private ArrayMath() {}

    /**
     * @param x the array
     * @return -1, 0 or 1 by sign
     */
    public static Array sign(Array x) {
        return Blockwise.unary(UnaryOp.SIGN, x);
    }

    /**
     * @param x the array
     * @return {@code e ** this - 1}, accurate near zero
     */
    public static Array expm1(Array x) {
        return Blockwise.unary(UnaryOp.EXPM1, x);
    }

    /**
     * @param x the array
     * @return {@code log(1 + this)}, accurate near zero
     */
    public static Array log1p(Array x) {
        return Blockwise.unary(UnaryOp.LOG1P, x);
    }

    /**
     * @param x the array
     * @return base-10 logarithms
     */
    public static Array log10(Array x) {
        return Blockwise.unary(UnaryOp.LOG10, x);
    }

    /**
     * @param x the array
     * @return base-2 logarithms
     */
    public static Array log2(Array x) {
        return Blockwise.unary(UnaryOp.LOG2, x);
    }

    /**
     * @param x the array
     * @return sines (radians)
     */
    public static Array sin(Array x) {
        return Blockwise.unary(UnaryOp.SIN, x);
    }

    /**
     * @param x the array
     * @return cosines (radians)
     */
    public static Array cos(Array x) {
        return Blockwise.unary(UnaryOp.COS, x);
    }

    /**
     * @param x the array
     * @return tangents (radians)
     */
    public static Array tan(Array x) {
        return Blockwise.unary(UnaryOp.TAN, x);
    }

    /**
     * @param x the array
     * @return inverse sines
     */
    public static Array arcsin(Array x) {
        return Blockwise.unary(UnaryOp.ARCSIN, x);
    }

    /**
     * @param x the array
     * @return inverse cosines
     */
    public static Array arccos(Array x) {
        return Blockwise.unary(UnaryOp.ARCCOS, x);
    }

    /**
     * @param x the array
     * @return inverse tangents
     */
    public static Array arctan(Array x) {
        return Blockwise.unary(UnaryOp.ARCTAN, x);
    }

    /**
     * @param x the array
     * @return hyperbolic tangents
     */
    public static Array tanh(Array x) {
        return Blockwise.unary(UnaryOp.TANH, x);
    }

    /**
     * @param x the array
     * @return hyperbolic sines
     */
    public static Array sinh(Array x) {
        return Blockwise.unary(UnaryOp.SINH, x);
    }

    /**
     * @param x the array
     * @return hyperbolic cosines
     */
    public static Array cosh(Array x) {
        return Blockwise.unary(UnaryOp.COSH, x);
    }

    /**
     * @param x the array
     * @return values rounded down
     */
    public static Array floor(Array x) {
        return Blockwise.unary(UnaryOp.FLOOR, x);
    }

    /**
     * @param x the array
     * @return values rounded up
     */
    public static Array ceil(Array x) {
        return Blockwise.unary(UnaryOp.CEIL, x);
    }

    /**
     * @param x the array
     * @return values rounded to the nearest integer, halves to even (NumPy's {@code rint}/{@code round})
     */
    public static Array rint(Array x) {
        return Blockwise.unary(UnaryOp.RINT, x);
    }

    /**
     * @param x the array
     * @return {@code 1 / this}
     */
    public static Array reciprocal(Array x) {
        return Blockwise.unary(UnaryOp.RECIPROCAL, x);
    }

    /**
     * @param x the array
     * @return bool array, true where NaN
     */
    public static Array isnan(Array x) {
        return Blockwise.unary(UnaryOp.ISNAN, x);
    }

    /**
     * @param x the array
     * @return bool array, true where infinite
     */
    public static Array isinf(Array x) {
        return Blockwise.unary(UnaryOp.ISINF, x);
    }

    /**
     * @param x the array
     * @return bool array, true where neither NaN nor infinite
     */
    public static Array isfinite(Array x) {
        return Blockwise.unary(UnaryOp.ISFINITE, x);
    }

}
