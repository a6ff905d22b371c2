package io.jdask.dataframe;

/**
 * The type of a {@link Column}: how its values are stored and how a missing value is marked.
 *
 * <p>Floating-point columns mark missing values with NaN; all others carry a validity bitmap.
 */
public enum DType {
    /** 64-bit floats in a {@code double[]}. */
    F64(8),
    /** 32-bit floats in a {@code float[]}. */
    F32(4),
    /** 16-bit floats (IEEE half) in a {@code short[]}; values are read and computed as float32. */
    F16(2),
    /** 64-bit integers in a {@code long[]}. */
    I64(8),
    /** 32-bit integers in an {@code int[]}. */
    I32(4),
    /** Booleans in a {@code boolean[]}. */
    BOOL(1),
    /** Strings, dictionary-encoded: {@code int[]} codes into a dictionary of distinct strings. */
    STRING(4),
    /** Instants as epoch nanoseconds (UTC) in a {@code long[]}. */
    TIMESTAMP(8),
    /** Dates as epoch days in an {@code int[]}. */
    DATE(4),
    /** Categorical: {@code int[]} codes into a fixed, ordered list of categories. */
    CATEGORY(4);

    private final int itemSize;

    DType(int itemSize) {
        this.itemSize = itemSize;
    }

    /** @return bytes per element of the primitive storage array */
    public int itemSize() {
        return itemSize;
    }

    /** @return whether the type is F64, F32 or F16 (missing values are NaN) */
    public boolean isFloating() {
        return this == F64 || this == F32 || this == F16;
    }

    /** @return whether the type is floating, I64 or I32 */
    public boolean isNumeric() {
        return isFloating() || this == I64 || this == I32;
    }

    /** @return whether values are codes into a string dictionary (STRING, CATEGORY) */
    public boolean isDictionary() {
        return this == STRING || this == CATEGORY;
    }

    /** @return the lower-case name, e.g. {@code "f64"} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
