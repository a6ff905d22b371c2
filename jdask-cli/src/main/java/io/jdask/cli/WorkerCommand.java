package io.jdask.cli;

import io.jdask.config.Units;
import io.jdask.distributed.comm.Security;
import io.jdask.distributed.nanny.Nanny;
import io.jdask.distributed.worker.Worker;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code jdask worker ADDRESS|--scheduler-file F}: runs workers for a scheduler until they are
 * closed. Each prints one line: its name, address, scheduler and resources. By default each worker
 * is a process of its own under a {@link Nanny} (a supervisor thread in this process) that starts
 * it again when it dies or passes the terminate fraction of its memory limit, and prints its own
 * line; {@code --no-nanny} runs the workers in this process.
 */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Run a worker that computes tasks for a scheduler.")
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "ADDRESS", description = "The scheduler, e.g. tcp://10.0.0.1:8786.")
    String address;

    @Option(names = "--scheduler-file", paramLabel = "FILE", description = "Read the scheduler's address from FILE (waits for it to appear).")
    Path schedulerFile;

    @Option(names = "--nthreads", paramLabel = "N", defaultValue = "1", description = "Task threads per worker (default ${DEFAULT-VALUE}).")
    int nthreads;

    @Option(names = "--nworkers", paramLabel = "N", defaultValue = "1",
            description = "Worker processes to run, each under its own nanny (default ${DEFAULT-VALUE}).")
    int nworkers;

    @Option(names = "--name", paramLabel = "NAME", description = "The worker's name (default: its address; with --nworkers, NAME-0, NAME-1, ...).")
    String name;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "0.0.0.0", description = "Interface to listen on for peers and clients (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--memory-limit", paramLabel = "LIMIT", defaultValue = "auto",
            description = "Per worker: a size (4GiB), a fraction of this machine's memory (0.5), auto (machine memory / nworkers) or 0 for none (default ${DEFAULT-VALUE}).")
    String memoryLimit;

    @Option(names = "--resources", paramLabel = "NAME=AMOUNT,...", description = "Abstract resources tasks may require, e.g. GPU=1,MEM=2e9.")
    String resources;

    @Option(names = "--local-directory", paramLabel = "DIR", description = "Shared directory under which each worker with a memory limit spills to its own worker-* directory, and where shipped code is cached (code-cache/, shared by the machine's workers, kept across runs) (default: <tmpdir>/jdask-worker-space).")
    Path localDirectory;

    @Option(names = "--lifetime", paramLabel = "DURATION", description = "Close after this long, e.g. 1h (default: never).")
    String lifetime;

    @Option(names = "--death-timeout", paramLabel = "DURATION", defaultValue = "60s",
            description = "Give up when the scheduler cannot be reached for this long (default ${DEFAULT-VALUE}).")
    String deathTimeout;

    @Option(names = "--no-nanny", description = "Run the workers in this process, without nannies: nothing restarts a worker that dies"
            + " or passes 95% of its memory limit.")
    boolean noNanny;

    @Mixin
    SecurityOptions security;

    @Override
    public Integer call() throws Exception {
        if ((address == null) == (schedulerFile == null)) {
            throw new ParameterException(spec.commandLine(), "give the scheduler's ADDRESS or --scheduler-file FILE (one of them)");
        }
        if (nthreads < 1 || nworkers < 1) {
            throw new ParameterException(spec.commandLine(), "--nthreads and --nworkers must be at least 1");
        }
        Security sec = security.resolve(System.getenv());
        long limit = parseMemoryLimit(memoryLimit, nworkers);
        Map<String, Double> res = parseResources(resources);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Consumer<String> log = line -> {
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        };
        Duration death = Units.parseDuration(deathTimeout);
        Duration life = lifetime == null ? Duration.ZERO : Units.parseDuration(lifetime);
        return noNanny ? inProcess(sec, limit, res, death, life, out, log) : underNannies(sec, limit, res, death, life, out, log);
    }

    private int underNannies(Security sec, long limit, Map<String, Double> res, Duration death, Duration life, PrintWriter out,
            Consumer<String> log) throws Exception {
        Consumer<String> print = line -> {
            synchronized (out) {
                out.println(line);
                out.flush();
            }
        };
        List<Nanny> nannies = new ArrayList<>();
        Thread hook = new Thread(() -> nannies.parallelStream().forEach(Nanny::close), "jdask-nanny-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < nworkers; i++) {
                Nanny.Builder b = Nanny.builder().nthreads(nthreads).memoryLimit(limit).resources(res).host(host).security(sec)
                        .deathTimeout(death).lifetime(life).localDirectory(localDirectory).output(print).log(log);
                if (address != null) {
                    b.scheduler(address);
                } else {
                    b.schedulerFile(schedulerFile);
                }
                if (name != null) {
                    b.name(nworkers == 1 ? name : name + "-" + i);
                }
                nannies.add(b.start());
            }
            // the worker waits for its scheduler for up to the death timeout; allow for the JVM's start on top
            Duration wait = death.plus(Duration.ofSeconds(60));
            for (Nanny n : nannies) {
                n.awaitRunning(wait);
                print.accept(n.summary());
            }
            for (Nanny n : nannies) {
                n.awaitClosed();
            }
        } finally {
            nannies.parallelStream().forEach(Nanny::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
        return 0;
    }

    private int inProcess(Security sec, long limit, Map<String, Double> res, Duration death, Duration life, PrintWriter out,
            Consumer<String> log) throws Exception {
        List<Worker> workers = new ArrayList<>();
        Thread hook = new Thread(() -> workers.forEach(Worker::close), "jdask-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < nworkers; i++) {
                // workers sharing this JVM cannot tell their memory apart: they pause on their data stores' bytes
                Worker.Builder b = Worker.builder().nthreads(nthreads).memoryLimit(limit).resources(res).host(host).security(sec)
                        .deathTimeout(death).lifetime(life).memoryMonitor(nworkers == 1).log(log);
                if (address != null) {
                    b.scheduler(address);
                } else {
                    b.schedulerFile(schedulerFile);
                }
                if (name != null) {
                    b.name(nworkers == 1 ? name : name + "-" + i);
                }
                if (localDirectory != null) {
                    b.localDirectory(localDirectory);
                }
                Worker w = b.start();
                workers.add(w);
                out.println(w.summary());
                out.flush();
            }
            for (Worker w : workers) {
                w.awaitClosed();
            }
        } finally {
            workers.forEach(Worker::close);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running
            }
        }
        return 0;
    }

    static long parseMemoryLimit(String text, int nworkers) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long total = totalMemory();
        if (t.equals("auto")) {
            return total / nworkers;
        }
        if (t.matches("0*\\.\\d+|1(\\.0*)?")) {
            return (long) (Double.parseDouble(t) * total);
        }
        try {
            return Units.parseBytes(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--memory-limit: " + e.getMessage() + "; or give a fraction like 0.5, auto, or 0 for none", e);
        }
    }

    static long totalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return Runtime.getRuntime().maxMemory();
    }

    static Map<String, Double> parseResources(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            String p = part.strip();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--resources: '" + p + "' is not NAME=AMOUNT (e.g. GPU=1)");
            }
            String key = p.substring(0, eq).strip();
            try {
                double v = Double.parseDouble(p.substring(eq + 1).strip());
                if (!(v > 0)) {
                    throw new IllegalArgumentException("--resources: the amount of " + key + " must be positive, got " + v);
                }
                out.put(key, v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--resources: the amount of " + key + " is not a number: '" + p.substring(eq + 1) + "'", e);
            }
        }
        return out;
    }
}
