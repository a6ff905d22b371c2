package io.jdask.distributed.scheduler;

import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The progress watches of clients' computes ({@link ClientRequest.Progress}): each watch keeps
 * the keys not yet reported as finished and answers, at each poll, those that have finished since:
 * every key not on its way to memory (waiting, queued, no-worker, processing). A graph's keys are
 * all submitted, and set waiting when needed, before the watch's first request arrives, and the
 * state machine settles each event completely, so between events a released or forgotten key is
 * one that ran and was dropped, not one still to run. A watch not polled for {@link #EXPIRY_NANOS} (its client
 * left) is dropped. Owned by the scheduler's loop thread.
 */
final class ProgressWatches {
    /** How long a watch lives without a poll. */
    static final long EXPIRY_NANOS = 300_000_000_000L;

    private record Watch(List<Key> pending, long[] lastPoll) {}

    private final Map<String, Watch> watches = new HashMap<>();
    private final LongSupplier nanos;

    ProgressWatches(LongSupplier nanos) {
        this.nanos = nanos;
    }

    ClientReply.ProgressUpdate poll(SchedulerState state, ClientRequest.Progress p) {
        long now = nanos.getAsLong();
        expire(now);
        Watch w = watches.get(p.watch());
        if (w == null) {
            w = new Watch(new ArrayList<>(p.keys()), new long[] {now});
            watches.put(p.watch(), w);
        }
        w.lastPoll()[0] = now;
        List<Key> done = new ArrayList<>();
        List<Key> still = new ArrayList<>(w.pending().size());
        for (Key k : w.pending()) {
            TaskState s = state.taskState(k);
            if (s != TaskState.WAITING && s != TaskState.QUEUED && s != TaskState.NO_WORKER && s != TaskState.PROCESSING) {
                done.add(k);
            } else {
                still.add(k);
            }
        }
        w.pending().clear();
        w.pending().addAll(still);
        if (p.end()) {
            watches.remove(p.watch());
        }
        return new ClientReply.ProgressUpdate(done, still.size(), p.stimulusId());
    }

    int size() {
        return watches.size();
    }

    private void expire(long now) {
        for (Iterator<Watch> it = watches.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastPoll()[0] > EXPIRY_NANOS) {
                it.remove();
            }
        }
    }
}
