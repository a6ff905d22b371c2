package io.jdask.distributed.client;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.Callbacks;
import io.jdask.diagnostics.RunInfo;
import io.jdask.diagnostics.TaskEvent;
import io.jdask.distributed.comm.Connection;
import io.jdask.distributed.protocol.ClientReply;
import io.jdask.distributed.protocol.ClientRequest;
import io.jdask.graph.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls core's per-task callbacks for a compute on the cluster: while the run lasts it polls the
 * scheduler ({@link ClientRequest.Progress}, every {@value #INTERVAL_MS} ms, one poll in flight at
 * a time) for the graph's keys that finished since the last poll, and reports each with {@code
 * onTaskFinish} (thread "cluster", start and end the time it was heard of) on a client thread,
 * never an I/O thread. A last poll when the run ends reports the rest. Nothing is polled when the
 * callback is {@link Callbacks#NONE}.
 */
final class ComputeProgress {
    static final long INTERVAL_MS = 200;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "jdask-client-progress");
        t.setDaemon(true);
        return t;
    });

    private final Requests requests;
    private final Connection scheduler;
    private final RunInfo run;
    private final Callback callback;
    private final String watch = "watch-" + UUID.randomUUID();
    private CompletableFuture<?> inFlight;
    private ScheduledFuture<?> ticks;
    private boolean ended;

    private ComputeProgress(Requests requests, Connection scheduler, RunInfo run, Callback callback) {
        this.requests = requests;
        this.scheduler = scheduler;
        this.run = run;
        this.callback = callback;
    }

    /** Starts watching the run's graph, sent to the scheduler just before; null when the callback wants no tasks. */
    static ComputeProgress start(Requests requests, Connection scheduler, RunInfo run, Callback callback) {
        if (callback == Callbacks.NONE) {
            return null;
        }
        ComputeProgress p = new ComputeProgress(requests, scheduler, run, callback);
        List<Key> keys = new ArrayList<>(run.graph().nodes().keySet());
        synchronized (p) {
            p.inFlight = p.poll(keys, false);
            p.ticks = TIMER.scheduleWithFixedDelay(p::tick, INTERVAL_MS, INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        return p;
    }

    private synchronized void tick() {
        if (!ended && inFlight.isDone()) {
            inFlight = poll(List.of(), false);
        }
    }

    private CompletableFuture<Void> poll(List<Key> keys, boolean end) {
        return requests.send(scheduler, id -> new ClientRequest.Progress(watch, keys, end, id)).thenAcceptAsync(this::report, TIMER);
    }

    private void report(ClientReply reply) {
        if (reply instanceof ClientReply.ProgressUpdate u) {
            long now = System.nanoTime();
            for (Key k : u.done()) {
                callback.onTaskFinish(run, new TaskEvent(k, "cluster", now, now, null));
            }
        }
    }

    /** Stops polling and reports what finished since the last poll (waits a little for the scheduler's answer). */
    void finish() {
        CompletableFuture<?> previous;
        synchronized (this) {
            ended = true;
            ticks.cancel(false);
            previous = inFlight;
        }
        try {
            previous.exceptionally(e -> null).get(5, TimeUnit.SECONDS);
            poll(List.of(), true).get(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // the scheduler is gone or slow: the run's outcome is reported by onFinish all the same
        }
    }
}
