package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.ErrorInfo;
import io.jdask.distributed.protocol.Priority;
import io.jdask.distributed.protocol.SchedulerToClient;
import io.jdask.distributed.protocol.TaskSpec;
import io.jdask.distributed.scheduler.state.SchedulerEvent.UpdateGraph;
import io.jdask.distributed.util.KeyMap;
import io.jdask.distributed.util.LinkedIdentitySet;
import io.jdask.graph.Key;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client's graph entering the scheduler: new tasks are created released (a key already known
 * keeps its first definition), linked to their dependencies, checked for missing dependencies and
 * cycles, and the wanted keys are set on their way.
 */
final class Submission {
    private Submission() {}

    static void apply(SchedulerState s, UpdateGraph e) {
        long generation = s.generation++;
        KeyMap<TaskSpec> specs = new KeyMap<>(); // not a HashMap: see OpenHashMap
        List<STask> fresh = new ArrayList<>();
        for (TaskSpec spec : e.tasks()) {
            specs.put(spec.key(), spec);
            if (!s.tasks.containsKey(spec.key())) {
                STask t = new STask(spec.key(), s.prefixes.of(spec.key()), spec.payload(), new Priority(generation, spec.order()), spec.restrictions(), spec.retries());
                s.tasks.put(t.key, t);
                fresh.add(t);
            }
        }
        Map<STask, ErrorInfo> broken = new LinkedHashMap<>();
        for (STask t : fresh) {
            for (Key d : specs.get(t.key).dependencies()) {
                STask dep = s.tasks.get(d);
                if (dep == null) {
                    broken.putIfAbsent(t, ErrorInfo.of("io.jdask.distributed.MissingDependency",
                            "task " + t.key + " depends on " + d + ", which is neither in the graph nor known to the scheduler"));
                    continue;
                }
                t.dependencies.add(dep);
                dep.dependents.add(t);
            }
        }
        for (STask t : inCycles(fresh)) {
            broken.putIfAbsent(t, ErrorInfo.of("io.jdask.distributed.CyclicGraph", "task " + t.key + " is on, or depends on, a cycle of dependencies"));
        }

        LinkedIdentitySet<STask> desired = s.clientDesires.computeIfAbsent(e.client(), c -> new LinkedIdentitySet<>());
        for (Key k : e.wanted()) {
            STask t = s.tasks.get(k);
            if (t == null) {
                s.toClient(e.client(), new SchedulerToClient.KeyErred(k, k,
                        ErrorInfo.of("io.jdask.distributed.UnknownKey", "key " + k + " is neither in the graph nor known to the scheduler"), s.stimulus));
                continue;
            }
            t.wantedBy.add(e.client());
            desired.add(t);
            switch (t.state) {
                case MEMORY -> s.toClient(e.client(), new SchedulerToClient.KeyInMemory(t.key, t.nbytes, t.typeName, s.holders(t), s.stimulus));
                case ERRED -> s.toClient(e.client(), new SchedulerToClient.KeyErred(t.key, t.blamed.key, t.error, s.stimulus));
                default -> { }
            }
        }
        for (Map.Entry<STask, ErrorInfo> b : broken.entrySet()) {
            s.transition(b.getKey(), TaskState.ERRED, Cause.error(null, b.getValue(), "rejected: " + b.getValue().exceptionType()));
        }
        for (Key k : e.wanted()) {
            STask t = s.tasks.get(k);
            if (t != null && t.state == TaskState.RELEASED) {
                s.recommend(t, TaskState.WAITING);
            }
        }
        for (STask t : fresh) {
            if (t.state == TaskState.RELEASED && t.dependents.isEmpty() && t.wantedBy.isEmpty()) {
                s.recommend(t, TaskState.FORGOTTEN);
            }
        }
    }

    /**
     * The new tasks that cannot be ordered: on a cycle, or depending on one (only new tasks can form
     * one). Counts each new task's new dependencies in {@link STask#scratch} (-1 marks a task that
     * is not new), then orders them as Kahn's algorithm does; what remains counted is on or behind a cycle.
     */
    private static List<STask> inCycles(List<STask> fresh) {
        for (STask t : fresh) {
            t.scratch = 0;
        }
        for (STask t : fresh) {
            for (STask d : t.dependencies) {
                if (isFresh(d)) {
                    t.scratch++;
                }
            }
        }
        ArrayDeque<STask> ready = new ArrayDeque<>();
        for (STask t : fresh) {
            if (t.scratch == 0) {
                ready.add(t);
            }
        }
        int ordered = 0;
        while (!ready.isEmpty()) {
            STask t = ready.poll();
            ordered++;
            for (STask d : t.dependents) {
                if (isFresh(d) && d.scratch > 0 && --d.scratch == 0) {
                    ready.add(d);
                }
            }
        }
        List<STask> out = ordered == fresh.size() ? List.of() : new ArrayList<>();
        for (STask t : fresh) {
            if (t.scratch > 0) {
                out.add(t);
            }
            t.scratch = -1;
        }
        return out;
    }

    /** Whether a task is being submitted now: {@link #inCycles} sets the scratch count of every new task to 0 or more. */
    private static boolean isFresh(STask t) {
        return t.scratch >= 0;
    }
}
