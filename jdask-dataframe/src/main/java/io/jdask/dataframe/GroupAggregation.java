package io.jdask.dataframe;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local kernels of a group-by aggregation, as a tree {@link Reduction}: each partition is
 * reduced to a {@link Partial} (one row per group: the keys and the state of every aggregation,
 * in primitive columns), partials are concatenated and reduced again, and the last one is
 * finished into the result, sorted by key.
 *
 * <p>State columns per aggregation {@code a}: {@code __a<a>_s} (sum), {@code _n} (count),
 * {@code _mean}/{@code _m2} (merged with Chan's formula), {@code _v} (the chosen value for
 * min/max/first/last). {@code nunique} keeps the distinct (keys, value) pairs instead.
 */
record GroupAggregation(List<String> keys, List<Agg> aggs, List<String> names) implements Reduction<GroupAggregation.Partial> {

    /** Per-group states, and the distinct (keys, value) pairs of each nunique aggregation. */
    record Partial(Frame states, List<Frame> distinct) {}

    private static String k(int i) {
        return "__k" + i;
    }

    private static String a(int i, String s) {
        return "__a" + i + "_" + s;
    }

    @Override
    public Partial partition(Frame f) {
        List<Column> keyCols = new ArrayList<>();
        for (String key : keys) {
            keyCols.add(f.column(key));
        }
        Groups g = Groups.of(keyCols, f.numRows());
        Frame.Builder b = Frame.builder();
        for (int i = 0; i < keyCols.size(); i++) {
            b.column(k(i), keyCols.get(i).take(g.first));
        }
        List<Frame> distinct = new ArrayList<>();
        for (int i = 0; i < aggs.size(); i++) {
            Agg agg = aggs.get(i);
            Column x = agg.kind() == Agg.Kind.SIZE ? null : f.column(agg.column());
            switch (agg.kind()) {
                case SUM -> b.column(a(i, "s"), sum(x, g));
                case COUNT -> b.column(a(i, "n"), countPresent(x, g));
                case SIZE -> b.column(a(i, "n"), countRows(g));
                case MEAN -> b.column(a(i, "s"), sum(x.dtype().isFloating() ? x : x.astype(DType.F64), g)).column(a(i, "n"), countPresent(x, g));
                case VAR, STD -> {
                    Column[] m = moments(x, g);
                    b.column(a(i, "n"), m[0]).column(a(i, "mean"), m[1]).column(a(i, "m2"), m[2]);
                }
                case MIN, MAX, FIRST, LAST -> b.column(a(i, "v"), takeOrNull(x, best(x, g, agg.kind())));
                case NUNIQUE -> distinct.add(distinctPairs(keyCols, x));
            }
        }
        return new Partial(b.build(), distinct);
    }

