package io.jdask.distributed.scheduler.state;

import io.jdask.distributed.util.StringMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The scheduler's workers by address: looked up through a {@link StringMap} (every finished task and
 * every assignment checks its worker), iterated in address order through a sorted list that is
 * rebuilt when a worker joins or leaves.
 *
 * <p>Why not a {@code TreeMap}: its lookups call {@code compareTo} from the JDK's shared {@code
 * TreeMap} code, whose type profile every sorted map of the process feeds; see {@code
 * OpenHashMap}.
 *
 * <p>Not thread-safe; owned by the scheduler's loop.
 */
final class WorkerTable {
    private final StringMap<SWorker> byAddress = new StringMap<>();
    private List<SWorker> sorted = List.of();

    /** @return the worker at {@code address}, or null */
    SWorker get(String address) {
        return byAddress.get(address);
    }

    boolean containsKey(String address) {
        return byAddress.containsKey(address);
    }

    /** Adds or replaces the worker at its address. */
    void put(SWorker w) {
        byAddress.put(w.address, w);
        resort();
    }

    /** @return the worker that was at {@code address}, or null */
    SWorker remove(String address) {
        SWorker w = byAddress.remove(address);
        if (w != null) {
            resort();
        }
        return w;
    }

    int size() {
        return byAddress.size();
    }

    /** @return the workers sorted by address: an unmodifiable list that later joins and leaves do not change */
    List<SWorker> values() {
        return sorted;
    }

    /** @return their addresses, sorted */
    List<String> addresses() {
        return sorted.stream().map(w -> w.address).toList();
    }

    private void resort() {
        List<SWorker> all = new ArrayList<>(byAddress.size());
        byAddress.forEach((address, w) -> all.add(w));
        all.sort(Comparator.comparing(w -> w.address));
        sorted = List.copyOf(all);
    }
}
