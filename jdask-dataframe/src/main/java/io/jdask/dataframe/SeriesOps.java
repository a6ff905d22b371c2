package io.jdask.dataframe;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Per-partition functions of Series (a Series partition is a frame of one column). */
final class SeriesOps {
    private SeriesOps() {}

    static Frame one(Frame f, Column c) {
        return f.withColumn(f.columnNames().get(0), c);
    }

    record ArithScalar(Kernels.Arith op, Number value, boolean scalarFirst) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return one(f, Kernels.arith(f.column(0), value, op, scalarFirst));
        }
    }

    record ArithSeries(Kernels.Arith op) implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame a, Frame b) {
            return one(a, Kernels.arith(a.column(0), b.column(0), op));
        }
    }

    record CompareScalar(ColumnFilter.Op op, Object value) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return one(f, Kernels.compare(f.column(0), op, value));
        }
    }

    record CompareSeries(ColumnFilter.Op op) implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame a, Frame b) {
            return one(a, Kernels.compare(a.column(0), op, b.column(0)));
        }
    }

    record Logic(boolean and) implements Parts.FrameBinOp {
        @Override
        public Frame apply(Frame a, Frame b) {
            return one(a, Kernels.logic(a.column(0), b.column(0), and));
        }
    }

    record Not() implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            return one(f, Kernels.not(f.column(0)));
        }
    }

    /** String methods, computed once per dictionary entry and mapped through the codes. */
    enum StrKind { CONTAINS, STARTS_WITH, ENDS_WITH, LOWER, UPPER, LEN }

    record Str(StrKind kind, String arg) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            Column c = f.column(0);
            if (!c.dtype().isDictionary()) {
                throw new IllegalArgumentException("str." + kind.name().toLowerCase(Locale.ROOT) + " needs a string column, got " + c.dtype().label());
            }
            String[] dict = c.dictionaryRef();
            int[] codes = (int[]) c.data();
            int n = c.length();
            long[] validity = c.validity();
            return one(f, switch (kind) {
                case CONTAINS, STARTS_WITH, ENDS_WITH -> {
                    boolean[] byCode = new boolean[dict.length];
                    for (int k = 0; k < dict.length; k++) {
                        byCode[k] = switch (kind) {
                            case CONTAINS -> dict[k].contains(arg);
                            case STARTS_WITH -> dict[k].startsWith(arg);
                            default -> dict[k].endsWith(arg);
                        };
                    }
                    boolean[] r = new boolean[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = !c.isNull(i) && byCode[codes[i]];
                    }
                    yield new Column(DType.BOOL, n, r, validity == null ? null : validity.clone(), null);
                }
                case LEN -> {
                    long[] r = new long[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = c.isNull(i) ? 0 : dict[codes[i]].codePointCount(0, dict[codes[i]].length());
                    }
                    yield new Column(DType.I64, n, r, validity == null ? null : validity.clone(), null);
                }
                case LOWER, UPPER -> {
                    Map<String, Integer> seen = new HashMap<>();
                    List<String> out = new ArrayList<>();
                    int[] remap = new int[dict.length];
                    for (int k = 0; k < dict.length; k++) {
                        String s = kind == StrKind.LOWER ? dict[k].toLowerCase(Locale.ROOT) : dict[k].toUpperCase(Locale.ROOT);
                        remap[k] = seen.computeIfAbsent(s, x -> {
                            out.add(x);
                            return out.size() - 1;
                        });
                    }
                    int[] r = new int[n];
                    for (int i = 0; i < n; i++) {
                        r[i] = c.isNull(i) ? 0 : remap[codes[i]];
                    }
                    yield new Column(DType.STRING, n, r, validity == null ? null : validity.clone(), out.toArray(String[]::new));
                }
            });
        }
    }

    /** Date-time fields. */
    enum DtKind { YEAR, MONTH, DAY, DAY_OF_WEEK, HOUR, FLOOR }

    static final long NANOS_PER_DAY = 86_400_000_000_000L;

    record Dt(DtKind kind, long nanos) implements Parts.FrameOp {
        @Override
        public Frame apply(Frame f) {
            Column c = f.column(0);
            if (c.dtype() != DType.TIMESTAMP && c.dtype() != DType.DATE) {
                throw new IllegalArgumentException("dt." + kind.name().toLowerCase(Locale.ROOT) + " needs a timestamp or date column, got " + c.dtype().label());
            }
            int n = c.length();
            long[] r = new long[n];
            boolean ts = c.dtype() == DType.TIMESTAMP;
            long[] validity = c.validity() == null ? null : c.validity().clone();
            if (kind == DtKind.FLOOR) {
                if (!ts) {
                    throw new IllegalArgumentException("dt.floor needs a timestamp column, got a date column");
                }
                long[] x = (long[]) c.data();
                for (int i = 0; i < n; i++) {
                    r[i] = Math.floorDiv(x[i], nanos) * nanos;
                }
                return one(f, new Column(DType.TIMESTAMP, n, r, validity, null));
            }
            for (int i = 0; i < n; i++) {
                if (c.isNull(i)) {
                    continue;
                }
                long v = c.getLong(i);
                long day = ts ? Math.floorDiv(v, NANOS_PER_DAY) : v;
                r[i] = switch (kind) {
                    case HOUR -> ts ? Math.floorMod(v, NANOS_PER_DAY) / 3_600_000_000_000L : 0;
                    case DAY_OF_WEEK -> Math.floorMod(day + 3, 7); // 1970-01-01 was a Thursday (3 with Monday 0)
                    default -> {
                        LocalDate d = LocalDate.ofEpochDay(day);
                        yield kind == DtKind.YEAR ? d.getYear() : kind == DtKind.MONTH ? d.getMonthValue() : d.getDayOfMonth();
                    }
                };
            }
            return one(f, new Column(DType.I64, n, r, validity, null));
        }
    }
}
