package io.jdask.dataframe;

import io.jdask.dataframe.SeriesOps.StrKind;

/**
 * String methods of a STRING or CATEGORY {@link Series}, like pandas' {@code .str}: each is
 * worked out once per distinct string of a partition's dictionary, not once per row. Missing
 * values stay missing.
 */
public final class StringMethods {
    private final Series series;

    StringMethods(Series series) {
        this.series = series;
    }

    private Series op(StrKind k, String arg) {
        return series.apply("str-" + k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'), new SeriesOps.Str(k, arg));
    }

    /**
     * @param text a literal substring (not a pattern)
     * @return a bool Series: whether each string contains it
     */
    public Series contains(String text) {
        return op(StrKind.CONTAINS, java.util.Objects.requireNonNull(text));
    }

    /** @return a bool Series: whether each string starts with {@code prefix} */
    public Series startsWith(String prefix) {
        return op(StrKind.STARTS_WITH, java.util.Objects.requireNonNull(prefix));
    }

    /** @return a bool Series: whether each string ends with {@code suffix} */
    public Series endsWith(String suffix) {
        return op(StrKind.ENDS_WITH, java.util.Objects.requireNonNull(suffix));
    }

    /** @return the strings in lower case (a STRING Series) */
    public Series lower() {
        return op(StrKind.LOWER, "");
    }

    /** @return the strings in upper case (a STRING Series) */
    public Series upper() {
        return op(StrKind.UPPER, "");
    }

    /** @return the length of each string in Unicode code points (an I64 Series) */
    public Series len() {
        return op(StrKind.LEN, "");
    }
}
