package io.jdask.benchmarks;

import io.jdask.Delayed;
import java.util.ArrayList;
import java.util.List;

/**
 * The scheduler-overhead workloads of {@code shared/bench/anchors/bench_f_overhead.py}, built with
 * jdask's Delayed API: independent {@code inc} tasks gathered into one list, a pairwise-sum tree
 * over {@code inc} leaves, and a linear chain of {@code inc}.
 */
public final class OverheadWorkloads {
    private OverheadWorkloads() {}

    /**
     * The task of every workload.
     *
     * @param x a number
     * @return {@code x + 1}
     */
    public static int inc(int x) {
        return x + 1;
    }

    /**
     * {@code n} independent {@code inc(i)} tasks plus one task gathering their results.
     *
     * @param n number of tasks
     * @return the delayed list
     */
    public static Delayed<List<Integer>> independent(int n) {
        List<Delayed<Integer>> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            xs.add(Delayed.call(OverheadWorkloads::inc, Delayed.value(i)));
        }
        return Delayed.all(xs);
    }

    /**
     * A binary sum tree over {@code leaves} {@code inc(i)} leaves: {@code 2 * leaves - 1} tasks.
     *
     * @param leaves number of leaves
     * @return the delayed sum, {@code sum(i + 1)}
     */
    public static Delayed<Long> tree(int leaves) {
        List<Delayed<Long>> level = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            level.add(Delayed.call(x -> (long) inc(x), Delayed.value(i)));
        }
        while (level.size() > 1) {
            List<Delayed<Long>> next = new ArrayList<>(level.size() / 2 + 1);
            for (int i = 0; i + 1 < level.size(); i += 2) {
                next.add(Delayed.call(Long::sum, level.get(i), level.get(i + 1)));
            }
            if (level.size() % 2 == 1) {
                next.add(level.get(level.size() - 1));
            }
            level = next;
        }
        return level.get(0);
    }

    /**
     * @param leaves number of leaves
     * @return the expected result of {@link #tree(int)}
     */
    public static long treeExpected(int leaves) {
        return (long) leaves * (leaves + 1) / 2;
    }

    /**
     * A chain {@code inc(inc(...inc(0)))} of {@code n} tasks.
     *
     * @param n length
     * @return the delayed end of the chain, {@code n}
     */
    public static Delayed<Integer> chain(int n) {
        Delayed<Integer> d = Delayed.value(0);
        for (int i = 0; i < n; i++) {
            d = Delayed.call(OverheadWorkloads::inc, d);
        }
        return d;
    }
}
