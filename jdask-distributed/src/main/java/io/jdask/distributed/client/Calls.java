package io.jdask.distributed.client;

import io.jdask.function.Fn1;
import io.jdask.function.Fn2;
import io.jdask.graph.TaskFunction;

/** Task functions around the client's typed user functions. */
final class Calls {
    private Calls() {}

    @SuppressWarnings({"rawtypes"})
    record Call0(Fn0 fn) implements TaskFunction {
        @Override
        public Object apply(Object[] a) throws Exception {
            return fn.call();
        }
    }

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
}
