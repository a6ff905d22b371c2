package io.jdask.bag;

import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.graph.TaskFunction;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The task functions of the bag operations that work on one partition at a time. Each receives
 * the partition (a {@link List}) as its first argument and returns a new {@link ArrayList}; the
 * graph optimiser fuses chains of them into one task per partition.
 */
final class Elementwise {
    private Elementwise() {}

    /** Receives the elements of a partition one at a time, in order. */
    interface Sink {
        /**
         * @param element the next element
         * @throws Exception what user code throws
         */
        void accept(Object element) throws Exception;
    }

    /**
     * An operation that handles each element on its own, so a chain of them (and the aggregation
     * that follows) can run as one push pipeline without a list between steps, see {@link PipelineFusion}.
     */
    interface ElementOp extends TaskFunction {
        /**
         * @param downstream where this operation's results go
         * @return the sink that applies this operation to each element
         */
        Sink wrap(Sink downstream);
    }

    @SuppressWarnings("unchecked")
    static List<Object> part(Object o) {
        return (List<Object>) o;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Map1(Fn1 fn) implements ElementOp {
        @Override
        public Sink wrap(Sink down) {
            return x -> down.accept(fn.apply(x));
        }

        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = part(args[0]);
            ArrayList<Object> out = new ArrayList<>(in.size());
            for (Object o : in) {
                out.add(fn.apply(o));
            }
            return out;
        }
    }

    /** Calls a two-argument function on the two items of each element (a pair). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record StarMap(Fn2 fn) implements ElementOp {
        @Override
        public Sink wrap(Sink down) {
            return x -> down.accept(fn.apply(Items.get(x, 0), Items.get(x, 1)));
        }

        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = part(args[0]);
            ArrayList<Object> out = new ArrayList<>(in.size());
            for (Object o : in) {
                out.add(fn.apply(Items.get(o, 0), Items.get(o, 1)));
            }
            return out;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Filter(Fn1 predicate) implements ElementOp {
        @Override
        public Sink wrap(Sink down) {
            return x -> {
                if (Boolean.TRUE.equals(predicate.apply(x))) {
                    down.accept(x);
                }
            };
        }

        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = part(args[0]);
            ArrayList<Object> out = new ArrayList<>();
            for (Object o : in) {
                if (Boolean.TRUE.equals(predicate.apply(o))) {
                    out.add(o);
                }
            }
            return out;
        }
    }

    /** flatMap when {@code fn} is given, flatten when it is null. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record FlatMap(Fn1 fn) implements ElementOp {
        @Override
        public Sink wrap(Sink down) {
            return x -> pushAll(down, fn == null ? x : fn.apply(x));
        }

        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = part(args[0]);
            ArrayList<Object> out = new ArrayList<>(in.size() * 2);
            for (Object o : in) {
                Object many = fn == null ? o : fn.apply(o);
                addAll(out, many);
            }
            return out;
        }
    }

    static void pushAll(Sink down, Object many) throws Exception {
        if (many instanceof List<?> l && l instanceof java.util.RandomAccess) {
            for (int i = 0, n = l.size(); i < n; i++) {
                down.accept(l.get(i));
            }
        } else if (many instanceof Iterable<?> it) {
            for (Object x : it) {
                down.accept(x);
            }
        } else if (many instanceof Object[] a) {
            for (Object x : a) {
                down.accept(x);
            }
        } else {
            addAll(new ArrayList<>(), many); // throws the explanation
        }
    }

    static void addAll(List<Object> out, Object many) {
        if (many instanceof List<?> l) {
            out.addAll(l);
        } else if (many instanceof Iterable<?> it) {
            for (Object x : it) {
                out.add(x);
            }
        } else if (many instanceof Object[] a) {
            out.addAll(java.util.Arrays.asList(a));
        } else if (many == null) {
            throw new IllegalArgumentException("cannot flatten null: elements must be Iterables or object arrays");
        } else {
            throw new IllegalArgumentException("cannot flatten a " + many.getClass().getName()
                    + ": elements must be Iterables or object arrays");
        }
    }

    record Pluck(Object key) implements ElementOp {
        @Override
        public Sink wrap(Sink down) {
            return x -> down.accept(Items.get(x, key));
        }

        @Override
        public Object apply(Object[] args) {
            List<Object> in = part(args[0]);
            ArrayList<Object> out = new ArrayList<>(in.size());
            for (Object o : in) {
                out.add(Items.get(o, key));
            }
            return out;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record MapPartition(Fn1 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            Object r = fn.apply(java.util.Collections.unmodifiableList(part(args[0])));
            if (r instanceof ArrayList<?> a) {
                return a;
            }
            ArrayList<Object> out = new ArrayList<>();
            addAll(out, r);
            return out;
        }
    }

    /** Pairs the elements of two partitions of equal length. */
    record Zip() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            List<Object> a = part(args[0]);
            List<Object> b = part(args[1]);
            if (a.size() != b.size()) {
                throw new IllegalStateException("cannot zip partitions of different lengths: " + a.size() + " and " + b.size());
            }
            ArrayList<Object> out = new ArrayList<>(a.size());
            Iterator<Object> ib = b.iterator();
            for (Object x : a) {
                out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(x, ib.next()));
            }
            return out;
        }
    }

    /** Inner join of a partition with an index (key to matching items) built from an in-memory collection. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    record Join(Fn1 key) implements TaskFunction {
        @Override
        public Object apply(Object[] args) throws Exception {
            List<Object> in = part(args[0]);
            Map<Object, List<Object>> index = (Map<Object, List<Object>>) args[1];
            ArrayList<Object> out = new ArrayList<>();
            for (Object o : in) {
                List<Object> matches = index.get(key.apply(o));
                if (matches != null) {
                    for (Object m : matches) {
                        out.add(new java.util.AbstractMap.SimpleImmutableEntry<>(o, m));
                    }
                }
            }
            return out;
        }
    }

    /** Copies any iterable result (of a delayed value) into a partition. */
    record ToPartition() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            ArrayList<Object> out = new ArrayList<>();
            addAll(out, args[0]);
            return out;
        }
    }

    /** The numbers {@code [start, end)} as Longs. */
    record Range(long start, long end) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            ArrayList<Object> out = new ArrayList<>((int) (end - start));
            for (long i = start; i < end; i++) {
                out.add(i);
            }
            return out;
        }
    }

    /** The concatenation of the partitions given as one list argument. */
    record Concat() implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            List<Object> parts = part(args[0]);
            int n = 0;
            for (Object p : parts) {
                n += part(p).size();
            }
            ArrayList<Object> out = new ArrayList<>(n);
            for (Object p : parts) {
                out.addAll(part(p));
            }
            return out;
        }
    }

    /** Piece {@code piece} of {@code pieces} near-equal consecutive pieces of a partition. */
    record Slice(int piece, int pieces) implements TaskFunction {
        @Override
        public Object apply(Object[] args) {
            List<Object> in = part(args[0]);
            int from = (int) ((long) in.size() * piece / pieces);
            int to = (int) ((long) in.size() * (piece + 1) / pieces);
            return new ArrayList<>(in.subList(from, to));
        }
    }
}
