package io.jdask.dataframe;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** The tree reductions of Series and DataFrames. A Series partition is a frame of one column. */
final class Reductions {
    private Reductions() {}

    /** One statistic of a Series. */
    record SeriesStat(Moments.Stat stat, int ddof) implements Reduction<Moments> {
        @Override
        public Moments partition(Frame part) {
            return Moments.of(part.column(0), stat.label());
        }

        @Override
        public Moments combine(List<Moments> partials) {
            Moments m = partials.get(0);
            for (int i = 1; i < partials.size(); i++) {
                m = Moments.merge(m, partials.get(i));
            }
            return m;
        }

        @Override
        public Object finish(Moments total) {
            return total.stat(stat, ddof);
        }
    }

    /** Non-missing values of a Series of any type. */
    record SeriesCount() implements Reduction<Long> {
        @Override
        public Long partition(Frame part) {
            Column c = part.column(0);
            return (long) (c.length() - c.nullCount());
        }

        @Override
        public Long combine(List<Long> partials) {
            long n = 0;
            for (long x : partials) {
                n += x;
            }
            return n;
        }

        @Override
        public Object finish(Long total) {
            return total;
        }
    }

    /** One statistic per column of a frame, as a one-partition Series indexed by column name. */
    record FrameStat(List<String> columns, Moments.Stat stat, int ddof) implements Reduction<List<Object>> {
        @Override
        public List<Object> partition(Frame part) {
            List<Object> out = new ArrayList<>();
            for (String c : columns) {
                Column col = part.column(c);
                out.add(stat == Moments.Stat.COUNT ? (Object) (long) (col.length() - col.nullCount()) : Moments.of(col, stat.label()));
            }
            return out;
        }

        @Override
        public List<Object> combine(List<List<Object>> partials) {
            List<Object> acc = new ArrayList<>(partials.get(0));
            for (int p = 1; p < partials.size(); p++) {
                for (int i = 0; i < acc.size(); i++) {
                    Object b = partials.get(p).get(i);
                    acc.set(i, b instanceof Long l ? (Object) ((Long) acc.get(i) + l) : Moments.merge((Moments) acc.get(i), (Moments) b));
                }
            }
            return acc;
        }

