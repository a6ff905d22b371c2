package io.jdask.distributed.client;

import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.ClientToScheduler;
import io.jdask.distributed.protocol.Message;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * The client's messages to the scheduler, with its releases coalesced: releasing a map's futures
 * one by one ({@code fs.forEach(ClusterFuture::release)}) would send one {@code ReleaseKeys} per
 * future, each encoded, framed, decoded and handled apart. Released keys pile up here and go as
 * one {@code ReleaseKeys} when the shared flusher thread comes round, and always before any other
 * message the client sends through {@link #send}: a release is never overtaken by a later
 * submission of the same key, a cancel, or a request. Thread-safe.
 */
final class ReleaseBatcher {
    /** One daemon thread for all clients: it only moves a list into a message. */
    private static final ExecutorService FLUSHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "jdask-client-releases");
        t.setDaemon(true);
        return t;
    });

    private final Connection scheduler;
    private final Supplier<String> stimulus;
    /** Keys released and not sent yet; guarded by this. */
    private List<Key> pending = new ArrayList<>();
    /** Whether a flush is queued on the flusher; guarded by this. */
    private boolean queued;

    /**
     * @param scheduler the connection to the scheduler
     * @param stimulus makes the stimulus id of each {@code ReleaseKeys}
     */
    ReleaseBatcher(Connection scheduler, Supplier<String> stimulus) {
        this.scheduler = scheduler;
        this.stimulus = stimulus;
    }

    /** Queues keys no future of the client refers to any more; they go out soon, in one message with others. */
    void release(List<Key> keys) {
        if (keys.isEmpty()) {
            return;
        }
        boolean schedule;
        synchronized (this) {
            pending.addAll(keys);
            schedule = !queued;
            queued = true;
        }
        if (schedule) {
            try {
                FLUSHER.execute(this::flush);
            } catch (RejectedExecutionException e) {
                flush();
            }
        }
    }

    /** Sends the releases queued so far. */
    synchronized void flush() {
        queued = false;
        sendPending();
    }

    /** Sends the queued releases, then the message. */
    synchronized void send(Message m) {
        sendPending();
        scheduler.send(m);
    }

    private void sendPending() {
        if (pending.isEmpty()) {
            return;
        }
        List<Key> keys = pending;
        pending = new ArrayList<>();
        if (scheduler.isOpen()) {
            scheduler.send(new ClientToScheduler.ReleaseKeys(keys, stimulus.get()));
        }
    }
}
