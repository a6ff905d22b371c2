package io.jdask.distributed.client;

import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.SchedulerProvider;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Makes the name {@code distributed} mean "the most recently opened client that is still open",
 * for {@code Schedulers.byName("distributed")} and config {@code scheduler.default: distributed}.
 * Found through {@link java.util.ServiceLoader}.
 */
public final class DistributedSchedulerProvider implements SchedulerProvider {
    private static final CopyOnWriteArrayList<ClientImpl> OPEN = new CopyOnWriteArrayList<>();

    /** For the service loader. */
    public DistributedSchedulerProvider() {}

    static void opened(ClientImpl c) {
        OPEN.add(c);
    }

    static void closed(ClientImpl c) {
        OPEN.remove(c);
    }

    @Override
    public Optional<Scheduler> scheduler(String name) {
        if (!name.equals("distributed")) {
            return Optional.empty();
        }
        int n = OPEN.size();
        if (n == 0) {
            throw new IllegalArgumentException("scheduler 'distributed' needs an open client: connect one with Client.connect(address)");
        }
        return Optional.of(OPEN.get(n - 1));
    }
}