        @Override
        public Object finish(List<Object> total) {
            int n = columns.size();
            Column values;
            if (stat == Moments.Stat.COUNT) {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (Long) total.get(i);
                }
                values = Column.ofLongs(v);
            } else {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = ((Number) ((Moments) total.get(i)).stat(stat, ddof)).doubleValue();
                }
                values = Column.ofDoubles(v);
            }
            return Frame.builder().index(null, Column.ofStrings(columns.toArray(String[]::new))).column(stat.label(), values).build();
        }
    }

    /** Min or max of a Series of any ordered type: the value, boxed, or null when all are missing. */
    record Extreme(boolean max) implements Reduction<Column> {
        @Override
        public Column partition(Frame part) {
            return best(part.column(0));
        }

        Column best(Column c) {
            int at = -1;
            for (int i = 0; i < c.length(); i++) {
                if (!c.isNull(i) && (at < 0 || (max ? c.compareRows(i, at) > 0 : c.compareRows(i, at) < 0))) {
                    at = i;
                }
            }
            return at < 0 ? c.slice(0, 0) : c.slice(at, at + 1);
        }

        @Override
        public Column combine(List<Column> partials) {
            return best(Columns.concat(partials));
        }

        @Override
        public Object finish(Column total) {
            return total.length() == 0 ? null : total.get(0);
        }
    }

    /** Min or max of every numeric column, as a Series indexed by column name. */
    record FrameExtreme(List<String> columns, boolean max) implements Reduction<double[]> {
        @Override
        public double[] partition(Frame part) {
            double[] r = new double[columns.size()];
            for (int k = 0; k < r.length; k++) {
                double[] x = Kernels.doubles(part.column(columns.get(k)));
                double b = Double.NaN;
                for (double v : x) {
                    if (!Double.isNaN(v) && (Double.isNaN(b) || (max ? v > b : v < b))) {
                        b = v;
                    }
                }
                r[k] = b;
            }
            return r;
        }

        @Override
        public double[] combine(List<double[]> partials) {
            double[] r = partials.get(0).clone();
            for (double[] p : partials) {
                for (int k = 0; k < r.length; k++) {
                    if (!Double.isNaN(p[k]) && (Double.isNaN(r[k]) || (max ? p[k] > r[k] : p[k] < r[k]))) {
                        r[k] = p[k];
                    }
                }
            }
            return r;
        }

        @Override
        public Object finish(double[] total) {
            return Frame.builder().index(null, Column.ofStrings(columns.toArray(String[]::new)))
                    .column(max ? "max" : "min", Column.ofDoubles(total)).build();
        }
    }

    /** Counts of each distinct present value, most frequent first (ties by first appearance). */
    record ValueCounts(DType dtype, List<String> categories) implements Reduction<LinkedHashMap<Object, Long>> {
        @Override
        public LinkedHashMap<Object, Long> partition(Frame part) {
            Column c = part.column(0);
            LinkedHashMap<Object, Long> m = new LinkedHashMap<>();
            if (c.dtype().isDictionary()) {
                long[] byCode = new long[c.dictionaryRef().length];
                int[] codes = (int[]) c.data();
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < c.length(); i++) {
                    if (!c.isNull(i)) {
                        if (byCode[codes[i]]++ == 0) {
                            order.add(codes[i]);
                        }
                    }
                }
                for (int code : order) {
                    m.put(c.dictionaryRef()[code], byCode[code]);
                }
                return m;
            }
            for (int i = 0; i < c.length(); i++) {
                if (!c.isNull(i)) {
                    m.merge(c.get(i), 1L, Long::sum);
                }
            }
            return m;
        }

        @Override
        public LinkedHashMap<Object, Long> combine(List<LinkedHashMap<Object, Long>> partials) {
            LinkedHashMap<Object, Long> m = new LinkedHashMap<>(partials.get(0));
            for (int i = 1; i < partials.size(); i++) {
                partials.get(i).forEach((k, v) -> m.merge(k, v, Long::sum));
            }
            return m;
        }

        @Override
        public Object finish(LinkedHashMap<Object, Long> total) {
            List<Map.Entry<Object, Long>> entries = new ArrayList<>(total.entrySet());
            entries.sort(Map.Entry.<Object, Long>comparingByValue().reversed());
            List<Object> values = new ArrayList<>();
            long[] counts = new long[entries.size()];
            for (int i = 0; i < counts.length; i++) {
                values.add(entries.get(i).getKey());
                counts[i] = entries.get(i).getValue();
            }
            return Frame.builder().index(null, ofObjects(dtype, values, like(dtype, categories)))
                    .column("count", Column.ofLongs(counts)).build();
        }
    }

    /** Distinct present values in order of first appearance. */
    record Unique(boolean count, String name, DType dtype, List<String> categories) implements Reduction<LinkedHashSet<Object>> {
        @Override
        public LinkedHashSet<Object> partition(Frame part) {
            Column c = part.column(0);
            LinkedHashSet<Object> s = new LinkedHashSet<>();
            for (int i = 0; i < c.length(); i++) {
                if (!c.isNull(i)) {
                    s.add(c.get(i));
                }
            }
            return s;
        }

        @Override
        public LinkedHashSet<Object> combine(List<LinkedHashSet<Object>> partials) {
            LinkedHashSet<Object> s = new LinkedHashSet<>();
            for (LinkedHashSet<Object> p : partials) {
                s.addAll(p);
            }
            return s;
        }

        @Override
        public Object finish(LinkedHashSet<Object> total) {
            if (count) {
                return (long) total.size();
            }
            return Frame.builder().column(name, ofObjects(dtype, new ArrayList<>(total), like(dtype, categories))).build();
        }
    }

    /** The n largest or smallest present values with their index, as a frame. */
    record Extremes(int n, boolean largest) implements Reduction<Frame> {
        @Override
        public Frame partition(Frame part) {
            Column c = part.column(0);
            List<Integer> rows = new ArrayList<>();
            for (int i = 0; i < c.length(); i++) {
                if (!c.isNull(i)) {
                    rows.add(i);
                }
            }
            Comparator<Integer> cmp = (a, b) -> c.compareRows(a, b);
            rows.sort(largest ? cmp.reversed() : cmp);
            int[] take = new int[Math.min(n, rows.size())];
            for (int i = 0; i < take.length; i++) {
                take[i] = rows.get(i);
            }
            return part.take(take);
        }

        @Override
        public Frame combine(List<Frame> partials) {
            return partition(Frame.concat(partials));
        }

        @Override
        public Object finish(Frame total) {
            return total;
        }
    }

    /** A column of {@code t} holding boxed values (as {@link Column#get} returns them). */
    static Column ofObjects(DType t, List<Object> values, Column like) {
        int n = values.size();
        switch (t) {
            case F64 -> {
                double[] x = new double[n];
                for (int i = 0; i < n; i++) x[i] = values.get(i) == null ? Double.NaN : ((Number) values.get(i)).doubleValue();
                return Column.ofDoubles(x);
            }
            case F32, F16 -> {
                float[] x = new float[n];
                for (int i = 0; i < n; i++) x[i] = values.get(i) == null ? Float.NaN : ((Number) values.get(i)).floatValue();
                return t == DType.F32 ? Column.ofFloats(x) : Column.ofHalfs(x);
            }
            case I64, I32 -> {
                long[] x = new long[n];
                boolean[] ok = new boolean[n];
                for (int i = 0; i < n; i++) {
                    ok[i] = values.get(i) != null;
                    x[i] = ok[i] ? ((Number) values.get(i)).longValue() : 0;
                }
                Column c = Column.ofLongs(x, ok);
                return t == DType.I64 ? c : c.astype(DType.I32);
            }
            case BOOL -> {
                boolean[] x = new boolean[n];
                boolean[] ok = new boolean[n];
                for (int i = 0; i < n; i++) {
                    ok[i] = values.get(i) != null;
                    x[i] = ok[i] && (Boolean) values.get(i);
                }
                return Column.ofBooleans(x, ok);
            }
            case STRING -> {
                return Column.ofStrings(values.toArray(String[]::new));
            }
            case CATEGORY -> {
                return Column.categorical(like.dictionary(), values.toArray(String[]::new));
            }
            case TIMESTAMP -> {
                return Column.ofInstants(values.toArray(Instant[]::new));
            }
            case DATE -> {
                return Column.ofDates(values.toArray(LocalDate[]::new));
            }
            default -> throw new IllegalStateException();
        }
    }

    /** An empty column standing for the type (and categories) of a Series. */
    static Column like(DType t, List<String> categories) {
        return t == DType.CATEGORY ? Column.categorical(categories) : ofObjects(t, List.of(), null);
    }
}
