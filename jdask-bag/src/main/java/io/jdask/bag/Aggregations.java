package io.jdask.bag;

import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;

/** The aggregations behind {@link Bag}'s reductions, each a tree of partition, combine and finish steps. */
final class Aggregations {
    private Aggregations() {}

    record Count() implements Aggregation<Long>, Streaming<long[], Long> {
        @Override
        public long[] begin() {
            return new long[1];
        }

        @Override
        public void add(long[] state, Object element) {
            state[0]++;
        }

        @Override
        public Long end(long[] state) {
            return state[0];
        }

        @Override
        public Long partition(List<Object> p) {
            return (long) p.size();
        }

        @Override
        public Long combine(List<Long> partials) {
            long n = 0;
            for (Long x : partials) {
                n += x;
            }
            return n;
        }

        @Override
        public Object finish(Long total) {
            return total;
        }
    }

    /** Sums numbers exactly as a Long while every element is an integral type, else as a Double. */
    record Sum() implements Aggregation<Number> {
        private static boolean integral(Object o) {
            return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
        }

        @Override
        public Number partition(List<Object> p) {
            return add(p);
        }

        private static Number add(List<?> values) {
            long exact = 0;
            double sum = 0;
            boolean isLong = true;
            for (Object o : values) {
                Number x = (Number) o;
                if (isLong && integral(x)) {
                    exact = Math.addExact(exact, x.longValue());
                } else {
                    if (isLong) {
                        sum = exact;
                        isLong = false;
                    }
                    sum += x.doubleValue();
                }
            }
            return isLong ? (Number) exact : (Number) sum;
        }

        @Override
        public Number combine(List<Number> partials) {
            return add(partials);
        }

        @Override
        public Object finish(Number total) {
            return total;
        }
    }

    /** What {@link Moments} returns. */
    enum Moment { MEAN, VAR, STD }

    /**
     * Count, mean and sum of squared deviations per partition, combined with Chan et al.'s
     * pairwise update (stable, no catastrophic cancellation).
     */
    record Moments(Moment what, int ddof) implements Aggregation<double[]> {
        @Override
        public double[] partition(List<Object> p) {
            double n = 0;
            double mean = 0;
            double m2 = 0;
            for (Object o : p) {
                double x = ((Number) o).doubleValue();
                n++;
                double d = x - mean;
                mean += d / n;
                m2 += d * (x - mean);
            }
            return new double[] {n, mean, m2};
        }

        @Override
        public double[] combine(List<double[]> partials) {
            double n = 0;
            double mean = 0;
            double m2 = 0;
            for (double[] b : partials) {
                if (b[0] == 0) {
                    continue;
                }
                double total = n + b[0];
                double d = b[1] - mean;
                mean += d * b[0] / total;
                m2 += b[2] + d * d * n * b[0] / total;
                n = total;
            }
            return new double[] {n, mean, m2};
        }

        @Override
        public Object finish(double[] t) {
            if (t[0] == 0) {
                throw new NoSuchElementException("the " + what.name().toLowerCase(java.util.Locale.ROOT) + " of an empty bag is undefined");
            }
            if (what == Moment.MEAN) {
                return t[1];
            }
            double var = t[2] / (t[0] - ddof);
            return what == Moment.VAR ? var : Math.sqrt(var);
        }
    }

