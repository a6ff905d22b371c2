package io.jdask.dataframe;

import java.util.List;

/** The type that columns of different types are cast to when they are combined into one column. */
final class CommonType {
    private CommonType() {}

    /**
     * @return the common type: the shared type (STRING for categories with different category
     *     lists); STRING for strings with categories; I64 for I32 with I64; F32 for F16 with F32;
     *     F64 for other mixes of numbers; null when there is none (e.g. a string with a number,
     *     a boolean with a number, a date with a timestamp)
     */
    static DType of(List<Column> cols) {
        DType first = cols.get(0).dtype();
        boolean same = true;
        boolean dict = true;
        boolean ints = true;
        boolean floats = true;
        boolean numeric = true;
        boolean anyF64 = false;
        for (Column c : cols) {
            DType t = c.dtype();
            same &= t == first && (t != DType.CATEGORY || c.dictionary().equals(cols.get(0).dictionary()));
            dict &= t.isDictionary();
            ints &= t == DType.I32 || t == DType.I64;
            floats &= t.isFloating();
            numeric &= t.isNumeric();
            anyF64 |= t == DType.F64;
        }
        if (same) {
            return first;
        }
        if (dict) {
            return DType.STRING;
        }
        if (ints) {
            return DType.I64;
        }
        if (floats && !anyF64) {
            return DType.F32;
        }
        return numeric ? DType.F64 : null;
    }
}
