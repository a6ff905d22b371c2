package io.jdask.dataframe;

import java.util.List;

/**
 * Rolling-window aggregates over a frame's rows in order, computed one partition at a time: a
 * partition is given the tail rows of its predecessors ({@link #tailFor}) so that windows that
 * straddle a partition boundary see the rows they need, and the results equal those of rolling
 * the whole frame at once (pandas' {@code DataFrame.rolling(...).agg()}).
 *
 * <p>Every numeric and boolean column is aggregated into an {@code f64} column of the same name;
 * other columns are dropped. A result is NaN where the window holds fewer than
 * {@code minPeriods} present values (for {@link RollingAgg#COUNT}: fewer than {@code minPeriods}
 * rows, present or not, as in pandas). Sums and means use compensated (Kahan) running sums.
 * Time windows need a sorted {@code timestamp} or {@code date} index.
 */
public final class Rolling {
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;

    private Rolling() {}

    /** @return the rolling aggregate of a whole frame */
    public static Frame rolling(Frame frame, Window window, RollingAgg agg) {
        return rolling(frame, null, window, agg);
    }

    /**
     * @param partition the rows to compute results for
     * @param previousTail the rows right before the partition that its windows may reach (for a
     *     row window at least the {@code rows - 1} preceding rows where there are that many; for a
     *     time window every preceding row within the duration of the partition's first index), with
     *     the partition's columns, or null when the partition starts the data
     * @param window the window
     * @param agg the aggregate
     * @return one row per partition row, with the partition's index and one {@code f64} column per
     *     numeric or boolean column
     */
    public static Frame rolling(Frame partition, Frame previousTail, Window window, RollingAgg agg) {
        Frame all = previousTail == null || previousTail.numRows() == 0 ? partition : Frame.concat(List.of(previousTail, partition));
        int offset = all.numRows() - partition.numRows();
        int[] start = window.isTime() ? timeStarts(all, window) : null;
        int min = window.effectiveMinPeriods(agg);
        Frame.Builder b = Frame.builder();
        if (partition.hasIndex()) {
            b.index(partition.indexName(), partition.index());
        }
        for (String name : all.columnNames()) {
            Column c = all.column(name);
            if (c.dtype().isNumeric() || c.dtype() == DType.BOOL) {
                b.column(name, Column.ofDoubles(aggregate(values(c), offset, window.rows(), start, min, agg)));
            }
        }
        return b.build();
    }

    /**
     * @param frame a partition (with the tail it was given prepended, when it is shorter than a
     *     window, so that tails chain across short partitions)
     * @return the rows of {@code frame} that windows of later rows may reach: the last
     *     {@code rows - 1} rows, or the rows within the duration of the last index value
     */
    public static Frame tailFor(Frame frame, Window window) {
        if (!window.isTime()) {
            return frame.tail(window.rows() - 1);
        }
        long[] t = timeIndex(frame);
        int n = t.length;
        if (n == 0) {
            return frame;
        }
        long from = t[n - 1] - window.duration().toNanos();
        int lo = n - 1;
        while (lo > 0 && t[lo - 1] > from) {
            lo--;
        }
        return frame.slice(lo, n);
    }

    private static double[] values(Column c) {
        int n = c.length();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = c.getDouble(i);
        }
        return x;
    }

    private static long[] timeIndex(Frame f) {
        Column idx = f.index();
        if (idx == null || idx.dtype() != DType.TIMESTAMP && idx.dtype() != DType.DATE) {
            throw new IllegalArgumentException("a time window needs a timestamp or date index, the frame has "
                    + (idx == null ? "none" : "a " + idx.dtype().label() + " index"));
        }
        int n = idx.length();
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            if (idx.isNull(i)) {
                throw new IllegalArgumentException("a time window needs an index without missing values; row " + i + " is missing");
            }
            t[i] = idx.dtype() == DType.DATE ? idx.getLong(i) * NANOS_PER_DAY : idx.getLong(i);
            if (i > 0 && t[i] < t[i - 1]) {
                throw new IllegalArgumentException("a time window needs a sorted index; row " + i + " (" + idx.get(i)
                        + ") comes before row " + (i - 1) + " (" + idx.get(i - 1) + ")");
            }
        }
        return t;
    }

    /** @return for each row the first row of its window {@code (t - d, t]} */
    private static int[] timeStarts(Frame f, Window w) {
        long[] t = timeIndex(f);
        long d = w.duration().toNanos();
        int[] start = new int[t.length];
        int s = 0;
        for (int i = 0; i < t.length; i++) {
            while (t[s] <= t[i] - d) {
                s++;
            }
            start[i] = s;
        }
        return start;
    }

    /** Slides one window over {@code x}, producing results for rows {@code [offset, n)}. */
    static double[] aggregate(double[] x, int offset, int rows, int[] start, int minPeriods, RollingAgg agg) {
        int n = x.length;
        double[] out = new double[n - offset];
        double sum = 0;
        double comp = 0;
        int count = 0;
        int lo = 0;
        int[] deque = new int[n];
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            int s = start != null ? start[i] : Math.max(0, i - rows + 1);
            for (; lo < s; lo++) {
                if (x[lo] == x[lo]) {
                    count--;
                    double y = -x[lo] - comp;
                    double t = sum + y;
                    comp = (t - sum) - y;
                    sum = t;
                }
            }
            if (x[i] == x[i]) {
                count++;
                double y = x[i] - comp;
                double t = sum + y;
                comp = (t - sum) - y;
                sum = t;
                if (agg == RollingAgg.MIN || agg == RollingAgg.MAX) {
                    while (tail > head && (agg == RollingAgg.MIN ? x[deque[tail - 1]] >= x[i] : x[deque[tail - 1]] <= x[i])) {
                        tail--;
                    }
                    deque[tail++] = i;
                }
            }
            if (count == 0) {
                sum = 0; // forget rounding left over from values that have all left the window
                comp = 0;
            }
            while (tail > head && deque[head] < s) {
                head++;
            }
            if (i < offset) {
                continue;
            }
            int size = i - s + 1;
            double r;
            if (agg == RollingAgg.COUNT) {
                r = size >= minPeriods ? count : Double.NaN;
            } else if (count < Math.max(minPeriods, 1) && !(agg == RollingAgg.SUM && minPeriods == 0)) {
                r = Double.NaN;
            } else {
                r = switch (agg) {
                    case SUM -> sum;
                    case MEAN -> sum / count;
                    case MIN, MAX -> x[deque[head]];
                    case COUNT -> throw new IllegalStateException();
                };
            }
            out[i - offset] = r;
        }
        return out;
    }
}