    /** The smallest or largest element by a comparator; a partial is a list of zero or one element. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Extreme(Comparator cmp, boolean max) implements Aggregation<List<Object>> {
        @Override
        public List<Object> partition(List<Object> p) {
            Object best = null;
            boolean found = false;
            for (Object o : p) {
                if (!found || better(o, best)) {
                    best = o;
                    found = true;
                }
            }
            List<Object> out = new ArrayList<>(1);
            if (found) {
                out.add(best);
            }
            return out;
        }

        private boolean better(Object o, Object best) {
            int c = cmp.compare(o, best);
            return max ? c > 0 : c < 0;
        }

        @Override
        public List<Object> combine(List<List<Object>> partials) {
            List<Object> all = new ArrayList<>();
            for (List<Object> p : partials) {
                all.addAll(p);
            }
            return partition(all);
        }

        @Override
        public Object finish(List<Object> total) {
            if (total.isEmpty()) {
                throw new NoSuchElementException("the " + (max ? "max" : "min") + " of an empty bag is undefined");
            }
            return total.get(0);
        }
    }

    /** Whether any (or all) elements satisfy a predicate; stops a partition at the first decisive element. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record AnyAll(Fn1 predicate, boolean any) implements Aggregation<Boolean> {
        @Override
        public Boolean partition(List<Object> p) throws Exception {
            for (Object o : p) {
                boolean t = Boolean.TRUE.equals(predicate == null ? o : predicate.apply(o));
                if (t == any) {
                    return any;
                }
            }
            return !any;
        }

        @Override
        public Boolean combine(List<Boolean> partials) {
            for (Boolean b : partials) {
                if (b == any) {
                    return any;
                }
            }
            return !any;
        }

        @Override
        public Object finish(Boolean total) {
            return total;
        }
    }

    /**
     * Dask's {@code fold}: each partition folded with {@code binop} from {@code initial}, the
     * partials folded with {@code combine} from {@code initial}. Without an initial value the
     * partials are lists of zero or one value, and an empty bag has no result.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Fold(Fn2 binop, Fn2 combine, boolean hasInitial, Object initial) implements Aggregation<Object> {
        @Override
        public Object partition(List<Object> p) throws Exception {
            return reduce(binop, p);
        }

        private Object reduce(Fn2 fn, List<?> values) throws Exception {
            if (hasInitial) {
                Object acc = initial;
                for (Object o : values) {
                    acc = fn.apply(acc, o);
                }
                return acc;
            }
            boolean found = false;
            Object acc = null;
            for (Object o : values) {
                acc = found ? fn.apply(acc, o) : o;
                found = true;
            }
            List<Object> out = new ArrayList<>(1);
            if (found) {
                out.add(acc);
            }
            return out;
        }

        @Override
        public Object combine(List<Object> partials) throws Exception {
            if (hasInitial) {
                return reduce(combine, partials);
            }
            List<Object> present = new ArrayList<>();
            for (Object p : partials) {
                present.addAll((List<Object>) p);
            }
            return reduce(combine, present);
        }

        @Override
        public Object finish(Object total) {
            if (hasInitial) {
                return total;
            }
            List<Object> t = (List<Object>) total;
            if (t.isEmpty()) {
                throw new NoSuchElementException("cannot fold an empty bag without an initial value");
            }
            return t.get(0);
        }
    }

    /** Dask's {@code reduction}: a user function per partition, another on lists of partials at every level. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Reduction(Fn1 perPartition, Fn1 aggregate) implements Aggregation<Object> {
        @Override
        public Object partition(List<Object> p) throws Exception {
            return perPartition.apply(Collections.unmodifiableList(p));
        }

        @Override
        public Object combine(List<Object> partials) throws Exception {
            return aggregate.apply(Collections.unmodifiableList(partials));
        }

        @Override
        public Object finish(Object total) {
            return total;
        }
    }

    /** Counts per distinct element; the result is one partition of (element, count) entries. */
    record Frequencies(boolean sort) implements Aggregation<Counts>, Streaming<Counts, Counts> {
        @Override
        public Counts begin() {
            return new Counts(1 << 12);
        }

        @Override
        public void add(Counts state, Object element) {
            state.add(element, 1);
        }

        @Override
        public Counts end(Counts state) {
            return state;
        }

        @Override
        public Counts partition(List<Object> p) {
            Counts c = new Counts(Math.min(1 << 16, Math.max(16, p.size() / 4)));
            for (Object o : p) {
                c.add(o, 1);
            }
            return c;
        }