    @Override
    public Partial combine(List<Partial> partials) {
        List<Frame> states = new ArrayList<>();
        for (Partial p : partials) {
            states.add(p.states());
        }
        Frame s = Frame.concat(states);
        List<Column> keyCols = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            keyCols.add(s.column(k(i)));
        }
        Groups g = Groups.of(keyCols, s.numRows());
        Frame.Builder b = Frame.builder();
        for (int i = 0; i < keyCols.size(); i++) {
            b.column(k(i), keyCols.get(i).take(g.first));
        }
        List<Frame> distinct = new ArrayList<>();
        int d = 0;
        for (int i = 0; i < aggs.size(); i++) {
            Agg agg = aggs.get(i);
            switch (agg.kind()) {
                case SUM -> b.column(a(i, "s"), sum(s.column(a(i, "s")), g));
                case COUNT, SIZE -> b.column(a(i, "n"), sum(s.column(a(i, "n")), g));
                case MEAN -> b.column(a(i, "s"), sum(s.column(a(i, "s")), g)).column(a(i, "n"), sum(s.column(a(i, "n")), g));
                case VAR, STD -> {
                    Column[] m = mergeMoments(s.column(a(i, "n")), s.column(a(i, "mean")), s.column(a(i, "m2")), g);
                    b.column(a(i, "n"), m[0]).column(a(i, "mean"), m[1]).column(a(i, "m2"), m[2]);
                }
                case MIN, MAX, FIRST, LAST -> {
                    Column v = s.column(a(i, "v"));
                    b.column(a(i, "v"), takeOrNull(v, best(v, g, agg.kind())));
                }
                case NUNIQUE -> {
                    List<Frame> parts = new ArrayList<>();
                    for (Partial p : partials) {
                        parts.add(p.distinct().get(d));
                    }
                    Frame all = Frame.concat(parts);
                    List<Column> cols = new ArrayList<>();
                    for (int c = 0; c < all.numColumns(); c++) {
                        cols.add(all.column(c));
                    }
                    distinct.add(all.take(Groups.of(cols, all.numRows()).first));
                    d++;
                }
            }
        }
        return new Partial(b.build(), distinct);
    }

    @Override
    public Object finish(Partial p) {
        Frame s = p.states();
        int groups = s.numRows();
        List<Column> keyCols = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            keyCols.add(s.column(k(i)));
        }
        int[] order = sortOrder(keyCols, groups);
        List<Column> out = new ArrayList<>();
        int d = 0;
        for (int i = 0; i < aggs.size(); i++) {
            Agg agg = aggs.get(i);
            Column c = switch (agg.kind()) {
                case SUM -> s.column(a(i, "s"));
                case COUNT, SIZE -> s.column(a(i, "n"));
                case MEAN -> {
                    double[] sum = Kernels.doubles(s.column(a(i, "s")));
                    long[] n = Kernels.longs(s.column(a(i, "n")));
                    double[] r = new double[groups];
                    for (int g = 0; g < groups; g++) {
                        r[g] = n[g] == 0 ? Double.NaN : sum[g] / n[g];
                    }
                    yield Column.ofDoubles(r);
                }
                case VAR, STD -> {
                    long[] n = Kernels.longs(s.column(a(i, "n")));
                    double[] m2 = Kernels.doubles(s.column(a(i, "m2")));
                    double[] r = new double[groups];
                    for (int g = 0; g < groups; g++) {
                        double v = n[g] < 2 ? Double.NaN : Math.max(0, m2[g]) / (n[g] - 1);
                        r[g] = agg.kind() == Agg.Kind.STD ? Math.sqrt(v) : v;
                    }
                    yield Column.ofDoubles(r);
                }
                case MIN, MAX, FIRST, LAST -> s.column(a(i, "v"));
                case NUNIQUE -> nunique(keyCols, p.distinct().get(d++), groups);
            };
            out.add(c.take(order));
        }
        Frame.Builder b = Frame.builder();
        if (keys.size() == 1) {
            b.index(keys.get(0), keyCols.get(0).take(order));
        } else {
            for (int i = 0; i < keys.size(); i++) {
                b.column(keys.get(i), keyCols.get(i).take(order));
            }
        }
        for (int i = 0; i < out.size(); i++) {
            b.column(names.get(i), out.get(i));
        }
        return b.build();
    }

    /** Splits a partial into {@code n} by a hash of the keys that every partition agrees on. */
    static List<Partial> split(Partial p, int n, int nkeys) {
        List<int[]> rowsOf = bucketRows(p.states(), n, nkeys);
        List<List<int[]>> distinctRows = new ArrayList<>();
        for (Frame f : p.distinct()) {
            distinctRows.add(bucketRows(f, n, nkeys));
        }
        List<Partial> out = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            List<Frame> ds = new ArrayList<>();
            for (int d = 0; d < p.distinct().size(); d++) {
                ds.add(p.distinct().get(d).take(distinctRows.get(d).get(j)));
            }
            out.add(new Partial(p.states().take(rowsOf.get(j)), ds));
        }
        return out;
    }

    private static List<int[]> bucketRows(Frame f, int n, int nkeys) {
        List<Column> keyCols = new ArrayList<>();
        for (int i = 0; i < nkeys; i++) {
            keyCols.add(f.column(i));
        }
        int[] h = Groups.hashes(keyCols, f.numRows());
        int[] counts = new int[n];
        int[] bucket = new int[h.length];
        for (int i = 0; i < h.length; i++) {
            bucket[i] = Math.floorMod(Groups.mix(h[i]), n);
            counts[bucket[i]]++;
        }
        List<int[]> rows = new ArrayList<>(n);
        for (int j = 0; j < n; j++) {
            rows.add(new int[counts[j]]);
        }
        int[] at = new int[n];
        for (int i = 0; i < h.length; i++) {
            rows.get(bucket[i])[at[bucket[i]]++] = i;
        }
        return rows;
    }

    // ---- kernels over group ids ----

    static Column sum(Column x, Groups g) {
        Moments.checkNumeric(x, "sum");
        int[] gid = g.gid;
        if (Kernels.isIntegral(x.dtype())) {
            long[] v = Kernels.longs(x);
            long[] s = new long[g.count];
            long[] valid = x.validity();
            for (int i = 0; i < gid.length; i++) {
                if (gid[i] >= 0 && (valid == null || Bits.get(valid, i))) {
                    s[gid[i]] += v[i];
                }
            }
            return new Column(DType.I64, s.length, s, null, null);
        }
        double[] v = Kernels.doubles(x);
        double[] s = new double[g.count];
        for (int i = 0; i < gid.length; i++) {
            int k = gid[i];
            double d = v[i];
            if (k >= 0 && d == d) {
                s[k] += d;
            }
        }
        return new Column(DType.F64, s.length, s, null, null);
    }

    static Column countPresent(Column x, Groups g) {
        long[] n = new long[g.count];
        int[] gid = g.gid;
        if (x.dtype() == DType.F64) {
            double[] v = (double[]) x.data();
            for (int i = 0; i < gid.length; i++) {
                if (gid[i] >= 0 && v[i] == v[i]) {
                    n[gid[i]]++;
                }
            }
        } else {
            boolean floating = x.dtype().isFloating();
            long[] valid = x.validity();
            for (int i = 0; i < gid.length; i++) {
                if (gid[i] >= 0 && (floating ? !x.isNull(i) : valid == null || Bits.get(valid, i))) {
                    n[gid[i]]++;
                }
            }
        }
        return new Column(DType.I64, n.length, n, null, null);
    }

    static Column countRows(Groups g) {
        long[] n = new long[g.count];
        for (int k : g.gid) {
            if (k >= 0) {
                n[k]++;
            }
        }
        return new Column(DType.I64, n.length, n, null, null);
    }

    /** Count, mean and sum of squared deviations per group (two passes). */
    static Column[] moments(Column x, Groups g) {
        Moments.checkNumeric(x, "var");
        double[] v = Kernels.doubles(x);
        int[] gid = g.gid;
        long[] n = new long[g.count];
        double[] mean = new double[g.count];
        double[] m2 = new double[g.count];
        for (int i = 0; i < gid.length; i++) {
            if (gid[i] >= 0 && !Double.isNaN(v[i])) {
                n[gid[i]]++;
                mean[gid[i]] += v[i];
            }
        }
        for (int k = 0; k < n.length; k++) {
            mean[k] = n[k] == 0 ? 0 : mean[k] / n[k];
        }
        for (int i = 0; i < gid.length; i++) {
            if (gid[i] >= 0 && !Double.isNaN(v[i])) {
                double dlt = v[i] - mean[gid[i]];
                m2[gid[i]] += dlt * dlt;
            }
        }
        return new Column[] {Column.ofLongs(n), Column.ofDoubles(mean), Column.ofDoubles(m2)};
    }

    static Column[] mergeMoments(Column nc, Column meanc, Column m2c, Groups g) {
        long[] n = Kernels.longs(nc);
        double[] mean = Kernels.doubles(meanc);
        double[] m2 = Kernels.doubles(m2c);
        long[] tn = new long[g.count];
        double[] tmean = new double[g.count];
        double[] tm2 = new double[g.count];
        for (int i = 0; i < n.length; i++) {
            int k = g.gid[i];
            if (k < 0 || n[i] == 0) {
                continue;
            }
            if (tn[k] == 0) {
                tn[k] = n[i];
                tmean[k] = mean[i];
                tm2[k] = m2[i];
            } else {
                long tot = tn[k] + n[i];
                double delta = mean[i] - tmean[k];
                tmean[k] += delta * n[i] / tot;
                tm2[k] += m2[i] + delta * delta * ((double) tn[k] * n[i] / tot);
                tn[k] = tot;
            }
        }
        return new Column[] {Column.ofLongs(tn), Column.ofDoubles(tmean), Column.ofDoubles(tm2)};
    }

    /** The row chosen per group (-1 when the group has no present value). */
    static int[] best(Column x, Groups g, Agg.Kind kind) {
        int[] best = new int[g.count];
        Arrays.fill(best, -1);
        int[] gid = g.gid;
        boolean max = kind == Agg.Kind.MAX;
        if ((kind == Agg.Kind.MIN || kind == Agg.Kind.MAX) && x.data() instanceof double[] v) {
            for (int i = 0; i < gid.length; i++) {
                int k = gid[i];
                if (k >= 0 && v[i] == v[i] && (best[k] < 0 || (max ? v[i] > v[best[k]] : v[i] < v[best[k]]))) {
                    best[k] = i;
                }
            }
            return best;
        }
        for (int i = 0; i < gid.length; i++) {
            int k = gid[i];
            if (k < 0 || x.isNull(i)) {
                continue;
            }
            switch (kind) {
                case FIRST -> {
                    if (best[k] < 0) {
                        best[k] = i;
                    }
                }
                case LAST -> best[k] = i;
                default -> {
                    if (best[k] < 0 || (max ? x.compareRows(i, best[k]) > 0 : x.compareRows(i, best[k]) < 0)) {
                        best[k] = i;
                    }
                }
            }
        }
        return best;
    }

    /** {@code c.take(rows)} where a row of -1 gives a missing value. */
    static Column takeOrNull(Column c, int[] rows) {
        boolean anyMissing = false;
        int[] r = rows.clone();
        for (int i = 0; i < r.length; i++) {
            if (r[i] < 0) {
                anyMissing = true;
                r[i] = 0;
            }
        }
        if (!anyMissing) {
            return c.take(rows);
        }
        if (c.length() == 0) {
            return Reductions.ofObjects(c.dtype(), java.util.Collections.nCopies(rows.length, null),
                    c.dtype() == DType.CATEGORY ? c : null);
        }
        Column t = c.take(r);
        int n = t.length();
        Object data = t.data();
        long[] validity = null;
        switch (data) {
            case double[] x -> { for (int i = 0; i < n; i++) if (rows[i] < 0) x[i] = Double.NaN; }
            case float[] x -> { for (int i = 0; i < n; i++) if (rows[i] < 0) x[i] = Float.NaN; }
            case short[] x -> { for (int i = 0; i < n; i++) if (rows[i] < 0) x[i] = Float.floatToFloat16(Float.NaN); }
            default -> {
                validity = new long[Bits.words(n)];
                for (int i = 0; i < n; i++) {
                    if (rows[i] >= 0 && !t.isNull(i)) {
                        Bits.set(validity, i);
                    }
                }
            }
        }
        return new Column(t.dtype(), n, data, validity, t.dictionaryRef());
    }

    /** Distinct (keys, value) rows with a present value. */
    static Frame distinctPairs(List<Column> keyCols, Column x) {
        List<Column> cols = new ArrayList<>(keyCols);
        cols.add(x);
        Groups g = Groups.of(cols, x.length());
        Frame.Builder b = Frame.builder();
        for (int i = 0; i < keyCols.size(); i++) {
            b.column(k(i), keyCols.get(i).take(g.first));
        }
        return b.column("__v", x.take(g.first)).build();
    }

    /** The number of distinct pairs per group of the states' keys. */
    static Column nunique(List<Column> stateKeys, Frame pairs, int groups) {
        List<Column> both = new ArrayList<>();
        for (int i = 0; i < stateKeys.size(); i++) {
            both.add(Columns.concat(List.of(stateKeys.get(i), pairs.column(i))));
        }
        int total = groups + pairs.numRows();
        Groups g = Groups.of(both, total);
        long[] perGroup = new long[g.count];
        for (int i = groups; i < total; i++) {
            perGroup[g.gid[i]]++;
        }
        long[] r = new long[groups];
        for (int i = 0; i < groups; i++) {
            r[i] = perGroup[g.gid[i]];
        }
        return Column.ofLongs(r);
    }

    /** Row order sorting by the key columns, ascending. */
    static int[] sortOrder(List<Column> keyCols, int n) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (x, y) -> {
            for (Column c : keyCols) {
                int cmp = c.compareRows(x, y);
                if (cmp != 0) {
                    return cmp;
                }
            }
            return 0;
        });
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = idx[i];
        }
        return out;
    }
}
