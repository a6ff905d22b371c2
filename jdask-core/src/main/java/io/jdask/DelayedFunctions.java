package io.jdask;

import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.function.Fn3;
import io.jdask.function.Fn4;
import io.jdask.function.Fn5;
import io.jdask.function.Fn6;
import io.jdask.function.FnN;
import io.jdask.graph.TaskFunction;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;

/** The task functions behind {@link Delayed}: adapters from typed user functions, and item access. */
final class DelayedFunctions {
    private DelayedFunctions() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Call1(Fn1 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a[0]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Call2(Fn2 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a[0], a[1]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Call3(Fn3 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a[0], a[1], a[2]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Call4(Fn4 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a[0], a[1], a[2], a[3]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Call5(Fn5 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a[0], a[1], a[2], a[3], a[4]);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    record Call6(Fn6 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a[0], a[1], a[2], a[3], a[4], a[5]);
        }
    }

    record CallN(FnN<?> fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.apply(a);
        }
    }

    /** Returns its single argument: a list built from {@code Arg.Many}. */
    enum Identity implements TaskFunction {
        INSTANCE;

        @Override
        public Object apply(Object[] a) {
            return a[0];
        }
    }

    /** Item {@code index} of a list, array, record (by component), or map entry (0 key, 1 value). */
    record GetItem(int index) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return item(a[0], index);
        }
    }

    static Object item(Object v, int i) throws ReflectiveOperationException {
        if (v instanceof List<?> l) {
            return l.get(i);
        }
        if (v instanceof Map.Entry<?, ?> e) {
            return switch (i) {
                case 0 -> e.getKey();
                case 1 -> e.getValue();
                default -> throw new IndexOutOfBoundsException("a map entry has items 0 and 1, not " + i);
            };
        }
        if (v != null && v.getClass().isArray()) {
            return Array.get(v, i);
        }
        if (v != null && v.getClass().isRecord()) {
            RecordComponent[] rc = v.getClass().getRecordComponents();
            if (i < 0 || i >= rc.length) {
                throw new IndexOutOfBoundsException(
                        v.getClass().getSimpleName() + " has " + rc.length + " components, not item " + i);
            }
            var accessor = rc[i].getAccessor();
            accessor.setAccessible(true);
            return accessor.invoke(v);
        }
        throw new IllegalArgumentException("cannot take item " + i + " of "
                + (v == null ? "null" : "a " + v.getClass().getName())
                + ": expected a List, an array, a record or a Map.Entry");
    }
}
