package io.jdask.dashboard;

import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.SchedulerDashboard;
import io.jdask.distributed.scheduler.monitor.ClusterMonitor;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the web dashboard; found by the scheduler through {@link java.util.ServiceLoader} when
 * {@link io.jdask.distributed.scheduler.SchedulerServer.Builder#dashboardAddress(String)} is set, so
 * applications rarely use it directly.
 */
public final class DashboardFactory implements SchedulerDashboard.Factory {
    private static final Logger LOG = LoggerFactory.getLogger(DashboardFactory.class);

    /** Used by the service loader. */
    public DashboardFactory() {}

    /**
     * The dashboard's monitor: snapshots (built on the scheduler's loop) at most twice a second; the
     * pages get them at most once a second, the JSON API and metrics read the latest.
     */
    private static ClusterMonitor monitor() {
        return ClusterMonitor.builder().publishInterval(java.time.Duration.ofMillis(500)).build();
    }

    /**
     * {@inheritDoc}
     *
     * <p>When the port is taken, the dashboard takes any free port instead and says so in a
     * warning (its link tells where).
     */
    @Override
    public SchedulerDashboard open(String address) throws IOException {
        return open(address, Security.none());
    }

    /**
     * {@inheritDoc}
     *
     * <p>The dashboard fetches workers' logs with the scheduler's token and TLS. When the port is
     * taken, it takes any free port instead and says so in a warning.
     */
    @Override
    public SchedulerDashboard open(String address, Security security) throws IOException {
        BindAddress bind = BindAddress.parse(address);
        try {
            return WebDashboard.open(bind, monitor(), security);
        } catch (IOException e) {
            if (bind.port() == 0) {
                throw e;
            }
            SchedulerDashboard d = WebDashboard.open(new BindAddress(bind.host(), 0), monitor(), security);
            LOG.warn("dashboard: port {} is taken ({}); serving on {} instead", bind.port(), e.getMessage(), d.link());
            return d;
        }
    }
}
