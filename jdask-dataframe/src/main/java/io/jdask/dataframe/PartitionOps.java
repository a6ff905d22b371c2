package io.jdask.dataframe;

import io.jdask.function.Fn1;
import io.jdask.graph.TaskFunction;
import io.jdask.tokenize.Tokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The per-partition functions of DataFrame and Series operations (serializable records). */
final class PartitionOps {
    private PartitionOps() {}

    record Select(List<String> columns) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return f.select(columns.toArray(String[]::new));
        }
    }

    record Drop(List<String> columns) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return f.drop(columns.toArray(String[]::new));
        }
    }

    record Rename(Map<String, String> oldToNew) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return f.rename(oldToNew);
        }
    }

    /** Casts the named columns (every column when {@code all} is set). */
    record AsType(Map<String, DType> types, DType all) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            Frame r = f;
            for (String c : f.columnNames()) {
                DType t = all != null ? all : types.get(c);
                if (t != null) {
                    try {
                        r = r.withColumn(c, f.column(c).astype(t));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("column '" + c + "': " + e.getMessage(), e);
                    }
                }
            }
            return r;
        }
    }

    record IsNa() implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            Frame r = f;
            for (String c : f.columnNames()) {
                r = r.withColumn(c, Kernels.isna(f.column(c)));
            }
            return r;
        }
    }

    /** Fills missing values: one value for every column ({@code all}), or per column. */
    record FillNa(Map<String, Object> values, Object all) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            Frame r = f;
            for (String c : f.columnNames()) {
                Object v = all != null ? all : values.get(c);
                if (v != null) {
                    try {
                        r = r.withColumn(c, Kernels.fillna(f.column(c), v));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("column '" + c + "': " + e.getMessage(), e);
                    }
                }
            }
            return r;
        }
    }

    /** Drops rows with any missing value (in the given columns, or all). */
    record DropNa(List<String> subset) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            int n = f.numRows();
            boolean[] keep = new boolean[n];
            java.util.Arrays.fill(keep, true);
            for (String c : subset.isEmpty() ? f.columnNames() : subset) {
                Column col = f.column(c);
                if (col.dtype().isFloating() || col.validity() != null) {
                    for (int i = 0; i < n; i++) {
                        keep[i] &= !col.isNull(i);
                    }
                }
            }
            return f.filter(Column.ofBooleans(keep));
        }
    }

    /** A user function of a whole partition; the result must match the meta's columns and types. */
    record UserMap(Fn1<Frame, Frame> fn, List<String> names, List<DType> types) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) throws Exception {
            Frame r = fn.apply(f);
            if (r == null) {
                throw new IllegalStateException("the function " + Tokens.functionName(fn) + " returned null");
            }
            if (names != null) {
                checkSchema(r, names, types, "the result of " + Tokens.functionName(fn));
            }
            return r;
        }
    }

    static List<DType> dtypes(Frame f) {
        List<DType> t = new ArrayList<>();
        for (int i = 0; i < f.numColumns(); i++) {
            t.add(f.column(i).dtype());
        }
        return t;
    }

    static void checkSchema(Frame f, List<String> names, List<DType> types, String what) {
        if (!f.columnNames().equals(names) || !dtypes(f).equals(types)) {
            throw new IllegalStateException(what + " has columns " + describe(f.columnNames(), dtypes(f))
                    + ", but the meta says " + describe(names, types));
        }
    }

    private static String describe(List<String> names, List<DType> types) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < names.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(names.get(i)).append(": ").append(types.get(i).label());
        }
        return b.append(']').toString();
    }

    /** Checks that a delayed partition matches the meta. */
    record CheckMeta(List<String> names, List<DType> types) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            if (!(args[0] instanceof Frame f)) {
                throw new IllegalStateException("partition " + args[1] + " is a "
                        + (args[0] == null ? "null" : args[0].getClass().getName()) + ", not a Frame");
            }
            checkSchema(f, names, types, "partition " + args[1]);
            return f;
        }
    }

    /** Keeps the rows where a one-column bool frame is true. */
    record FilterRows() implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame f, Frame mask) {
            return f.filter(mask.column(0));
        }
    }

    /** Adds (or replaces) a column taken from an aligned one-column frame. */
    record WithColumn(String name) implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame f, Frame s) {
            if (s.numRows() != f.numRows()) {
                throw new IllegalArgumentException("cannot assign column '" + name + "': the series partition has "
                        + s.numRows() + " rows, the frame's " + f.numRows());
            }
            return f.withColumn(name, s.column(0));
        }
    }

    /** Adds (or replaces) a column holding one constant. */
    record WithConstant(String name, Object value, DType dtype) implements Parts.FrameOp {
        /** A constant column of the type the value's class names. */
        static WithConstant of(String name, Object value) {
            DType t = switch (value) {
                case Double d -> DType.F64;
                case Float f -> DType.F32;
                case Long l -> DType.I64;
                case Integer i -> DType.I32;
                case Boolean b -> DType.BOOL;
                case String s -> DType.STRING;
                case java.time.Instant t2 -> DType.TIMESTAMP;
                case java.time.LocalDate d -> DType.DATE;
                case null -> throw new IllegalArgumentException("the value of column '" + name + "' must not be null");
                default -> throw new IllegalArgumentException("cannot make a column of " + value.getClass().getName());
            };
            return new WithConstant(name, value, t);
        }

        @Override
        public Frame apply(Frame f) {
            return f.withColumn(name, Kernels.constant(dtype, value, f.numRows(), null));
        }
    }

    /** The named column as a one-column frame. */
    record ColumnOf(String name) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return f.select(name);
        }
    }
}
