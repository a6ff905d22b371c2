package io.jdask.dashboard;

import io.jdask.distributed.scheduler.monitor.ClusterSnapshot;
import io.jdask.distributed.scheduler.monitor.TaskStreamEntry;
import io.jdask.distributed.scheduler.monitor.WorkerSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges the task-stream entries the pusher sends into runs: tasks of one prefix that ran one after
 * another on one thread of a worker (the next starting within {@link #GAP_MILLIS} of the previous
 * one's end) become one entry with their count, the first one's key and seq, the run's start and
 * stop and their summed bytes; copies from peers of one prefix likewise. A busy cluster's thousands
 * of sub-millisecond tasks a second become a few entries per thread, which the page could not tell
 * apart anyway (one pixel of its 30 s window is about 25 ms). Threads are told apart as the page
 * does: each entry goes to a lane of its worker (as many as it has threads) that is free at its
 * start. Failures, spills and reads back are never merged (a failure ends its thread's run).
 */
final class StreamRuns {
    /** Entries closer than this (in ms) on one lane are merged: well under a pixel of the page's chart. */
    static final long GAP_MILLIS = 5;

    private StreamRuns() {}

    /** A run being built: the first entry and what the rest added. */
    private static final class Run {
        final TaskStreamEntry first;
        final String prefix;
        long stop;
        long nbytes;
        long count;

        Run(TaskStreamEntry e, String prefix) {
            this.first = e;
            this.prefix = prefix;
            this.stop = e.stopMillis();
            this.nbytes = e.nbytes();
            this.count = e.count();
        }

        boolean continues(TaskStreamEntry e, String prefix) {
            return first.kind() == e.kind() && first.kind() != TaskStreamEntry.Kind.ERROR && this.prefix.equals(prefix) && e.startMillis() <= stop + GAP_MILLIS
                    && e.startMillis() >= stop - GAP_MILLIS;
        }

        void add(TaskStreamEntry e) {
            stop = Math.max(stop, e.stopMillis());
            nbytes += e.nbytes();
            count += e.count();
        }
    }

    /**
     * Writes the entries after {@code afterSeq}, merged into runs, as a JSON array with the fields of
     * {@link JsonViews#entry} ({@code count} is the number of tasks or copies merged).
     *
     * @param out where to write
     * @param s a snapshot
     * @param afterSeq the last entry the reader has
     * @param max the most runs to write (the newest)
     * @return the seq of the last entry merged, or {@code afterSeq} when none
     */
    static long write(StringBuilder out, ClusterSnapshot s, long afterSeq, int max) {
        List<TaskStreamEntry> all = s.taskStream();
        int from = all.size();
        while (from > 0 && all.get(from - 1).seq() > afterSeq) {
            from--;
        }
        Map<String, Integer> threads = new HashMap<>();
        for (WorkerSnapshot w : s.workers()) {
            threads.put(w.address(), Math.max(1, w.nthreads()));
        }
        List<Run> runs = new ArrayList<>();
        Map<String, Run[]> lanes = new HashMap<>(); // worker -> the latest compute run of each of its threads
        Map<String, Run> copies = new HashMap<>();  // worker -> its latest run of copies
        for (int i = from; i < all.size(); i++) {
            TaskStreamEntry e = all.get(i);
            String prefix = e.prefix();
            switch (e.kind()) {
                case COMPUTE, ERROR -> { // a failure takes its thread's lane too, but is never merged
                    Run[] ls = lanes.computeIfAbsent(e.worker(), w -> new Run[threads.getOrDefault(w, 1)]);
                    int lane = lane(ls, e, prefix);
                    if (ls[lane] != null && ls[lane].continues(e, prefix)) {
                        ls[lane].add(e);
                    } else {
                        ls[lane] = new Run(e, prefix);
                        runs.add(ls[lane]);
                    }
                }
                case TRANSFER -> {
                    Run r = copies.get(e.worker());
                    if (r != null && r.continues(e, prefix)) {
                        r.add(e);
                    } else {
                        r = new Run(e, prefix);
                        copies.put(e.worker(), r);
                        runs.add(r);
                    }
                }
                default -> runs.add(new Run(e, prefix));
            }
        }
        out.append('[');
        for (int i = Math.max(0, runs.size() - max); i < runs.size(); i++) {
            Run r = runs.get(i);
            if (i > Math.max(0, runs.size() - max)) {
                out.append(',');
            }
            TaskStreamEntry e = r.first;
            JsonViews.writeEntry(out, e.seq(), e.worker(), e.key().toString(), r.prefix, e.kind(), e.startMillis(), r.stop, r.nbytes, r.count);
        }
        out.append(']');
        return from < all.size() ? all.getLast().seq() : afterSeq;
    }

    /**
     * @return the lane for {@code e}: one whose run it continues without overlapping it, else one that
     *     is free at its start (empty, or its run ended by then), else one whose run it continues with
     *     an overlap under {@link #GAP_MILLIS} (the report times' jitter on a busy thread), else the
     *     one whose run ends first
     */
    private static int lane(Run[] ls, TaskStreamEntry e, String prefix) {
        int free = -1;
        int overlapping = -1;
        int earliest = -1;
        for (int i = 0; i < ls.length; i++) {
            Run r = ls[i];
            if (r == null) {
                if (free < 0) {
                    free = i;
                }
                continue;
            }
            boolean continues = r.continues(e, prefix);
            if (continues && e.startMillis() >= r.stop) {
                return i;
            }
            if (free < 0 && r.stop <= e.startMillis()) {
                free = i;
            }
            if (overlapping < 0 && continues) {
                overlapping = i;
            }
            if (earliest < 0 || r.stop < ls[earliest].stop) {
                earliest = i;
            }
        }
        return free >= 0 ? free : overlapping >= 0 ? overlapping : earliest;
    }
}
