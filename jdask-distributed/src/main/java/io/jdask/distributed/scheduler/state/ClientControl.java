package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.WorkerStatus;
import io.jdask.distributed.util.LinkedIdentitySet;
import io.jdask.graph.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What clients ask of the {@link SchedulerState} besides submitting graphs: releasing, cancelling
 * and retrying keys, leaving, restarting the cluster, replicating values.
 */
final class ClientControl {
    private ClientControl() {}

    static void releaseKeys(SchedulerState s, String client, List<Key> keys, boolean cancel) {
        LinkedIdentitySet<STask> desired = s.clientDesires.get(client);
        for (Key k : keys) {
            STask t = s.tasks.get(k);
            if (t == null || !t.wantedBy.remove(client)) {
                continue;
            }
            if (desired != null) {
                desired.remove(t);
            }
            s.story(t, t.state, t.state, (cancel ? "cancelled by " : "released by ") + client);
            if (cancel) {
                s.toClient(client, new SchedulerToClient.KeyCancelled(k, s.stimulus));
            }
            s.maybeRelease(t);
        }
    }

    static void removeClient(SchedulerState s, String client) {
        LinkedIdentitySet<STask> desired = s.clientDesires.remove(client);
        if (desired == null) {
            return;
        }
        for (STask t : desired) {
            t.wantedBy.remove(client);
            s.maybeRelease(t);
        }
    }

    /**
     * Cancels what every client wants (releasing then empties the cluster), then asks every worker
     * that is not retiring to restart. Until it answers (it registers again as a fresh process, or
     * reports its status when it cannot restart its process) it is {@code CLOSING_GRACEFULLY} and
     * takes no task, so a client can wait until as many workers as before are running.
     */
    static void restart(SchedulerState s) {
        for (String client : List.copyOf(s.clientDesires.keySet())) {
            List<Key> keys = s.clientDesires.get(client).stream().map(t -> t.key).toList();
            releaseKeys(s, client, keys, true);
            s.clientDesires.remove(client);
        }
        s.drain(); // the FreeKeys go out first
        for (SWorker w : s.workers.values()) {
            if (!w.retiring) {
                w.status = WorkerStatus.CLOSING_GRACEFULLY;
                s.toWorker(w, new SchedulerToWorker.RestartWorker(s.stimulus));
            }
        }
    }

    /** Asks every running worker for copies of the values in memory it lacks. */
    static void replicate(SchedulerState s, List<Key> keys) {
        Map<SWorker, List<DependencyLocation>> requests = new LinkedHashMap<>();
        for (Key k : keys) {
            STask t = s.tasks.get(k);
            if (t == null || t.state != TaskState.MEMORY) {
                continue;
            }
            DependencyLocation location = new DependencyLocation(t.key, s.holders(t), Math.max(0, t.nbytes));
            for (SWorker w : s.workers.values()) {
                if (w.running() && !t.whoHas.contains(w)) {
                    requests.computeIfAbsent(w, x -> new ArrayList<>()).add(location);
                }
            }
        }
        requests.forEach((w, locations) -> s.toWorker(w, new SchedulerToWorker.AcquireReplicas(locations, s.stimulus)));
    }

    /** Sends the erred keys, and the erred tasks they depend on, back to released (dependencies first). */
    static void retryKeys(SchedulerState s, String client, List<Key> keys) {
        List<STask> erred = new ArrayList<>();
        ArrayDeque<STask> stack = new ArrayDeque<>();
        for (Key k : keys) {
            STask t = s.tasks.get(k);
            if (t != null && t.state == TaskState.ERRED) {
                stack.push(t);
            }
        }
        Set<STask> seen = new LinkedHashSet<>();
        while (!stack.isEmpty()) {
            STask t = stack.pop();
            if (!seen.add(t)) {
                continue;
            }
            erred.add(t);
            for (STask d : t.dependencies) {
                if (d.state == TaskState.ERRED) {
                    stack.push(d);
                }
            }
        }
        for (STask t : erred.reversed()) {
            s.transition(t, TaskState.RELEASED, Cause.note("retry requested by " + client));
        }
    }
}
