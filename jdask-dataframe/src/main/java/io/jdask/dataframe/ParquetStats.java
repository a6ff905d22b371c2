package io.jdask.dataframe;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Decides from a piece's min/max statistics whether any of its rows may pass a conjunction of filters. */
final class ParquetStats {
    private ParquetStats() {}

    static boolean mayMatch(ParquetSource.Piece p, List<ColumnFilter> conjunction, Function<String, DType> typeOf) {
        for (ColumnFilter f : conjunction) {
            List<String> mm = p.stats().get(f.column());
            if (mm == null) {
                continue;
            }
            Integer loCmp = compare(mm.get(0), f.value(), typeOf.apply(f.column()));
            Integer hiCmp = compare(mm.get(1), f.value(), typeOf.apply(f.column()));
            if (loCmp == null || hiCmp == null) {
                continue; // statistics we cannot compare prune nothing
            }
            boolean may = switch (f.op()) {
                case EQ -> loCmp <= 0 && hiCmp >= 0;
                case NE -> !(loCmp == 0 && hiCmp == 0);
                case LT -> loCmp < 0;
                case LE -> loCmp <= 0;
                case GT -> hiCmp > 0;
                case GE -> hiCmp >= 0;
            };
            if (!may) {
                return false;
            }
        }
        return true;
    }

    /** Compares a printed statistic with a filter value: negative, zero or positive, or null when not comparable. */
    static Integer compare(String stat, Object value, DType t) {
        if (stat == null) {
            return null;
        }
        try {
            return switch (t) {
                case I32, I64 -> value instanceof Long || value instanceof Integer
                        ? Long.compare(Long.parseLong(stat), ((Number) value).longValue())
                        : value instanceof Number n ? Double.compare(Long.parseLong(stat), n.doubleValue()) : null;
                case F64, F32, F16 -> {
                    double s = Double.parseDouble(stat);
                    yield Double.isNaN(s) || !(value instanceof Number n) || Double.isNaN(n.doubleValue()) ? null
                            : Double.compare(s, n.doubleValue());
                }
                case DATE -> value instanceof LocalDate d ? LocalDate.parse(stat).compareTo(d) : null;
                case TIMESTAMP -> value instanceof Instant i
                        ? LocalDateTime.parse(stat.replace(' ', 'T')).toInstant(ZoneOffset.UTC).compareTo(i) : null;
                // Parquet orders strings by their unsigned UTF-8 bytes
                case STRING -> value instanceof String s ? Integer.signum(Arrays.compareUnsigned(
                        stat.getBytes(StandardCharsets.UTF_8), s.getBytes(StandardCharsets.UTF_8))) : null;
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The smaller (or larger) of two printed statistics of one column, or null when either is unknown. */
    static String extreme(String a, String b, DType t, boolean max) {
        if (a == null || b == null) {
            return null;
        }
        Object bv = parse(b, t);
        Integer c = bv == null ? null : compare(a, bv, t);
        if (c == null) {
            return null;
        }
        return max ? (c >= 0 ? a : b) : (c <= 0 ? a : b);
    }

    private static Object parse(String stat, DType t) {
        try {
            return switch (t) {
                case I32, I64 -> Long.parseLong(stat);
                case F64, F32, F16 -> Double.parseDouble(stat);
                case DATE -> LocalDate.parse(stat);
                case TIMESTAMP -> LocalDateTime.parse(stat.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
                case STRING -> stat;
                default -> null;
            };
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Divisions from the index's statistics when the pieces are sorted and do not overlap (each
     * piece's max below the next one's min): the pieces' mins and the last max. Empty otherwise,
     * or when a piece has no rows or no exact statistics.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static java.util.Optional<List<Comparable<?>>> divisions(List<ParquetSource.Piece> pieces, String index, DType t) {
        if (index == null || pieces.isEmpty()) {
            return java.util.Optional.empty();
        }
        List<Comparable<?>> out = new java.util.ArrayList<>();
        Comparable previousMax = null;
        for (ParquetSource.Piece p : pieces) {
            List<String> mm = p.stats().get(index);
            if (p.numRows() == 0 || mm == null) {
                return java.util.Optional.empty();
            }
            Comparable lo = division(mm.get(0), t);
            Comparable hi = division(mm.get(1), t);
            if (lo == null || hi == null || lo.compareTo(hi) > 0 || (previousMax != null && previousMax.compareTo(lo) >= 0)) {
                return java.util.Optional.empty();
            }
            out.add(lo);
            previousMax = hi;
        }
        out.add(previousMax);
        return java.util.Optional.of(List.copyOf(out));
    }

    private static Comparable<?> division(String stat, DType t) {
        if (stat == null) {
            return null;
        }
        Object v = parse(stat, t);
        return switch (v) {
            case null -> null;
            case Long l when t == DType.I32 -> (Comparable<?>) (int) (long) l;
            case Double d when t == DType.F32 || t == DType.F16 -> (Comparable<?>) (float) (double) d;
            case Double d when d.isNaN() -> null;
            case String s -> null; // string indexes have no ranges to split on
            default -> (Comparable<?>) v;
        };
    }
}
