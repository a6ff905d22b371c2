package io.jdask.distributed.cluster;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.scheduler.WorkerInfo;
import io.jdask.distributed.worker.Worker;
import io.jdask.distributed.nanny.Nanny;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The {@link LocalCluster}. */
final class LocalClusterImpl implements LocalCluster {
    private final LocalCluster.Builder settings;
    private final SchedulerServer scheduler;
    private final List<Worker> threads = new ArrayList<>();
    private final List<Nanny> processes = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::stopProcesses, "jdask-local-cluster-cleanup");
    private volatile boolean closed;

    private LocalClusterImpl(LocalCluster.Builder settings, SchedulerServer scheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
    }

    static LocalCluster start(LocalCluster.Builder b) throws IOException {
        SchedulerServer s = SchedulerServer.builder().host("127.0.0.1").port(0).security(b.security).config(b.schedulerConfig)
                .dashboardAddress(b.dashboardAddress).start();
        LocalClusterImpl c = new LocalClusterImpl(b, s);
        try {
            if (b.processes) {
                Runtime.getRuntime().addShutdownHook(c.shutdownHook);
                for (int i = 0; i < b.workers; i++) {
                    c.processes.add(c.launch(i));
                }
            } else {
                for (int i = 0; i < b.workers; i++) {
                    c.threads.add(Worker.builder().scheduler(s.address()).name("local-" + i).nthreads(b.threadsPerWorker)
                            .memoryLimit(b.memoryLimit).localDirectory(b.localDirectory).security(b.security).deathTimeout(b.startTimeout)
                            .memoryMonitor(false).log(line -> { }).start());
                }
            }
            c.awaitWorkers();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private Nanny launch(int i) throws IOException {
        List<String> options = new ArrayList<>();
        if (settings.jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx")) && settings.memoryLimit <= 0) {
            options.add("-Xmx1g");
        }
        if (settings.jvmOptions.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w*GC"))) {
            options.addAll(collector(settings.memoryLimit));
        }
        options.addAll(settings.jvmOptions);
        return Nanny.builder().scheduler(scheduler.address()).name("local-" + i).nthreads(settings.threadsPerWorker)
                .memoryLimit(settings.memoryLimit).localDirectory(settings.localDirectory).deathTimeout(settings.startTimeout)
                .security(settings.security).jvmOptions(options).restart(settings.nanny)
                .log(settings.log).start();
    }

    /**
     * The worker processes' collector. Without a memory limit: G1, which frees a dropped large block
     * without moving live ones, so the worker asks for that (worker.ReleasedMemory), with the freed
     * heap kept committed, so the next block lands on memory already resident instead of pages the
     * kernel must fault in and zero again (most of a fresh block's cost). With a memory limit:
     * Serial, whose young generation the memory watch's heap estimate is built around (under G1,
     * blocks of a region's size or more count as old generation until collected, and the watch
     * pauses and restarts workers for garbage).
     */
    static List<String> collector(long memoryLimit) {
        return memoryLimit > 0 ? List.of("-XX:+UseSerialGC") : List.of("-XX:+UseG1GC", "-XX:MaxHeapFreeRatio=100");
    }

    private void awaitWorkers() throws IOException {
        long deadline = System.nanoTime() + settings.startTimeout.toNanos();
        for (Nanny n : processes) {
            try {
                n.awaitRunning(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the local cluster", e);
            }
        }
        while (scheduler.workers().size() < settings.workers) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("only " + scheduler.workers().size() + " of " + settings.workers + " workers registered within "
                        + settings.startTimeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while starting the local cluster", e);
            }
        }
    }

    @Override
    public String schedulerAddress() {
        return scheduler.address();
    }

    @Override
    public java.util.Optional<String> dashboardLink() {
        return scheduler.dashboardLink();
    }

    @Override
    public List<String> workerAddresses() {
        return scheduler.workers().stream().map(WorkerInfo::address).sorted().toList();
    }

    @Override
    public List<ProcessHandle> workerProcesses() {
        return processes.stream().flatMap(n -> n.process().stream()).toList();
    }

    @Override
    public Client client() throws IOException {
        return Client.builder().address(scheduler.address()).security(settings.security).timeout(Duration.ofSeconds(30)).connect();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker w : threads) {
            w.close();
        }
        scheduler.close();
        stopProcesses();
        if (!processes.isEmpty()) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    private void stopProcesses() {
        // each nanny closes its worker's standard input and kills it after 5 s; all at once
        List<Thread> stoppers = new ArrayList<>();
        for (Nanny n : processes) {
            Thread t = new Thread(n::close, "jdask-local-cluster-stop-" + n.name());
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public List<Nanny> nannies() {
        return List.copyOf(processes);
    }
}
