package io.jdask.distributed.worker.state;

import io.jdask.distributed.protocol.Priority;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The keys in {@link WorkerTaskState#FETCH}, queued under each peer that holds them, most urgent
 * first ({@link WTask#fetchRank}, then the key), so that starting fetches looks only at the head of
 * each peer's queue and never rescans every key waiting to be fetched. Keys with no known holder
 * wait in a set of their own until the state machine decides their fate.
 *
 * <p>A key's rank and holders must not change while it is queued: {@link #remove} it first, change
 * them, then {@link #add} it again.
 */
final class FetchQueues {
    static final Priority LAST = new Priority(Long.MAX_VALUE, Integer.MAX_VALUE);
    static final Comparator<WTask> ORDER = (a, b) -> {
        int c = a.fetchRank.compareTo(b.fetchRank);
        return c != 0 ? c : a.key.compareTo(b.key);
    };

    /** Every key in FETCH. */
    final Set<WTask> all = new LinkedHashSet<>();
    /** Keys in FETCH without a known holder. */
    final Set<WTask> noHolder = new LinkedHashSet<>();
    /** Peer address -> the keys in FETCH it holds, most urgent first; peers with no such key are absent. */
    final Map<String, TreeSet<WTask>> byPeer = new TreeMap<>();

    void add(WTask t) {
        all.add(t);
        if (t.whoHas.isEmpty()) {
            noHolder.add(t);
            return;
        }
        for (String p : t.whoHas) {
            byPeer.computeIfAbsent(p, x -> new TreeSet<>(ORDER)).add(t);
        }
    }

    void remove(WTask t) {
        if (!all.remove(t)) {
            return;
        }
        if (t.whoHas.isEmpty()) {
            noHolder.remove(t);
            return;
        }
        for (String p : t.whoHas) {
            TreeSet<WTask> q = byPeer.get(p);
            if (q != null && q.remove(t) && q.isEmpty()) {
                byPeer.remove(p);
            }
        }
    }

    boolean isEmpty() {
        return all.isEmpty();
    }
}
