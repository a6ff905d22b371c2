package io.jdask.distributed.client;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What the client knows of each key it holds futures for: status, holders, error, and how many
 * futures refer to it. Updated from the scheduler's messages (I/O thread), read by callers.
 */
final class KeyTable {
    /** One key. */
    static final class Entry {
        final Key key;
        volatile ClusterFuture.Status status = ClusterFuture.Status.PENDING;
        volatile List<String> holders = List.of();
        volatile ErrorInfo error;
        volatile Key blamed;
        /** Completed when the key reaches a final status (with its holders known). */
        volatile CompletableFuture<Entry> done = new CompletableFuture<>();
        int refs;

        Entry(Key key) {
            this.key = key;
        }
    }

    private final Map<Key, Entry> entries = new HashMap<>();

    /**
     * Adds a reference to each key.
     *
     * @return the entries, in order
     */
    synchronized List<Entry> acquire(List<Key> keys) {
        List<Entry> out = new ArrayList<>(keys.size());
        for (Key k : keys) {
            Entry e = entries.computeIfAbsent(k, Entry::new);
            e.refs++;
            out.add(e);
        }
        return out;
    }

    /**
     * Drops a reference to each key.
     *
     * @return the keys no future refers to any more (to release on the scheduler)
     */
    synchronized List<Key> release(List<Key> keys) {
        List<Key> gone = new ArrayList<>();
        for (Key k : keys) {
            Entry e = entries.get(k);
            if (e != null && --e.refs <= 0) {
                entries.remove(k);
                gone.add(k);
            }
        }
        return gone;
    }

    synchronized Entry get(Key k) {
        return entries.get(k);
    }

    synchronized List<Key> keys() {
        return new ArrayList<>(entries.keySet());
    }

    /** Applies a scheduler message. */
    void update(SchedulerToClient m) {
        Entry e = get(m.key());
        if (e == null) {
            return;
        }
        switch (m) {
            case SchedulerToClient.KeyInMemory k -> {
                e.holders = k.workers();
                e.status = ClusterFuture.Status.FINISHED;
                e.done.complete(e);
            }
            case SchedulerToClient.KeyLocation l -> {
                e.holders = l.workers();
                if (e.status == ClusterFuture.Status.FINISHED) {
                    e.done.complete(e);
                }
            }
            case SchedulerToClient.KeyErred k -> {
                e.error = k.error();
                e.blamed = k.blamed();
                e.status = ClusterFuture.Status.ERROR;
                e.done.complete(e);
            }
            case SchedulerToClient.KeyCancelled k -> {
                e.status = ClusterFuture.Status.CANCELLED;
                e.done.complete(e);
            }
        }
    }

    /** Marks keys pending again (retry). */
    void reset(List<Key> keys) {
        for (Key k : keys) {
            Entry e = get(k);
            if (e != null && e.done.isDone()) {
                e.status = ClusterFuture.Status.PENDING;
                e.error = null;
                e.blamed = null;
                e.done = new CompletableFuture<>();
            }
        }
    }

    /** Fails every pending key: the scheduler is gone. */
    void failAll(Throwable cause) {
        List<Entry> all;
        synchronized (this) {
            all = new ArrayList<>(entries.values());
        }
        for (Entry e : all) {
            e.done.completeExceptionally(cause);
        }
    }
}
