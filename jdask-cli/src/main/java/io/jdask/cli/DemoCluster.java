package io.jdask.cli;

import io.jdask.config.Units;
import io.jdask.dataframe.Sql;
import io.jdask.distributed.client.Client;
import io.jdask.distributed.client.SchedulerInfo;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.comm.Security;
import io.jdask.scheduler.Scheduler;
import io.jdask.scheduler.Schedulers;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Where {@code jdask demo correlation} runs: a scheduler of this process, a local cluster of worker
 * processes it starts (and stops), or a running cluster it connects to. Opening one prints a line
 * saying which (with the dashboard link of a cluster that serves one).
 */
final class DemoCluster implements AutoCloseable {
    /** Where a local cluster's dashboard is served unless told otherwise (another free port when taken). */
    static final String DEFAULT_DASHBOARD = "127.0.0.1:8787";

    /** {@code tcp://...}, {@code tls://...} or {@code host:port}. */
    private static final Pattern ADDRESS = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*://.*|[^:/\\s]+:\\d+|\\[[0-9a-fA-F:.%\\w]+]:\\d+");

    /** The cluster could not be started or reached; the message says which and why. */
    static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * What to open.
     *
     * @param local the scheduler of this process (null for a cluster)
     * @param workers worker processes of a local cluster (0 otherwise)
     * @param address a running cluster's scheduler (null otherwise)
     */
    record Plan(Scheduler local, int workers, int threadsPerWorker, long memoryLimit, String dashboard, String address,
            Duration timeout, Security security) {
        static Plan inProcess(Scheduler scheduler) {
            return new Plan(scheduler, 0, 0, 0, null, null, null, Security.none());
        }

        static Plan local(int workers, int threadsPerWorker, long memoryLimit, String dashboard, Security security) {
            return new Plan(null, workers, threadsPerWorker, memoryLimit, dashboard, null, null, security);
        }

        static Plan existing(String address, Duration timeout, Security security) {
            return new Plan(null, 0, 0, 0, null, address, timeout, security);
        }
    }

    private final Scheduler local;
    private final LocalCluster cluster;
    private final Client client;

    private DemoCluster(Scheduler local, LocalCluster cluster, Client client) {
        this.local = local;
        this.cluster = cluster;
        this.client = client;
    }

    /** @return whether {@code text} is a scheduler's address rather than a scheduler's name */
    static boolean isAddress(String text) {
        return ADDRESS.matcher(text.strip()).matches();
    }

    /**
     * Starts or connects to what the plan names and prints a line saying what it is.
     *
     * @param log receives the worker processes' log lines
     * @throws Unavailable when the cluster cannot be started or its scheduler reached (within the plan's timeout)
     */
    static DemoCluster open(Plan plan, PrintWriter out, Consumer<String> log) throws Unavailable {
        if (plan.local() != null) {
            return new DemoCluster(plan.local(), null, null);
        }
        if (plan.address() != null) {
            return connect(plan, out);
        }
        return startLocal(plan, out, log);
    }

    private static DemoCluster connect(Plan plan, PrintWriter out) throws Unavailable {
        Client client;
        try {
            client = Client.builder().address(plan.address()).security(plan.security()).timeout(plan.timeout()).asDefault(false).connect();
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("cannot use the scheduler at " + plan.address() + ": " + e.getMessage(), e);
        }
        SchedulerInfo info = client.schedulerInfo();
        if (info.workers().isEmpty()) {
            client.close();
            throw new Unavailable("the scheduler at " + plan.address() + " has no workers: start some with 'jdask worker "
                    + plan.address() + "'", null);
        }
        out.printf(Locale.ROOT, "Cluster: scheduler %s, %d worker%s, %d thread%s%n", client.schedulerAddress(), info.workers().size(),
                plural(info.workers().size()), info.totalThreads(), plural(info.totalThreads()));
        client.dashboardLink().ifPresent(l -> out.println("  dashboard " + l));
        out.flush();
        return new DemoCluster(null, null, client);
    }

    private static DemoCluster startLocal(Plan plan, PrintWriter out, Consumer<String> log) throws Unavailable {
        long t0 = System.nanoTime();
        LocalCluster cluster;
        try {
            cluster = LocalCluster.builder().workers(plan.workers()).threadsPerWorker(plan.threadsPerWorker())
                    .memoryLimit(plan.memoryLimit()).processes(true).security(plan.security()).dashboardAddress(plan.dashboard())
                    .log(log).start();
        } catch (IOException | RuntimeException e) {
            throw new Unavailable("cannot start a local cluster of " + plan.workers() + " worker processes: " + e.getMessage(), e);
        }
        Client client;
        try {
            client = Client.builder().address(cluster.schedulerAddress()).security(plan.security()).asDefault(false).connect();
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw new Unavailable("cannot connect to the local cluster's scheduler at " + cluster.schedulerAddress() + ": "
                    + e.getMessage(), e);
        }
        out.printf(Locale.ROOT, "Cluster: %d worker process%s on 127.0.0.1, %d thread%s each, memory limit %s each, scheduler %s"
                + " (started in %.1f s)%n", plan.workers(), plan.workers() == 1 ? "" : "es", plan.threadsPerWorker(),
                plural(plan.threadsPerWorker()), plan.memoryLimit() == 0 ? "none" : Units.formatBytes(plan.memoryLimit()),
                cluster.schedulerAddress(), (System.nanoTime() - t0) / 1e9);
        cluster.dashboardLink().ifPresent(l -> out.println("  dashboard " + l));
        out.flush();
        return new DemoCluster(null, cluster, client);
    }

    /**
     * Runs the demo's stages here. On a cluster with an embedded DuckDB file, this process first
     * closes the file it generated (so the workers can open it read-only), and at the end, failed or
     * not, the workers and this process close it again; a failure to read it says that the workers
     * must see the file.
     */
    CorrelationDemo.Result run(CorrelationDemo.Settings s) {
        if (client == null) {
            try (Schedulers.Scope scope = Schedulers.use(local)) {
                return CorrelationDemo.run(s, CorrelationDemo.LOCAL);
            }
        }
        ClusterEngine engine = new ClusterEngine(client, s.jdbcUrl());
        if (!engine.embedded()) {
            return CorrelationDemo.run(s, engine);
        }
        Sql.closeEmbedded(s.jdbcUrl());
        RuntimeException failure = null;
        try {
            return CorrelationDemo.run(s, engine);
        } catch (RuntimeException e) {
            String file = s.jdbcUrl().substring("jdbc:duckdb:".length());
            failure = e.getMessage() == null || !e.getMessage().contains(file) ? e
                    : new IllegalStateException(e.getMessage() + " (on a cluster, the workers read the embedded DuckDB file " + file
                            + " read-only: they must run on this machine or see the file at the same path; or give --jdbc-url of"
                            + " a database server)", e);
            throw failure;
        } finally {
            try {
                release(s.jdbcUrl());
            } catch (RuntimeException e) {
                if (failure == null) {
                    throw e;
                }
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * On a cluster, with an embedded DuckDB file: makes every worker and this process close it, so
     * that this process can open it read-write (also after an earlier run that failed half-way and
     * left workers holding it read-only). Nothing otherwise.
     */
    void release(String jdbcUrl) {
        if (client != null && Sql.isEmbeddedFile(jdbcUrl)) {
            new ClusterEngine(client, jdbcUrl).releaseEverywhere(jdbcUrl);
        }
    }

    /** Disconnects, and stops a local cluster (no process left behind). */
    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }
}
