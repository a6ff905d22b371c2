package io.jdask.array;

/**
 * The element type of an {@link NDArray} or {@link Array}.
 *
 * <p>{@link #F16} is a storage type: blocks hold half-precision bits (half the memory and transfer
 * of {@link #F32}) and every computation on them runs in float32, rounding the result back.
 */
public enum DType {
    /** 64-bit IEEE floating point ({@code double[]}). */
    F64("float64", 8, "<f8"),
    /** 32-bit IEEE floating point ({@code float[]}). */
    F32("float32", 4, "<f4"),
    /** 16-bit IEEE floating point, stored as {@code short[]} bits, computed in float32. */
    F16("float16", 2, "<f2"),
    /** 64-bit signed integer ({@code long[]}). */
    I64("int64", 8, "<i8"),
    /** 32-bit signed integer ({@code int[]}). */
    I32("int32", 4, "<i4"),
    /** Boolean ({@code boolean[]}, one byte per element). */
    BOOL("bool", 1, "|b1");

    private final String numpyName;
    private final int itemSize;
    private final String descr;

    DType(String numpyName, int itemSize, String descr) {
        this.numpyName = numpyName;
        this.itemSize = itemSize;
        this.descr = descr;
    }

    /** @return bytes per element */
    public int itemSize() {
        return itemSize;
    }

    /** @return NumPy's name of this type, e.g. {@code "float64"} */
    public String numpyName() {
        return numpyName;
    }

    /** @return NumPy's array-interface type string, e.g. {@code "<f8"}, as written in {@code .npy} headers */
    public String descr() {
        return descr;
    }

    /** @return true for F64, F32 and F16 */
    public boolean isFloat() {
        return this == F64 || this == F32 || this == F16;
    }

    /** @return true for I64 and I32 */
    public boolean isInteger() {
        return this == I64 || this == I32;
    }

    /**
     * @param descr a NumPy type string such as {@code "<f8"}
     * @return the matching dtype
     * @throws IllegalArgumentException for a type jdask does not hold
     */
    public static DType fromDescr(String descr) {
        for (DType d : values()) {
            if (d.descr.equals(descr) || (d == BOOL && descr.equals("<b1"))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unsupported NumPy dtype '" + descr + "': jdask holds "
                + "<f8, <f4, <f2, <i8, <i4 and |b1 (little-endian)");
    }

    /**
     * NumPy's promotion rule for two array operands (a subset: the types jdask holds).
     *
     * @param a one type
     * @param b the other
     * @return the type of an arithmetic result
     */
    public static DType promote(DType a, DType b) {
        if (a == b) {
            return a;
        }
        if (a == BOOL) {
            return b;
        }
        if (b == BOOL) {
            return a;
        }
        if (a == F64 || b == F64) {
            return F64;
        }
        if (a.isFloat() && b.isFloat()) {
            return F32;
        }
        if (a.isFloat() || b.isFloat()) {
            return F64; // an integer and a narrow float: NumPy widens to float64
        }
        return I64;
    }
}
