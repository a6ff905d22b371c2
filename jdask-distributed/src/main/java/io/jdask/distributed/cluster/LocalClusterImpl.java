package io.jdask.distributed.cluster;

import io.jdask.distributed.client.Client;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.scheduler.SchedulerServer;
import io.jdask.distributed.scheduler.WorkerInfo;
import io.jdask.distributed.worker.Worker;
import io.jdask.distributed.worker.WorkerMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@link LocalCluster}. */
final class LocalClusterImpl implements LocalCluster {
    /** JVM options of this process that worker processes need too. */
    private static final List<String> INHERITED = List.of("--add-opens", "--add-exports", "--enable-native-access",
            "--sun-misc-unsafe-memory-access", "-Dsun.misc.unsafe", "-Dserialization.", "-Djdask.", "-Dscheduler.");

    private final LocalCluster.Builder settings;
    private final SchedulerServer scheduler;
    private final List<Worker> threads = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
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
                            .log(line -> { }).start());
                }
            }
            c.awaitWorkers();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private Process launch(int i) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (INHERITED.stream().anyMatch(a::startsWith)) {
                cmd.add(a);
            }
        }
        if (settings.jvmOptions.stream().noneMatch(o -> o.startsWith("-Xmx"))) {
            long heap = settings.memoryLimit > 0 ? settings.memoryLimit + (256L << 20) : 1L << 30;
            cmd.add("-Xmx" + (heap >> 20) + "m");
        }
        cmd.add("-XX:+UseSerialGC");
        cmd.addAll(settings.jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(WorkerMain.class.getName());
        cmd.addAll(List.of("--scheduler", scheduler.address(), "--nthreads", String.valueOf(settings.threadsPerWorker),
                "--memory-limit", String.valueOf(settings.memoryLimit), "--name", "local-" + i,
                "--death-timeout-ms", String.valueOf(settings.startTimeout.toMillis())));
        if (settings.localDirectory != null) {
            cmd.addAll(List.of("--local-directory", settings.localDirectory.toAbsolutePath().toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (settings.security.token() != null) {
            pb.environment().put(Security.TOKEN_ENV, settings.security.token());
        } else {
            pb.environment().remove(Security.TOKEN_ENV);
            pb.environment().remove(Security.TOKEN_FILE_ENV);
        }
        Process p = pb.start();
        Thread drain = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                while (r.readLine() != null) {
                    // the worker's summary line and anything its tasks print
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "jdask-local-worker-" + i + "-stdout");
        drain.setDaemon(true);
        drain.start();
        return p;
    }

    private void awaitWorkers() throws IOException {
        long deadline = System.nanoTime() + settings.startTimeout.toNanos();
        while (scheduler.workers().size() < settings.workers) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IOException("a worker process of the local cluster exited with code " + p.exitValue()
                            + " before registering (its error is on stderr)");
                }
            }
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
        return processes.stream().map(Process::toHandle).toList();
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
        for (Process p : processes) {
            try {
                p.getOutputStream().close();
            } catch (IOException ignored) {
                // closing stdin tells the worker to exit; it may be gone already
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (Process p : processes) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
