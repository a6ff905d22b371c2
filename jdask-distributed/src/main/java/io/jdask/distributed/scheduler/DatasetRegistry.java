package io.jdask.distributed.scheduler;

import io.jdask.distributed.protocol.Payload;
import io.jdask.distributed.scheduler.state.SchedulerEvent;
import io.jdask.distributed.scheduler.state.SchedulerInstruction;
import io.jdask.distributed.scheduler.state.SchedulerState;
import io.jdask.distributed.scheduler.state.TaskState;
import io.jdask.graph.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The published datasets: each name with its keys and the value its publisher serialized (opaque
 * here). Each dataset wants its keys in the {@link SchedulerState} as a client of its own (id
 * {@code dataset:NAME#N}), so its values stay on the workers after the publisher leaves, until it
 * is unpublished. Owned by the scheduler's loop thread.
 */
final class DatasetRegistry {
    /** One published dataset; {@code publisher} is the scheduler's id of the client that published it. */
    record Entry(String name, String holder, String publisher, List<Key> keys, Payload value) {}

    private final Map<String, Entry> byName = new TreeMap<>();
    private long counter;

    /**
     * Publishes (or replaces) a dataset.
     *
     * @return an error message, or empty when it was published
     */
    String publish(SchedulerState state, Consumer<List<SchedulerInstruction>> apply, String publisher, String name, List<Key> keys,
            Payload value, boolean overwrite, String stimulusId) {
        if (name.isBlank()) {
            return "a dataset needs a name that is not blank";
        }
        Entry old = byName.get(name);
        if (old != null && !overwrite) {
            return "a dataset named '" + name + "' is already published (unpublish it first, or publish with overwrite)";
        }
        List<Key> unknown = new ArrayList<>();
        for (Key k : keys) {
            if (state.taskState(k) == TaskState.FORGOTTEN) {
                unknown.add(k);
            }
        }
        if (!unknown.isEmpty()) {
            return "cannot publish '" + name + "': the scheduler does not know " + unknown.size() + " of its keys (released?), e.g. " + unknown.get(0);
        }
        Entry e = new Entry(name, "dataset:" + name + "#" + (++counter), publisher, List.copyOf(keys), value);
        apply.accept(state.handle(new SchedulerEvent.UpdateGraph(e.holder(), List.of(), e.keys(), stimulusId)));
        byName.put(name, e);
        if (old != null) {
            apply.accept(state.handle(new SchedulerEvent.RemoveClient(old.holder(), stimulusId)));
        }
        return "";
    }

    /** @return the dataset that was removed, or null when there was none of that name */
    Entry unpublish(SchedulerState state, Consumer<List<SchedulerInstruction>> apply, String name, String stimulusId) {
        Entry e = byName.remove(name);
        if (e == null) {
            return null;
        }
        apply.accept(state.handle(new SchedulerEvent.RemoveClient(e.holder(), stimulusId)));
        return e;
    }

    /** @return whether a dataset that {@code publisher} published is still published */
    boolean publishedBy(String publisher) {
        for (Entry e : byName.values()) {
            if (e.publisher().equals(publisher)) {
                return true;
            }
        }
        return false;
    }

    Entry get(String name) {
        return byName.get(name);
    }

    List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * Forgets every dataset without telling the state (a restart cancels what they wanted).
     *
     * @return the datasets forgotten
     */
    List<Entry> clear() {
        List<Entry> all = List.copyOf(byName.values());
        byName.clear();
        return all;
    }
}
