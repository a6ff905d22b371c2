package io.jdask.diagnostics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of one key prefix, updated from many task threads without locks. */
final class PrefixStats {
    private final LongAdder count = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder total = new LongAdder();
    private final LongAccumulator max = new LongAccumulator(Math::max, 0);

    void add(long durationNanos, boolean taskFailed) {
        count.increment();
        total.add(durationNanos);
        max.accumulate(durationNanos);
        if (taskFailed) {
            failed.increment();
        }
    }

    PrefixSummary summary(String prefix) {
        return new PrefixSummary(prefix, count.sum(), failed.sum(), total.sum(), max.get());
    }
}
