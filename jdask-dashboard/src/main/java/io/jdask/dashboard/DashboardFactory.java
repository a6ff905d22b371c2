package io.jdask.dashboard;

import io.jdask.distributed.scheduler.SchedulerDashboard;
import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import java.io.IOException;

/**
 * Opens the web dashboard; found by the scheduler through {@link java.util.ServiceLoader} when
 * {@link io.jdask.distributed.scheduler.SchedulerServer.Builder#dashboardAddress(String)} is set, so
 * applications rarely use it directly.
 */
public final class DashboardFactory implements SchedulerDashboard.Factory {
    /** Used by the service loader. */
    public DashboardFactory() {}

    @Override
    public SchedulerDashboard open(String address) throws IOException {
        return WebDashboard.open(BindAddress.parse(address), ClusterMonitor.builder().build());
    }
}
