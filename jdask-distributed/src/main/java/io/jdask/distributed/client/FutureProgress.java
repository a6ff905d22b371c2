package io.jdask.distributed.client;

import io.jdask.diagnostics.Callback;
import io.jdask.diagnostics.RunInfo;
import io.jdask.diagnostics.TaskEvent;
import io.jdask.graph.Key;
import io.jdask.graph.Literal;
import io.jdask.graph.Node;
import io.jdask.graph.TaskGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Drives core's {@link Callback}s (a {@link io.jdask.diagnostics.ProgressBar}, for instance) with
 * futures: one run whose tasks are the futures, each finishing when its future is done (failed
 * and cancelled ones count as finished, with an error).
 */
final class FutureProgress {
    private FutureProgress() {}

    static void run(List<? extends ClusterFuture<?>> futures, Callback callback) throws InterruptedException {
        Map<Key, Node> nodes = new LinkedHashMap<>();
        for (ClusterFuture<?> f : futures) {
            nodes.put(f.key(), new Literal(f.key(), null));
        }
        List<Key> keys = new ArrayList<>(nodes.keySet());
        RunInfo run = ClusterOps.startRun(TaskGraph.of(nodes), keys, callback);
        CountDownLatch left = new CountDownLatch(keys.size());
        Map<Key, ClusterFuture<?>> distinct = new LinkedHashMap<>();
        for (ClusterFuture<?> f : futures) {
            distinct.putIfAbsent(f.key(), f);
        }
        long start = run.startNanos();
        for (ClusterFuture<?> f : distinct.values()) {
            f.onDone(done -> {
                Throwable error = switch (done.status()) {
                    case ERROR -> new IllegalStateException("task " + done.key() + " failed");
                    case CANCELLED -> new java.util.concurrent.CancellationException("task " + done.key() + " was cancelled");
                    default -> null;
                };
                callback.onTaskFinish(run, new TaskEvent(done.key(), "cluster", start, System.nanoTime(), error));
                left.countDown();
            });
        }
        try {
            left.await();
        } catch (InterruptedException e) {
            callback.onFinish(run, e);
            throw e;
        }
        callback.onFinish(run, null);
    }
}