        @Override
        public Counts combine(List<Counts> partials) {
            Counts biggest = partials.get(0);
            for (Counts c : partials) {
                if (c.size() > biggest.size()) {
                    biggest = c;
                }
            }
            Counts out = new Counts(biggest.size());
            out.addAll(biggest);
            for (Counts c : partials) {
                if (c != biggest) {
                    out.addAll(c);
                }
            }
            return out;
        }

        @Override
        public Object finish(Counts total) {
            List<Map.Entry<Object, Long>> out = total.entries();
            if (sort) {
                out.sort(Map.Entry.<Object, Long>comparingByValue().reversed());
            }
            return out;
        }
    }

    /** The k largest elements by a comparator, largest first. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record TopK(int k, Comparator cmp) implements Aggregation<List<Object>> {
        @Override
        public List<Object> partition(List<Object> p) {
            PriorityQueue<Object> heap = new PriorityQueue<>(k + 1, cmp);
            for (Object o : p) {
                if (heap.size() < k) {
                    heap.add(o);
                } else if (k > 0 && cmp.compare(o, heap.peek()) > 0) {
                    heap.poll();
                    heap.add(o);
                }
            }
            List<Object> out = new ArrayList<>(heap);
            out.sort(cmp.reversed());
            return out;
        }

        @Override
        public List<Object> combine(List<List<Object>> partials) {
            List<Object> all = new ArrayList<>();
            for (List<Object> p : partials) {
                all.addAll(p);
            }
            return partition(all);
        }

        @Override
        public Object finish(List<Object> total) {
            return total;
        }
    }

    /** Distinct elements (or elements with distinct keys), first occurrence kept, in partition order. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Distinct(Fn1 key) implements Aggregation<LinkedHashMap<Object, Object>> {
        @Override
        public LinkedHashMap<Object, Object> partition(List<Object> p) throws Exception {
            LinkedHashMap<Object, Object> seen = new LinkedHashMap<>();
            for (Object o : p) {
                seen.putIfAbsent(key == null ? o : key.apply(o), o);
            }
            return seen;
        }

        @Override
        public LinkedHashMap<Object, Object> combine(List<LinkedHashMap<Object, Object>> partials) {
            LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
            for (Map<Object, Object> p : partials) {
                for (Map.Entry<Object, Object> e : p.entrySet()) {
                    out.putIfAbsent(e.getKey(), e.getValue());
                }
            }
            return out;
        }

        @Override
        public Object finish(LinkedHashMap<Object, Object> total) {
            return new ArrayList<>(total.values());
        }
    }

    /**
     * Dask's {@code foldby}: per partition, a fold per key with {@code binop} from {@code initial};
     * across partitions, the accumulators of equal keys merged with {@code combine}. The result is
     * one partition of (key, accumulator) entries in first-seen order.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record FoldBy(Fn1 key, Fn2 binop, Object initial, Fn2 combine) implements Aggregation<HashMap<Object, Object>> {
        @Override
        public HashMap<Object, Object> partition(List<Object> p) throws Exception {
            HashMap<Object, Object> acc = new LinkedHashMap<>();
            for (Object o : p) {
                Object k = key.apply(o);
                Object a = acc.containsKey(k) ? acc.get(k) : initial;
                acc.put(k, binop.apply(a, o));
            }
            return acc;
        }

        @Override
        public HashMap<Object, Object> combine(List<HashMap<Object, Object>> partials) throws Exception {
            HashMap<Object, Object> out = new LinkedHashMap<>();
            for (Map<Object, Object> p : partials) {
                for (Map.Entry<Object, Object> e : p.entrySet()) {
                    Object k = e.getKey();
                    out.put(k, out.containsKey(k) ? combine.apply(out.get(k), e.getValue()) : e.getValue());
                }
            }
            return out;
        }

        @Override
        public Object finish(HashMap<Object, Object> total) {
            List<Map.Entry<Object, Object>> out = new ArrayList<>(total.size());
            for (Map.Entry<Object, Object> e : total.entrySet()) {
                out.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()));
            }
            return out;
        }
    }
}
