package io.jdask.array;

/** Reductions that combine by applying themselves again (sum of sums, max of maxes). */
enum ReduceOp {
    SUM, PROD, MIN, MAX, ANY, ALL, NANSUM, NANPROD, NANMIN, NANMAX, COUNT;

    DType resultType(DType in) {
        return switch (this) {
            case ANY, ALL -> DType.BOOL;
            case COUNT -> DType.I64;
            case MIN, MAX, NANMIN, NANMAX -> in;
            default -> in.isFloat() ? in : DType.I64;
        };
    }

    /** @return the operation that combines partial results of this one */
    ReduceOp combiner() {
        return switch (this) {
            case COUNT, NANSUM -> SUM;
            case NANPROD -> PROD;
            default -> this;
        };
    }

    String numpyName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
