package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.protocol.SchedulerToWorker;
import io.jdask.distributed.util.StringMap;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;

/** Merges the {@code FreeKeys} messages an event sends to one worker into the first of them. */
final class FreeKeysMerge {
    private FreeKeysMerge() {}

    /**
     * @param in an event's instructions, in order
     * @return them with each worker's {@code FreeKeys} merged into its first one (which keeps its
     *     place and stimulus); {@code in} itself when fewer than two {@code FreeKeys} are among them
     */
    static List<SchedulerInstruction> merge(List<SchedulerInstruction> in) {
        int frees = 0;
        for (SchedulerInstruction i : in) {
            if (i instanceof SchedulerInstruction.ToWorker tw && tw.message() instanceof SchedulerToWorker.FreeKeys && ++frees == 2) {
                break;
            }
        }
        if (frees < 2) {
            return in; // the common case: nothing to merge, no copy
        }
        // each worker's keys are gathered first and its merged message built once (adding to a
        // copy of the message at each FreeKeys would copy the keys over and over: quadratic);
        // StringMaps, not HashMaps: see OpenHashMap
        StringMap<Integer> firstFree = new StringMap<>();
        StringMap<List<Key>> freeKeys = new StringMap<>();
        List<SchedulerInstruction> result = new ArrayList<>(in.size());
        for (SchedulerInstruction i : in) {
            if (i instanceof SchedulerInstruction.ToWorker tw && tw.message() instanceof SchedulerToWorker.FreeKeys f) {
                List<Key> keys = freeKeys.get(tw.worker());
                if (keys != null) {
                    keys.addAll(f.keys());
                    continue;
                }
                freeKeys.put(tw.worker(), new ArrayList<>(f.keys()));
                firstFree.put(tw.worker(), result.size());
            }
            result.add(i);
        }
        firstFree.forEach((worker, at) -> {
            var first = (SchedulerToWorker.FreeKeys) ((SchedulerInstruction.ToWorker) result.get(at)).message();
            List<Key> keys = freeKeys.get(worker);
            if (keys.size() > first.keys().size()) {
                result.set(at, new SchedulerInstruction.ToWorker(worker, new SchedulerToWorker.FreeKeys(keys, first.stimulusId())));
            }
        });
        return result;
    }
}
