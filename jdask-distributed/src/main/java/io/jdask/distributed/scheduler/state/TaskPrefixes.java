package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.util.StringMap;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scheduler's {@link TaskPrefix}es, by name and in order of first appearance. Kept for the
 * scheduler's life, as Dask keeps its prefixes: their durations guide placement of later tasks.
 */
final class TaskPrefixes {
    private final StringMap<TaskPrefix> byName = new StringMap<>(); // not a HashMap: see OpenHashMap
    private final List<TaskPrefix> order = new ArrayList<>();
    /** The prefix found last: the tasks of one submission mostly come in runs of one prefix. */
    private TaskPrefix last;

    /**
     * @param key a task's key
     * @return its prefix, created on first sight
     */
    TaskPrefix of(Key key) {
        String name = key.name();
        TaskPrefix p = last;
        if (p != null && Key.hasPrefix(name, p.name)) {
            return p;
        }
        String prefix = Key.prefixOf(name);
        p = byName.get(prefix);
        if (p == null) {
            p = new TaskPrefix(prefix);
            byName.put(prefix, p);
            order.add(p);
        }
        last = p;
        return p;
    }

    /**
     * @param name a prefix
     * @return it, null if no task of it was ever submitted
     */
    TaskPrefix get(String name) {
        return byName.get(name);
    }

    /** @return every prefix, in order of first appearance (a view) */
    List<TaskPrefix> all() {
        return Collections.unmodifiableList(order);
    }

    List<PrefixCounts> counts() {
        List<PrefixCounts> out = new ArrayList<>(order.size());
        for (TaskPrefix p : order) {
            out.add(p.counts());
        }
        return out;
    }
}
