package io.jdask.distributed.scheduler;

import java.io.IOException;

/**
 * A web dashboard served beside a scheduler. The scheduler finds an implementation through {@link
 * java.util.ServiceLoader} ({@link Factory}) when {@link SchedulerServer.Builder#dashboardAddress(String)}
 * is set, registers it as a {@link SchedulerPlugin}, and closes it when it closes; the module
 * {@code jdask-dashboard} provides one.
 */
public interface SchedulerDashboard extends SchedulerPlugin, AutoCloseable {
    /** @return the address of its status page, e.g. {@code http://10.0.0.1:8787/status} (known once the scheduler started) */
    String link();

    /** Stops serving. */
    @Override
    void close();

    /** Opens dashboards; registered in {@code META-INF/services/io.jdask.distributed.scheduler.SchedulerDashboard$Factory}. */
    interface Factory {
        /**
         * Binds the dashboard's port (serving starts when the scheduler has started).
         *
         * @param address {@code host:port}, {@code :port} (all interfaces) or {@code port}; port 0 for any free one
         * @return the dashboard
         * @throws IOException when the port cannot be bound
         * @throws IllegalArgumentException naming the address when it cannot be parsed
         */
        SchedulerDashboard open(String address) throws IOException;

        /**
         * Binds the dashboard's port, for a scheduler with the given security: a dashboard that
         * talks to workers itself (to fetch their logs) presents the same token and TLS. The
         * default ignores the security.
         *
         * @param address as for {@link #open(String)}
         * @param security the scheduler's token and TLS
         * @return the dashboard
         * @throws IOException when the port cannot be bound
         */
        default SchedulerDashboard open(String address, io.jdask.distributed.comm.Security security) throws IOException {
            return open(address);
        }
    }
}
