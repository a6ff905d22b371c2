package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.DependencyLocation;
import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.protocol.WorkerStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Graceful retirement: a retiring worker takes no new tasks (its unstarted ones may be stolen),
 * every value only it holds is copied to the running worker holding the fewest values, and when
 * it runs nothing and holds nothing unique it is closed and removed without any recomputation.
 */
final class Retirement {
    private final SchedulerState s;
    final Set<SWorker> retiring = new LinkedHashSet<>();

    Retirement(SchedulerState s) {
        this.s = s;
    }

    void start(String address) {
        SWorker w = s.workers.get(address);
        if (w == null || w.retiring) {
            return;
        }
        w.retiring = true;
        w.status = WorkerStatus.CLOSING_GRACEFULLY;
        retiring.add(w);
    }

    /** Moves retiring workers forward: asks for copies still missing, closes those that are done. */
    void progress() {
        for (SWorker w : List.copyOf(retiring)) {
            if (s.workers.get(w.address) != w) {
                retiring.remove(w);
                continue;
            }
            Map<SWorker, List<DependencyLocation>> requests = new LinkedHashMap<>();
            boolean unique = false;
            for (STask t : w.hasWhat) {
                if (t.whoHas.size() > 1) {
                    continue;
                }
                unique = true;
                SWorker target = t.replicaTarget;
                if (target != null && s.workers.get(target.address) == target && target.running()) {
                    continue; // asked already
                }
                target = leastLoaded(w);
                if (target == null) {
                    break; // no worker to move data to (yet)
                }
                t.replicaTarget = target;
                s.story(t, t.state, t.state, "copying off retiring " + w.address + " to " + target.address);
                requests.computeIfAbsent(target, x -> new ArrayList<>()).add(new DependencyLocation(t.key, List.of(w.address), Math.max(0, t.nbytes)));
            }
            for (Map.Entry<SWorker, List<DependencyLocation>> r : requests.entrySet()) {
                s.toWorker(r.getKey(), new SchedulerToWorker.AcquireReplicas(r.getValue(), s.stimulus));
            }
            if (!unique && w.processing.isEmpty()) {
                retiring.remove(w);
                s.removeWorker(w.address, "retired", true);
            }
        }
    }

    private SWorker leastLoaded(SWorker except) {
        SWorker best = null;
        for (SWorker w : s.workers.values()) {
            if (w != except && w.running() && (best == null || w.hasWhat.size() < best.hasWhat.size())) {
                best = w;
            }
        }
        return best;
    }
}
