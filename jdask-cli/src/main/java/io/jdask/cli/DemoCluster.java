package io.jdask.cli;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.cluster.LocalCluster;
import io.jdask.distributed.comm.Security;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where a demo computes: this process's threads (nothing to open), a local cluster of worker
 * processes ({@code --workers N}), or an existing scheduler ({@code --scheduler ADDRESS}). While
 * open, its client is the default scheduler of every {@code compute()}.
 */
final class DemoCluster implements AutoCloseable {
    private final LocalCluster cluster;
    private final Client client;
    private final String description;

    private DemoCluster(LocalCluster cluster, Client client, String description) {
        this.cluster = cluster;
        this.client = client;
        this.description = description;
    }

    /**
     * @param workers worker processes of a local cluster, 0 for none
     * @param scheduler an existing scheduler's address, or null
     * @return the open cluster (nothing when both are absent)
     */
    static DemoCluster open(int workers, String scheduler) {
        try {
            if (scheduler != null) {
                Client c = Client.builder().address(scheduler)
                        .security(Security.token(Security.resolveToken(null, null, System.getenv()).orElse(null)))
                        .connect();
                return new DemoCluster(null, c, "the cluster at " + scheduler);
            }
            if (workers > 0) {
                LocalCluster lc = LocalCluster.builder().workers(workers).threadsPerWorker(1).processes(true).start();
                try {
                    return new DemoCluster(lc, lc.client(), "a local cluster of " + workers + " worker process" + (workers == 1 ? "" : "es")
                            + " (scheduler " + lc.schedulerAddress() + ")");
                } catch (IOException | RuntimeException e) {
                    lc.close();
                    throw e;
                }
            }
            return new DemoCluster(null, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the cluster: " + e.getMessage(), e);
        }
    }

    /** @return what it is, for the demo's output, or null for this process's threads */
    String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }
}
